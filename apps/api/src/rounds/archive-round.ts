import type { ArchiveRoundResponse } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { applyRoundTransition } from './round-transition';

/**
 * Archives a closed round, once: it leaves the admin's default lists. Nothing is deleted — leaders
 * keep it in their dashboards and trends, and its results and export stay — because a series'
 * trend is read across rounds. A round in any other state answers the domain's invalid_transition.
 */
export async function archiveRound({
  db,
  roundId,
  orgId,
}: {
  db: Db;
  roundId: string;
  orgId: string;
}): Promise<ArchiveRoundResponse> {
  await db.$transaction((tx) => applyRoundTransition(tx, { roundId, orgId, event: 'archive' }));
  return { roundId, state: 'archived' };
}
