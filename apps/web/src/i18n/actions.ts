'use server';

import { isLocale } from '@resonance/domain';
import { cookies } from 'next/headers';
import { env } from '@/env';
import { LOCALE_COOKIE } from './locale';

/** Stores the chosen language for a year; the page re-renders in it. */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    sameSite: 'lax',
    secure: env().secureCookies,
    maxAge: 60 * 60 * 24 * 365,
  });
}
