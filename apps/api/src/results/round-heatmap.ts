import type { Heatmap } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import {
  assertResultsReleased,
  effectiveThreshold,
  type GatedStats,
  gateHeatmap,
  gateLeaderRound,
  type LeaderRoundResult,
  THESIS_KEYS,
  type ThesisKey,
} from '@resonance/domain';
import { AppError } from '../errors/problem';
import { toGatedStatsView } from './gated-stats-view';
import { groupsOf, loadRollups } from './rollups';

export interface RoundResults {
  round: { id: string; name: string; opensAt: Date; closesAt: Date };
  k: number;
  leaders: {
    id: string;
    name: string;
    email: string;
    /** Everyone except the leader, per thesis: the heatmap cell. */
    others: Record<ThesisKey, GatedStats>;
    /** The same round through gateLeaderRound, without the self-assessment. */
    byGroup: LeaderRoundResult;
  }[];
  orgAverage: Record<ThesisKey, GatedStats>;
}

/**
 * A closed round's results for admins, every figure through the privacy gate: per leader the
 * "others" figure per thesis and each rater group, and the organisation average from shown cells.
 * Self-assessments are the leaders' own and never part of it.
 */
export async function loadRoundResults({
  db,
  orgId,
  roundId,
}: {
  db: Db;
  orgId: string;
  roundId: string;
}): Promise<RoundResults> {
  const round = await db.round.findFirst({
    where: { id: roundId, orgId },
    select: {
      id: true,
      name: true,
      state: true,
      opensAt: true,
      closesAt: true,
      raterGroups: true,
      anonymityThreshold: true,
      organisation: { select: { anonymityThreshold: true } },
      subjects: { select: { leader: { select: { id: true, name: true, email: true } } } },
    },
  });
  if (!round) throw new AppError('notFound', 'No such round.');
  assertResultsReleased(round.state);
  const k = effectiveThreshold(round.anonymityThreshold, round.organisation.anonymityThreshold);
  const rollups = await loadRollups(db, { roundIds: [round.id] });
  const heatmap = gateHeatmap({ k, cells: rollups });
  const askedGroups = round.raterGroups.filter((group) => group !== 'self');
  // Indexed once: filtering all rollups per leader was quadratic in the number of leaders.
  const rollupsByLeader = new Map<string, typeof rollups>();
  for (const rollup of rollups) {
    rollupsByLeader.set(rollup.leaderId, [...(rollupsByLeader.get(rollup.leaderId) ?? []), rollup]);
  }
  const rowByLeader = new Map(heatmap.leaders.map((row) => [row.leaderId, row]));

  const leaders = round.subjects
    .map(({ leader }) => leader)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((leader) => {
      const row = rowByLeader.get(leader.id);
      const others = row?.theses ?? insufficientTheses();
      const byGroup = gateLeaderRound({
        k,
        groups: groupsOf(rollupsByLeader.get(leader.id) ?? [], round.id, leader.id, askedGroups),
        includeSelf: false,
      });
      return { ...leader, others, byGroup };
    });
  return {
    round: { id: round.id, name: round.name, opensAt: round.opensAt, closesAt: round.closesAt },
    k: heatmap.k,
    leaders,
    orgAverage: heatmap.orgAverage,
  };
}

function insufficientTheses(): Record<ThesisKey, GatedStats> {
  return Object.fromEntries(THESIS_KEYS.map((thesis) => [thesis, { status: 'insufficient' }])) as Record<
    ThesisKey,
    GatedStats
  >;
}

/** Leaders × theses for admins, suppressed cells marked `insufficient`. */
export async function getRoundHeatmap({
  db,
  orgId,
  roundId,
}: {
  db: Db;
  orgId: string;
  roundId: string;
}): Promise<Heatmap> {
  const results = await loadRoundResults({ db, orgId, roundId });
  return {
    round: {
      id: results.round.id,
      name: results.round.name,
      opensAt: results.round.opensAt.toISOString(),
      closesAt: results.round.closesAt.toISOString(),
    },
    k: results.k,
    theses: [...THESIS_KEYS],
    leaders: results.leaders.map((leader) => ({
      leaderId: leader.id,
      name: leader.name,
      cells: THESIS_KEYS.map((thesis) => ({ thesis, stats: toGatedStatsView(leader.others[thesis]) })),
    })),
    orgAverage: THESIS_KEYS.map((thesis) => ({
      thesis,
      stats: toGatedStatsView(results.orgAverage[thesis]),
    })),
  };
}
