'use server';

import type { OrgSettings, UpdateOrgSettingsRequest } from '@resonance/contracts';
import { revalidatePath } from 'next/cache';
import { type ActionResult, toActionResult } from '@/lib/actions/action-result';
import { actionApi } from '@/lib/api/server-api';

export async function updateOrgSettings(
  changes: UpdateOrgSettingsRequest,
): Promise<ActionResult<OrgSettings>> {
  const result = await toActionResult(() =>
    actionApi<OrgSettings>('/org/settings', { method: 'PATCH', body: changes }),
  );
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
