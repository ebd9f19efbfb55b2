import { env } from '@/env';
import type { CookieWriter } from './cookies';

/**
 * Binds a single sign-on to the browser that started it: the callback must bring the same state in
 * this cookie, so nobody can log a victim into the attacker's account by sending them a callback
 * link (login CSRF). Lax, because the provider sends the browser back with a top-level GET.
 */
export const SSO_STATE_COOKIE = 'resonance_sso_state';

/** As long as the API keeps the sign-in (10 minutes). */
const SSO_STATE_MAX_AGE_SECONDS = 10 * 60;

export function writeSsoStateCookie(store: CookieWriter, state: string): void {
  store.set(SSO_STATE_COOKIE, state, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().secureCookies,
    path: '/login/sso',
    maxAge: SSO_STATE_MAX_AGE_SECONDS,
  });
}

export function clearSsoStateCookie(store: CookieWriter): void {
  store.set(SSO_STATE_COOKIE, '', { path: '/login/sso', maxAge: 0, httpOnly: true, sameSite: 'lax' });
}
