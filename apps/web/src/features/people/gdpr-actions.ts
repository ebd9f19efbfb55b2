'use server';

import type { PersonErasure } from '@resonance/contracts';
import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { type ActionResult, toActionResult } from '@/lib/actions/action-result';
import { actionApi } from '@/lib/api/server-api';
import { clearSessionCookies } from '@/lib/session/cookies';

/** GDPR Art. 17: erases a person (the API decides what is deleted and what stays anonymous). */
export async function erasePerson(id: string): Promise<ActionResult<PersonErasure>> {
  const result = await toActionResult(() =>
    actionApi<PersonErasure>(`/people/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
  if (result.ok) revalidatePath('/admin/people');
  return result;
}

/** Deletes the whole organisation; the caller's login goes with it, so the cookies are forgotten. */
export async function deleteOrganisation(confirm: string): Promise<ActionResult> {
  const result = await toActionResult(() =>
    actionApi<undefined>('/org', { method: 'DELETE', body: { confirm } }),
  );
  if (!result.ok) return result;
  clearSessionCookies(await cookies());
  // The login page's signed-out notice is what the admin sees next; nothing of theirs is left.
  redirect('/login?signedOut=1');
}
