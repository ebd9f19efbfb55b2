/**
 * Reads claims from an access token WITHOUT verifying it. The web app uses
 * them only to decide when to refresh and which navigation to show; every
 * authorisation decision is the API's, which verifies the signature.
 */
export interface UnverifiedClaims {
  exp?: number;
  role?: string;
  sub?: string;
}

export function readUnverifiedClaims(token: string | undefined): UnverifiedClaims | undefined {
  if (!token) return undefined;
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = Buffer.from(payload, 'base64url').toString('utf8');
    const claims = JSON.parse(json) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as UnverifiedClaims) : undefined;
  } catch {
    return undefined;
  }
}

/** True when the token is missing, unreadable, or expires within `marginSeconds`. */
export function needsRefresh(token: string | undefined, nowMs = Date.now(), marginSeconds = 60): boolean {
  const exp = readUnverifiedClaims(token)?.exp;
  if (typeof exp !== 'number') return true;
  return exp * 1000 - marginSeconds * 1000 <= nowMs;
}
