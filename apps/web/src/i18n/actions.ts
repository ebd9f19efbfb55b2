'use server';

import type { MeResponse, UpdateMyPreferencesRequest } from '@resonance/contracts';
import { isLocale } from '@resonance/domain';
import { cookies } from 'next/headers';
import { actionApi, attempt } from '@/lib/api/server-api';
import { writeLocaleCookie } from './locale-cookie';

/** Stores the chosen language in this browser only (login page, survey); the page re-renders in it. */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  writeLocaleCookie(await cookies(), locale);
}

/** The signed-in user's choice: kept in this browser and saved to their account for the next login. */
export async function saveMyLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  writeLocaleCookie(await cookies(), locale);
  const body: UpdateMyPreferencesRequest = { locale };
  // Best effort: if the API cannot save it, the cookie still keeps the choice in this browser.
  await attempt(actionApi<MeResponse>('/me', { method: 'PATCH', body }));
}
