'use server';

import type { OrgSso, UpdateOrgSsoRequest } from '@resonance/contracts';
import { revalidatePath } from 'next/cache';
import { type ActionResult, toActionResult } from '@/lib/actions/action-result';
import { actionApi } from '@/lib/api/server-api';

export async function saveSso(input: UpdateOrgSsoRequest): Promise<ActionResult<OrgSso>> {
  const result = await toActionResult(() => actionApi<OrgSso>('/org/sso', { method: 'PUT', body: input }));
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}

export async function removeSso(): Promise<ActionResult> {
  const result = await toActionResult(() => actionApi<undefined>('/org/sso', { method: 'DELETE' }));
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}
