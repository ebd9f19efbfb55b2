import { type NextRequest, NextResponse } from 'next/server';
import { env } from '@/env';
import { PATH_HEADER } from '@/lib/request-path';
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from '@/lib/security-headers';
import { needsRefresh } from '@/lib/session/access-token';
import {
  ACCESS_COOKIE,
  clearSessionCookies,
  REFRESH_COOKIE,
  type SessionTokens,
  writeSessionCookies,
} from '@/lib/session/cookies';
import { refreshSession } from '@/lib/session/refresh';

/** Pages that need a signed-in user; everything else (login, signup, survey) is public. */
const PROTECTED_PREFIXES = ['/dashboard', '/admin', '/export'];
/** API paths the browser reaches through this app; the rater's survey never carries a user's identity. */
const ANONYMOUS_API_PREFIXES = ['/api/v1/survey'];

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Runs before every page and every same-origin API call:
 * 1. keeps the session fresh — an access token that is missing or about to
 *    expire is renewed with the refresh token, and both cookies are rotated;
 * 2. forwards `/api/v1/*` to the API (a runtime rewrite, so API_URL is read
 *    when the server starts, not baked in at build time), turning the
 *    httpOnly cookie into an Authorization header on the way;
 * 3. sends visitors without a session from protected pages to the login.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const session = await freshSession(request);
  const isApi = pathname === '/api/v1' || pathname.startsWith('/api/v1/');

  const headers = new Headers(request.headers);
  let response: NextResponse;

  if (isApi) {
    headers.delete('cookie');
    headers.delete('authorization');
    const anonymous = ANONYMOUS_API_PREFIXES.some((prefix) => pathname.startsWith(prefix));
    if (!anonymous && session.accessToken) {
      // The cookie is sent by the browser automatically, so a cross-site form could ride on it;
      // unsafe methods must come from our own pages.
      if (UNSAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
        return problem(403, 'Cross-site request refused', 'This request did not come from Resonance itself.');
      }
      headers.set('authorization', `Bearer ${session.accessToken}`);
    }
    response = NextResponse.rewrite(new URL(`${pathname}${search}`, env().apiUrl), { request: { headers } });
  } else {
    const isProtected = PROTECTED_PREFIXES.some(
      (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
    );
    if (isProtected && !session.accessToken) {
      const login = new URL('/login', request.url);
      login.search = '';
      login.searchParams.set('next', `${pathname}${search}`);
      response = NextResponse.redirect(login);
    } else {
      headers.set(PATH_HEADER, `${pathname}${search}`);
      if (session.changed) headers.set('cookie', cookieHeaderWith(request, session));
      // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
      const policy = contentSecurityPolicy(newNonce(), { development: env().nodeEnv === 'development' });
      headers.set('content-security-policy', policy);
      response = NextResponse.next({ request: { headers } });
      response.headers.set('Content-Security-Policy', policy);
    }
  }
  if (env().secureCookies) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);

  if (session.changed) {
    if (session.accessToken && session.refreshToken) {
      writeSessionCookies(response.cookies, {
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
        refreshTokenExpiresAt: session.refreshTokenExpiresAt,
      });
    } else {
      clearSessionCookies(response.cookies);
    }
  }
  return response;
}

interface ProxySession {
  accessToken: string | undefined;
  refreshToken: string | undefined;
  refreshTokenExpiresAt?: string;
  /** The cookies must be rewritten (rotated or cleared). */
  changed: boolean;
}

async function freshSession(request: NextRequest): Promise<ProxySession> {
  const accessToken = request.cookies.get(ACCESS_COOKIE)?.value;
  const refreshToken = request.cookies.get(REFRESH_COOKIE)?.value;
  if (!refreshToken) return { accessToken, refreshToken, changed: false };
  if (!needsRefresh(accessToken)) return { accessToken, refreshToken, changed: false };
  const outcome = await refreshSession(refreshToken);
  if (outcome.kind === 'refreshed') {
    const { accessToken: access, refreshToken: refresh, refreshTokenExpiresAt } = outcome.tokens;
    return { accessToken: access, refreshToken: refresh, refreshTokenExpiresAt, changed: true };
  }
  if (outcome.kind === 'rejected') return { accessToken: undefined, refreshToken: undefined, changed: true };
  return { accessToken, refreshToken, changed: false };
}

function cookieHeaderWith(request: NextRequest, session: ProxySession): string {
  const jar = new Map(request.cookies.getAll().map((cookie) => [cookie.name, cookie.value]));
  const tokens: Partial<SessionTokens> = session;
  for (const [name, value] of [
    [ACCESS_COOKIE, tokens.accessToken],
    [REFRESH_COOKIE, tokens.refreshToken],
  ] as const) {
    if (value) jar.set(name, value);
    else jar.delete(name);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (origin)
    return (
      origin === request.nextUrl.origin ||
      origin === `${request.nextUrl.protocol}//${request.headers.get('host')}`
    );
  return request.headers.get('sec-fetch-site') === 'same-origin';
}

function problem(status: number, title: string, detail: string) {
  return NextResponse.json(
    { type: 'https://resonance.dev/problems/forbidden', title, status, detail },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:svg|png|ico|css|js)$).*)'],
};
