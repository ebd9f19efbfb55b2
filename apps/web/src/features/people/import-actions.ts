'use server';

import type { ImportPeopleResponse } from '@resonance/contracts';
import { revalidatePath } from 'next/cache';
import { type ActionResult, toActionResult } from '@/lib/actions/action-result';
import { actionApi } from '@/lib/api/server-api';

/** Sends the CSV as it is; the API validates every line and, on a dry run, writes nothing. */
export async function importOrgChart(
  csv: string,
  dryRun: boolean,
): Promise<ActionResult<ImportPeopleResponse>> {
  const result = await toActionResult(() =>
    actionApi<ImportPeopleResponse>('/people/import', {
      method: 'POST',
      body: csv,
      contentType: 'text/csv; charset=utf-8',
      query: { dryRun: dryRun ? 'true' : 'false' },
    }),
  );
  if (result.ok && !dryRun) revalidatePath('/admin', 'layout');
  return result;
}
