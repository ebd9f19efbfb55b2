import { createHash, randomBytes } from 'node:crypto';
import type { UserRole } from '@resonance/contracts';

/** Access tokens live briefly; every request re-checks the user, so revocation is immediate anyway. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const PASSWORD_SETUP_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Claims we put in an access token besides iss, aud, iat and exp. */
export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** Organisation id: the only source of the tenant for every request. */
  org: string;
  role: UserRole;
  /** The user's tokenVersion when the token was issued. */
  ver: number;
}

export type AccessTokenSigner = (claims: AccessTokenClaims) => string;

/** 256 random bits, URL-safe: refresh tokens and password-setup tokens. */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Opaque tokens are stored only as their SHA-256: a leaked table grants nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
