import type { MeResponse } from '@resonance/contracts';
import { cookies } from 'next/headers';
import { forbidden } from 'next/navigation';
import { cache } from 'react';
import { env } from '@/env';
import { api } from '@/lib/api/server-api';
import { ACCESS_COOKIE } from '@/lib/session/cookies';

/** Who is signed in; fetched once per request however many components ask. */
export const getMe = cache(() => api<MeResponse>('/me'));

/**
 * For admin-only pages: a leader gets a 403 page that sends them to their dashboard (forbidden.tsx).
 * The admin console is no secret; the API refuses its data to them anyway.
 */
export async function requireAdmin(): Promise<MeResponse> {
  const me = await getMe();
  if (me.role !== 'admin') forbidden();
  return me;
}

/**
 * The zone every time on the page is shown in: the signed-in user's organisation's, else the
 * configured default. Never the browser's or the server's own, so both render the same text.
 */
export async function displayTimeZone(): Promise<string> {
  if ((await cookies()).get(ACCESS_COOKIE)) {
    try {
      return (await getMe()).organisation.timeZone;
    } catch {
      // Not signed in after all (or the API is away): the page itself reports that.
    }
  }
  return env().timeZone;
}
