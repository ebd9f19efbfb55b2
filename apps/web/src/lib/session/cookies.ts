import type { Session } from '@resonance/contracts';
import { env } from '@/env';

/** The API's tokens live only in these httpOnly cookies; page scripts never see them. */
export const ACCESS_COOKIE = 'resonance_access';
export const REFRESH_COOKIE = 'resonance_refresh';

/** Used when the API does not say how long the refresh token lives. */
const FALLBACK_MAX_AGE_SECONDS = 60 * 60 * 24 * 14;

export type SessionTokens = Pick<Session, 'accessToken' | 'refreshToken'> &
  Partial<Pick<Session, 'refreshTokenExpiresAt'>>;

/** The common part of Next's request and response cookie stores. */
export interface CookieWriter {
  set(name: string, value: string, options: Record<string, unknown>): unknown;
  delete(name: string): unknown;
}

/** Both cookies live as long as the refresh token: an expired access token is renewed, not lost. */
export function sessionCookieOptions(refreshTokenExpiresAt?: string) {
  const expiresAt = refreshTokenExpiresAt ? Date.parse(refreshTokenExpiresAt) : Number.NaN;
  const maxAge = Number.isFinite(expiresAt)
    ? Math.max(0, Math.floor((expiresAt - Date.now()) / 1000))
    : FALLBACK_MAX_AGE_SECONDS;
  return { httpOnly: true, sameSite: 'lax' as const, secure: env().secureCookies, path: '/', maxAge };
}

export function writeSessionCookies(store: CookieWriter, tokens: SessionTokens): void {
  const options = sessionCookieOptions(tokens.refreshTokenExpiresAt);
  store.set(ACCESS_COOKIE, tokens.accessToken, options);
  store.set(REFRESH_COOKIE, tokens.refreshToken, options);
}

export function clearSessionCookies(store: CookieWriter): void {
  store.delete(ACCESS_COOKIE);
  store.delete(REFRESH_COOKIE);
}
