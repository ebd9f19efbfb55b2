import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { relativeRedirect } from '@/lib/relative-redirect';
import { safeNextPath } from '@/lib/request-path';
import { clearSessionCookies, REFRESH_COOKIE, writeSessionCookies } from '@/lib/session/cookies';
import { refreshSession } from '@/lib/session/refresh';

/**
 * A page whose API call answered 401 lands here: server components cannot
 * write cookies, so the refresh token is used once here, the cookies are
 * rotated, and the visitor goes back to where they were.
 */
export async function GET(request: NextRequest) {
  const next = safeNextPath(request.nextUrl.searchParams.get('next'), '/');
  const jar = await cookies();
  const refreshToken = jar.get(REFRESH_COOKIE)?.value;
  const outcome = refreshToken ? await refreshSession(refreshToken) : ({ kind: 'rejected' } as const);
  if (outcome.kind === 'refreshed') {
    writeSessionCookies(jar, outcome.tokens);
    return relativeRedirect(next);
  }
  if (outcome.kind === 'rejected') clearSessionCookies(jar);
  return relativeRedirect(`/login?${new URLSearchParams({ next, expired: '1' }).toString()}`);
}
