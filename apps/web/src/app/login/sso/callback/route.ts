import { timingSafeEqual } from 'node:crypto';
import type { SsoCallbackRequest, SsoSession } from '@resonance/contracts';
import { ssoFailureCodes } from '@resonance/contracts';
import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { env } from '@/env';
import { problemFromResponse } from '@/lib/api/problem';
import { relativeRedirect } from '@/lib/relative-redirect';
import { clearSsoStateCookie, SSO_STATE_COOKIE } from '@/lib/session/sso-state-cookie';
import { startSession } from '@/lib/session/start-session';

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
  return relativeRedirect(await startSession(jar, session, session.next ?? '/'));
}
