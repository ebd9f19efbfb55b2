import type { RefreshRequest, Session } from '@resonance/contracts';
import { env } from '@/env';
import type { SessionTokens } from './cookies';

export type RefreshOutcome =
  | { kind: 'refreshed'; tokens: SessionTokens }
  /** The API rejected the refresh token: the session is over. */
  | { kind: 'rejected' }
  /** The API could not be asked; keep the cookies and try again later. */
  | { kind: 'unavailable' };

// Refresh tokens are single-use and the API revokes the whole family when one
// is reused. A page load fans out into parallel requests (documents, RSC
// payloads, prefetches) that may all notice an expired access token at once,
// so concurrent refreshes with the same token share one call and its result.
const inFlight = new Map<string, Promise<RefreshOutcome>>();
const RESULT_TTL_MS = 30_000;

export function refreshSession(refreshToken: string): Promise<RefreshOutcome> {
  const existing = inFlight.get(refreshToken);
  if (existing) return existing;
  const outcome = callRefresh(refreshToken);
  inFlight.set(refreshToken, outcome);
  setTimeout(() => inFlight.delete(refreshToken), RESULT_TTL_MS).unref?.();
  return outcome;
}

async function callRefresh(refreshToken: string): Promise<RefreshOutcome> {
  let response: Response;
  try {
    response = await fetch(`${env().apiUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken } satisfies RefreshRequest),
      cache: 'no-store',
    });
  } catch {
    return { kind: 'unavailable' };
  }
  if (response.status >= 500 || response.status === 429) return { kind: 'unavailable' };
  if (!response.ok) return { kind: 'rejected' };
  const session = (await response.json()) as Session;
  return { kind: 'refreshed', tokens: session };
}
