import type { Locale } from '@resonance/domain';
import { env } from '@/env';
import type { CookieWriter } from '@/lib/session/cookies';
import { LOCALE_COOKIE } from './locale';

/** Remembers a language in this browser for a year; readable by pages, not by scripts. */
export function writeLocaleCookie(store: CookieWriter, locale: Locale): void {
  store.set(LOCALE_COOKIE, locale, {
    path: '/',
    sameSite: 'lax',
    secure: env().secureCookies,
    maxAge: 60 * 60 * 24 * 365,
  });
}
