import type { Db, Prisma } from '@resonance/db';
import type {
  LeaderGroupRollup,
  RaterGroup,
  RaterGroupRollup,
  ThesisAccumulator,
  ThesisKey,
} from '@resonance/domain';

/**
 * Reads the stored rollups (never raw answers) and shapes them for the privacy gate: one entry per
 * round × leader × rater group with its thesis accumulators.
 */
export async function loadRollups(
  db: Db | Prisma.TransactionClient,
  where: { roundIds: readonly string[]; leaderId?: string },
): Promise<(LeaderGroupRollup & { roundId: string })[]> {
  if (where.roundIds.length === 0) return [];
  const rows = await db.resultRollup.findMany({
    where: { roundId: { in: [...where.roundIds] }, ...(where.leaderId ? { leaderId: where.leaderId } : {}) },
    select: {
      roundId: true,
      leaderId: true,
      raterGroup: true,
      thesisKey: true,
      responseCount: true,
      n: true,
      sum: true,
      sumSquares: true,
      favourable: true,
      distribution: true,
    },
  });
  // A group withheld at close (cross-round differencing) is marked so the gate treats it as hidden.
  const withheld = new Set(
    (
      await db.roundUnit.findMany({
        where: {
          roundId: { in: [...where.roundIds] },
          withheldReason: { not: null },
          ...(where.leaderId ? { leaderId: where.leaderId } : {}),
        },
        select: { roundId: true, leaderId: true, raterGroup: true },
      })
    ).map((unit) => `${unit.roundId}/${unit.leaderId}/${unit.raterGroup}`),
  );
  const groups = new Map<string, LeaderGroupRollup & { roundId: string }>();
  for (const row of rows) {
    const key = `${row.roundId}/${row.leaderId}/${row.raterGroup}`;
    const group = groups.get(key) ?? {
      roundId: row.roundId,
      leaderId: row.leaderId,
      raterGroup: row.raterGroup,
      responseCount: row.responseCount,
      theses: {},
      withheld: withheld.has(key),
    };
    const acc: ThesisAccumulator = {
      n: row.n,
      sum: row.sum,
      sumSquares: row.sumSquares,
      favourable: row.favourable,
      distribution: row.distribution as ThesisAccumulator['distribution'],
    };
    group.theses[row.thesisKey as ThesisKey] = acc;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * One leader's groups in one round. Groups the round asked but nobody answered come back with zero
 * responses, so they are listed as insufficient rather than silently missing.
 */
export function groupsOf(
  rollups: readonly (LeaderGroupRollup & { roundId: string })[],
  roundId: string,
  leaderId: string,
  askedGroups: readonly RaterGroup[] = [],
): RaterGroupRollup[] {
  const groups: RaterGroupRollup[] = rollups
    .filter((rollup) => rollup.roundId === roundId && rollup.leaderId === leaderId)
    .map(({ raterGroup, responseCount, theses, withheld }) => ({
      raterGroup,
      responseCount,
      theses,
      withheld: withheld === true,
    }));
  for (const raterGroup of askedGroups) {
    if (!groups.some((group) => group.raterGroup === raterGroup)) {
      groups.push({ raterGroup, responseCount: 0, theses: {} });
    }
  }
  return groups;
}
