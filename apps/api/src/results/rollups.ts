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
  // Plain SQL: a round of 500 leaders is 13,500 rows, and the ORM's per-row mapping cost several
  // times the query; this runs in the closing transaction and when a raised k is first read.
  const leader = where.leaderId ?? null;
  const roundIds = [...where.roundIds];
  const rows = await db.$queryRaw<
    {
      round_id: string;
      leader_id: string;
      rater_group: RaterGroup;
      thesis_key: string;
      response_count: number;
      n: number;
      sum: number;
      sum_squares: number;
      favourable: number;
      distribution: number[];
      withheld: boolean;
    }[]
  >`SELECT r.round_id::text, r.leader_id::text, r.rater_group::text, r.thesis_key, r.response_count,
            r.n, r.sum, r.sum_squares, r.favourable, r.distribution,
            -- A group withheld at close (cross-round differencing) is marked so the gate hides it.
            COALESCE(u.withheld_reason IS NOT NULL, false) AS withheld
     FROM result_rollups r
     LEFT JOIN round_units u
       ON u.round_id = r.round_id AND u.leader_id = r.leader_id AND u.rater_group = r.rater_group
     WHERE r.round_id = ANY(${roundIds}::uuid[]) AND (${leader}::uuid IS NULL OR r.leader_id = ${leader}::uuid)`;
  const groups = new Map<string, LeaderGroupRollup & { roundId: string }>();
  for (const row of rows) {
    const key = `${row.round_id}/${row.leader_id}/${row.rater_group}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        roundId: row.round_id,
        leaderId: row.leader_id,
        raterGroup: row.rater_group,
        responseCount: row.response_count,
        theses: {},
        withheld: row.withheld,
      };
      groups.set(key, group);
    }
    const acc: ThesisAccumulator = {
      n: row.n,
      sum: row.sum,
      sumSquares: row.sum_squares,
      favourable: row.favourable,
      distribution: row.distribution as ThesisAccumulator['distribution'],
    };
    group.theses[row.thesis_key as ThesisKey] = acc;
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
