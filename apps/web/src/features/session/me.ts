import type { MeResponse } from '@resonance/contracts';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { api } from '@/lib/api/server-api';

/** Who is signed in; fetched once per request however many components ask. */
export const getMe = cache(() => api<MeResponse>('/me'));

/** For admin-only pages: others get a 404, as the API does, rather than a hint that the page exists. */
export async function requireAdmin(): Promise<MeResponse> {
  const me = await getMe();
  if (me.role !== 'admin') notFound();
  return me;
}
