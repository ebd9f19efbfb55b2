import type { RoundSummary } from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';
import { organisationThreshold, participationUnits, roundSelect, toRoundSummary } from './round-view';

const ARCHIVED_FILTER: Record<'exclude' | 'include' | 'only', Prisma.RoundWhereInput> = {
  exclude: { state: { not: 'archived' } },
  include: {},
  only: { state: 'archived' },
};

/**
 * The organisation's rounds, newest opening first, each with its gated participation. Archived
 * rounds are left out unless asked for: archiving only tidies the admin's lists, results stay.
 */
export async function listRounds({
  db,
  orgId,
  archived = 'exclude',
}: {
  db: Db;
  orgId: string;
  archived?: 'exclude' | 'include' | 'only';
}): Promise<RoundSummary[]> {
  const rounds = await db.round.findMany({
    where: { orgId, ...ARCHIVED_FILTER[archived] },
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
