'use server';

import type {
  ArchiveRoundResponse,
  CloseRoundResponse,
  CreateRoundRequest,
  OpenRoundResponse,
  RemindRoundResponse,
  RoundSummary,
  UpdateRoundRequest,
} from '@resonance/contracts';
import { revalidatePath } from 'next/cache';
import { type ActionResult, toActionResult } from '@/lib/actions/action-result';
import { actionApi } from '@/lib/api/server-api';

export async function createRound(request: CreateRoundRequest): Promise<ActionResult<RoundSummary>> {
  const result = await toActionResult(() =>
    actionApi<RoundSummary>('/rounds', { method: 'POST', body: request }),
  );
  if (result.ok) revalidatePath('/admin', 'layout');
  return result;
}

export async function updateRound(
  id: string,
  changes: UpdateRoundRequest,
): Promise<ActionResult<RoundSummary>> {
  const result = await toActionResult(() =>
    actionApi<RoundSummary>(`/rounds/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes }),
  );
  if (result.ok) revalidatePath('/admin', 'layout');
  return result;
}

type Transition = 'open' | 'close' | 'remind' | 'archive';
type TransitionResponse = OpenRoundResponse | CloseRoundResponse | RemindRoundResponse | ArchiveRoundResponse;

/** Opening issues the invitations, closing releases results, reminding emails those who have not answered. */
export async function runRoundTransition(
  id: string,
  action: Transition,
): Promise<ActionResult<TransitionResponse>> {
  const result = await toActionResult(() =>
    actionApi<TransitionResponse>(`/rounds/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
  );
  revalidatePath('/admin', 'layout');
  return result;
}
