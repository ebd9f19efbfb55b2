import type { GatedStats as GatedStatsView } from '@resonance/contracts';
import {
  type GatedRaterGroup,
  type GatedStats,
  gateHeatmap,
  gateLeaderComments,
  gateLeaderRound,
  type LeaderGroupRollup,
  type RaterComment,
  type RaterGroup,
  type RaterGroupRollup,
  type SelfOtherGap,
  type SmallTeamOptions,
  THESIS_KEYS,
  type ThesisKey,
} from '@resonance/domain';
import { toGatedStatsView } from './gated-stats-view';

/**
 * What the privacy gate released for one leader in one closed round at one k, in the form it is
 * stored (table leader_results) and read back: figures at full precision, so the change test and
 * the wire rounding at read time give exactly what gating the rollups on each request gave.
 * Nothing here is the leader's self-assessment; that is `StoredSelfScores`, kept apart.
 */
export interface StoredLeaderResult {
  k: number;
  /**
   * Everyone except the leader, per thesis, from the groups that reach k: the heatmap cell, and the
   * dashboard's figure and trend point unless the groups were combined.
   */
  others: Record<ThesisKey, GatedStats>;
  /**
   * Small-team mode combined the leader's groups (see the domain's combinesGroups): the "all
   * raters" figure per thesis, which the leader's report shows instead of `others`; null otherwise.
   * The heatmap, the export and the benchmark never read it.
   */
  combined: Record<ThesisKey, GatedStats> | null;
  groups: {
    /** Every non-self group the round asked: its response count once it reaches k, and withheld. */
    groups: GatedRaterGroup[];
    /** Per thesis each group's figure, in its wire form: it is only ever shown, never computed on. */
    theses: Record<ThesisKey, StoredGroupFigure[]>;
  };
  /** Released comments, already shuffled: the order is fixed when the row is written. */
  comments: { theses: Record<ThesisKey, string[]>; keepDoing: string[]; startDoing: string[] };
}

export interface StoredGroupFigure {
  raterGroup: GatedRaterGroup['raterGroup'];
  identifiable: boolean;
  stats: GatedStatsView;
}

/** The leader's own score per thesis and its gap to the others' figure; only the leader reads it. */
export type StoredSelfScores = Record<ThesisKey, { score: number; selfOtherGap: SelfOtherGap | null } | null>;

export interface StoredComment {
  raterGroup: RaterGroup;
  kind: 'thesis' | 'keep_doing' | 'start_doing';
  thesisKey: string | null;
  text: string;
}

/**
 * The stored result of one leader × round × k, computed by the gate from that leader's rollups
 * (`groups`: every group the round asked, zero responses where nobody answered) and comments,
 * with the round's small-team mode and promised k. `random` shuffles the comments once; pass the
 * CSPRNG.
 */
export function leaderResultPayload({
  k,
  groups,
  comments,
  random,
  smallTeamMode = false,
  roundK = null,
}: {
  k: number;
  groups: readonly RaterGroupRollup[];
  comments: readonly StoredComment[];
  random: () => number;
} & SmallTeamOptions): { result: StoredLeaderResult; self: StoredSelfScores | null } {
  const gated = gateLeaderRound({ k, groups, includeSelf: true, smallTeamMode, roundK });
  // The heatmap's cell for a combined leader: the groups that reach k, i.e. none.
  const atomOthers = gated.combinedGroups ? gateLeaderRound({ k, groups, includeSelf: false }) : gated;
  const released = (kind: StoredComment['kind']): RaterComment[] => {
    const byGroup = new Map<RaterGroup, RaterComment[]>();
    for (const comment of comments) {
      if (comment.kind !== kind) continue;
      const list = byGroup.get(comment.raterGroup) ?? [];
      list.push({ thesis: (comment.thesisKey as ThesisKey | null) ?? null, text: comment.text });
      byGroup.set(comment.raterGroup, list);
    }
    return gateLeaderComments({
      k: gated.k,
      smallTeamMode,
      roundK,
      groups: groups.map((group) => ({
        raterGroup: group.raterGroup,
        responseCount: group.responseCount,
        withheld: group.withheld === true,
        comments: byGroup.get(group.raterGroup) ?? [],
      })),
      random,
    });
  };
  const thesisComments = released('thesis');
  const keepDoing = released('keep_doing').map((comment) => comment.text);
  const startDoing = released('start_doing').map((comment) => comment.text);

  const self = perThesis((thesis) => {
    const { self: score, selfOtherGap } = gated.theses[thesis];
    return score ? { score: score.score, selfOtherGap } : null;
  });
  return {
    result: {
      k: gated.k,
      others: perThesis((thesis) => atomOthers.theses[thesis].others),
      combined: gated.combinedGroups ? perThesis((thesis) => gated.theses[thesis].others) : null,
      groups: {
        groups: gated.groups,
        theses: perThesis((thesis) =>
          gated.theses[thesis].groups.map((group) => ({
            raterGroup: group.raterGroup,
            identifiable: group.identifiable,
            stats: toGatedStatsView(group.stats),
          })),
        ),
      },
      comments: {
        theses: perThesis((thesis) =>
          thesisComments.filter((comment) => comment.thesis === thesis).map((comment) => comment.text),
        ),
        keepDoing,
        startDoing,
      },
    },
    self: THESIS_KEYS.some((thesis) => self[thesis] !== null) ? self : null,
  };
}

/** The heatmap's organisation average for k: the gate's merge of every shown leader cell. */
export function heatmapOrgAverage(k: number, rollups: readonly LeaderGroupRollup[]) {
  return gateHeatmap({ k, cells: rollups }).orgAverage;
}

function perThesis<T>(build: (thesis: ThesisKey) => T): Record<ThesisKey, T> {
  return Object.fromEntries(THESIS_KEYS.map((thesis) => [thesis, build(thesis)])) as Record<ThesisKey, T>;
}
