import { timingSafeEqual } from 'node:crypto';
import type { MeResponse, SsoCallbackRequest, SsoSession } from '@resonance/contracts';
import { ssoFailureCodes } from '@resonance/contracts';
import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { env } from '@/env';
import { writeLocaleCookie } from '@/i18n/locale-cookie';
import { problemFromResponse } from '@/lib/api/problem';
import { relativeRedirect } from '@/lib/relative-redirect';
import { safeNextPath } from '@/lib/request-path';
import { writeSessionCookies } from '@/lib/session/cookies';
import { clearSsoStateCookie, SSO_STATE_COOKIE } from '@/lib/session/sso-state-cookie';

const KNOWN_FAILURES = new Set<string>([...ssoFailureCodes, 'unavailable']);

const failed = (code: string) =>
  relativeRedirect(
    `/login?${new URLSearchParams({ sso: KNOWN_FAILURES.has(code) ? code : 'sso-provider-error' })}`,
  );

function sameState(cookie: string | undefined, state: string): boolean {
  if (!cookie) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(state);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Where the identity provider sends the browser back. The state must match the cookie this browser
 * got at the start (else someone else's sign-in is being pushed into it); the API then exchanges the
 * code and answers with a session, which goes into the usual httpOnly cookies.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const jar = await cookies();
  const expected = jar.get(SSO_STATE_COOKIE)?.value;
  clearSsoStateCookie(jar);
  const state = params.get('state') ?? '';
  const code = params.get('code');
  // The provider refused or the person cancelled there (`error=access_denied` and the like).
  if (params.has('error') || !code) return failed('sso-provider-error');
  if (!state || !sameState(expected, state)) return failed('sso-state-invalid');

  const iss = params.get('iss');
  const body: SsoCallbackRequest = { state, code, ...(iss ? { iss } : {}) };
  let response: Response;
  try {
    response = await fetch(`${env().apiUrl}/api/v1/auth/sso/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    return failed('unavailable');
  }
  if (!response.ok) {
    const problem = await problemFromResponse(response);
    return failed(problem.status >= 500 ? 'unavailable' : problem.code);
  }
  const session = (await response.json()) as SsoSession;
  writeSessionCookies(jar, session);

  const profile = await fetch(`${env().apiUrl}/api/v1/me`, {
    headers: { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' },
    cache: 'no-store',
  })
    .then((me) => (me.ok ? (me.json() as Promise<MeResponse>) : undefined))
    .catch(() => undefined);
  if (profile?.user.locale) writeLocaleCookie(jar, profile.user.locale);
  const next = safeNextPath(session.next, '/');
  if (next === '/' && profile)
    return relativeRedirect(profile.role === 'admin' ? '/admin/overview' : '/dashboard');
  return relativeRedirect(next);
}
