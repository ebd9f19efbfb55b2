import type { MeResponse } from '@resonance/contracts';
import { env } from '@/env';
import { writeLocaleCookie } from '@/i18n/locale-cookie';
import { safeNextPath } from '@/lib/request-path';
import { type CookieWriter, type SessionTokens, writeSessionCookies } from './cookies';

/**
 * After a password or single sign-on login: the session goes into the httpOnly cookies, the user's
 * saved language into the locale cookie, and the answer is where to land. A saved language applies
 * at every login, replacing a choice left in this browser; without one, that choice (or else the
 * browser's language) stays — a cookie here would pose as an explicit pick.
 */
export async function startSession(jar: CookieWriter, session: SessionTokens, next: string): Promise<string> {
  writeSessionCookies(jar, session);
  const profile = await fetch(`${env().apiUrl}/api/v1/me`, {
    headers: { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' },
    cache: 'no-store',
  })
    .then((me) => (me.ok ? (me.json() as Promise<MeResponse>) : undefined))
    .catch(() => undefined);
  if (profile?.user.locale) writeLocaleCookie(jar, profile.user.locale);
  const destination = safeNextPath(next, '/');
  // Without a particular destination, each role starts where its work is.
  if (destination === '/' && profile) return profile.role === 'admin' ? '/admin/overview' : '/dashboard';
  return destination;
}
