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
  /** Everyone except the leader, per thesis: the dashboard's figure, trend point and heatmap cell. */
  others: Record<ThesisKey, GatedStats>;
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
 * (`groups`: every group the round asked, zero responses where nobody answered) and comments.
 * `random` shuffles the comments once; pass the CSPRNG.
 */
export function leaderResultPayload({
  k,
  groups,
  comments,
  random,
}: {
  k: number;
  groups: readonly RaterGroupRollup[];
  comments: readonly StoredComment[];
  random: () => number;
}): { result: StoredLeaderResult; self: StoredSelfScores | null } {
  const gated = gateLeaderRound({ k, groups, includeSelf: true });
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
      others: perThesis((thesis) => gated.theses[thesis].others),
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
