'use server';

import type { FocusInput, LeaderFocus } from '@resonance/contracts';
import { revalidatePath } from 'next/cache';
import { type ActionResult, toActionResult } from '@/lib/actions/action-result';
import { actionApi } from '@/lib/api/server-api';

const focusPath = (leaderId: string, roundId: string) =>
  `/leaders/${encodeURIComponent(leaderId)}/focus/${encodeURIComponent(roundId)}`;

export async function saveFocus(
  leaderId: string,
  roundId: string,
  input: FocusInput,
): Promise<ActionResult<LeaderFocus>> {
  const result = await toActionResult(() =>
    actionApi<LeaderFocus>(focusPath(leaderId, roundId), { method: 'PUT', body: input }),
  );
  if (result.ok) revalidatePath('/dashboard');
  return result;
}

export async function removeFocus(leaderId: string, roundId: string): Promise<ActionResult<null>> {
  const result = await toActionResult(async () => {
    await actionApi<null>(focusPath(leaderId, roundId), { method: 'DELETE' });
    return null;
  });
  if (result.ok) revalidatePath('/dashboard');
  return result;
}
