import type { RoundSummary } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { organisationThreshold, participationUnits, roundSelect, toRoundSummary } from './round-view';

/** All rounds of the organisation, newest opening first, each with its gated participation. */
export async function listRounds({ db, orgId }: { db: Db; orgId: string }): Promise<RoundSummary[]> {
  const rounds = await db.round.findMany({
    where: { orgId },
    select: roundSelect,
    orderBy: [{ opensAt: 'desc' }, { createdAt: 'desc' }],
  });
  const [k, units] = await Promise.all([
    organisationThreshold(db, orgId),
    participationUnits(
      db,
      rounds.map((round) => round.id),
    ),
  ]);
  return rounds.map((round) => toRoundSummary(round, units, k));
}
