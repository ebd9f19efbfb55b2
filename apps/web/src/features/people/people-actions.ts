'use server';

import type { InviteUserResponse, Person, UpdatePersonRequest } from '@resonance/contracts';
import { revalidatePath } from 'next/cache';
import { type ActionResult, toActionResult } from '@/lib/actions/action-result';
import { actionApi } from '@/lib/api/server-api';

export async function updatePerson(id: string, changes: UpdatePersonRequest): Promise<ActionResult<Person>> {
  const result = await toActionResult(() =>
    actionApi<Person>(`/people/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes }),
  );
  if (result.ok) revalidatePath('/admin/people');
  return result;
}

export async function inviteUser(id: string): Promise<ActionResult<InviteUserResponse>> {
  const result = await toActionResult(() =>
    actionApi<InviteUserResponse>(`/people/${encodeURIComponent(id)}/invite-user`, { method: 'POST' }),
  );
  if (result.ok) revalidatePath('/admin/people');
  return result;
}
