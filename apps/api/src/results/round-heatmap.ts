import type { Heatmap } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { THESIS_KEYS } from '@resonance/domain';
import { toGatedStatsView } from './gated-stats-view';
import { secureRandom } from './secure-random';
import { readRoundResults } from './stored-results';

/**
 * Leaders × theses for admins, suppressed cells marked `insufficient`: each cell is the leader's
 * "others" figure as the privacy gate released it at close (stored, see stored-results), the
 * organisation average the merge of the shown cells. Self-assessments are never part of it.
 */
export async function getRoundHeatmap({
  db,
  orgId,
  roundId,
  random = secureRandom,
}: {
  db: Db;
  orgId: string;
  roundId: string;
  random?: () => number;
}): Promise<Heatmap> {
  const results = await readRoundResults(db, { orgId, roundId, withGroups: false, random });
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
