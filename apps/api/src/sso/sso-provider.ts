import { AppError, type ProblemKind } from '../errors/problem';

/**
 * The identity provider failed us (no answer, a refused or replayed code, a token for another
 * issuer or client). One code for all: the person can only start again, and the detail of what the
 * provider said belongs in the log, not in a reply.
 */
export function ssoProviderError(kind: Extract<ProblemKind, 'unauthenticated' | 'unprocessable'>) {
  return new AppError(kind, 'The sign-in at the identity provider did not succeed. Please start again.', {
    code: 'sso-provider-error',
  });
}

/** The stored client secret in clear, for the token request; null for a public client. */
export function unsealClientSecret(
  sso: { orgId: string; clientSecretSealed: Uint8Array | null },
  unseal: (sealed: Buffer, orgId: string) => string,
): string | null {
  if (!sso.clientSecretSealed) return null;
  return unseal(Buffer.from(sso.clientSecretSealed), sso.orgId);
}
