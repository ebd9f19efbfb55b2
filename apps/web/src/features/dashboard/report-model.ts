import type { LeaderDashboard, LeaderThesisResult } from '@resonance/contracts';
import { type RaterGroup, SELF_OTHER_GAP_THRESHOLD } from '@resonance/domain';

/**
 * Pure decisions behind the leader's report: in which order the theses come, what a highlight's
 * reason says in figures, what the figures rest on, and whether a self-versus-others gap is closing.
 * The view only turns these into words.
 */

type Highlight = LeaderDashboard['highlights']['strengths'][number];
type HighlightReason = Highlight['reason'];

const EPSILON = 1e-9;

export const THESIS_ORDERS = ['priority', 'score', 'questionnaire'] as const;
export type ThesisOrder = (typeof THESIS_ORDERS)[number];

export function parseThesisOrder(value: unknown): ThesisOrder {
  return THESIS_ORDERS.includes(value as ThesisOrder) ? (value as ThesisOrder) : 'priority';
}

function shownMean(result: LeaderThesisResult): number | null {
  return result.others.status === 'shown' ? result.others.mean : null;
}

/**
 * `priority`: the theses with the most potential first (in the order the highlights rank them), then
 * the rest from the lowest score up, so the strengths come last; `score`: highest first;
 * `questionnaire`: as asked. Theses without a shown score always go last, in questionnaire order.
 */
export function orderTheses(dashboard: LeaderDashboard, order: ThesisOrder): LeaderThesisResult[] {
  const position = new Map(dashboard.theses.map((result, index) => [result.thesis, index]));
  const byPosition = (a: LeaderThesisResult, b: LeaderThesisResult) =>
    position.get(a.thesis)! - position.get(b.thesis)!;
  if (order === 'questionnaire') return [...dashboard.theses];
  const shown = dashboard.theses.filter((result) => shownMean(result) !== null);
  const hidden = dashboard.theses.filter((result) => shownMean(result) === null);
  if (order === 'score') {
    shown.sort((a, b) => shownMean(b)! - shownMean(a)! || byPosition(a, b));
    return [...shown, ...hidden];
  }
  const potential = dashboard.highlights.potential.map((highlight) => highlight.thesis);
  const rank = (result: LeaderThesisResult) => {
    const index = potential.indexOf(result.thesis);
    return index === -1 ? potential.length : index;
  };
  shown.sort((a, b) => rank(a) - rank(b) || shownMean(a)! - shownMean(b)! || byPosition(a, b));
  return [...shown, ...hidden];
}

/** The figure a highlight's reason names, e.g. "fell by 0.4" or "0.5 above the organisation". */
export interface HighlightFacts {
  reason: HighlightReason;
  /** Change since the previous round (rise, fall). */
  delta?: number;
  /** Distance from the organisation average, always positive (above_org, below_org). */
  difference?: number;
  /** Self minus others (blind_spot). */
  gap?: number;
}

export function highlightFacts(highlight: Highlight, result: LeaderThesisResult): HighlightFacts {
  const mean = shownMean(result);
  const org = result.orgAverage.status === 'shown' ? result.orgAverage.mean : null;
  switch (highlight.reason) {
    case 'rise':
    case 'fall':
      return result.change ? { reason: highlight.reason, delta: result.change.delta } : fallback(highlight);
    case 'above_org':
    case 'below_org':
      return mean !== null && org !== null
        ? { reason: highlight.reason, difference: round2(Math.abs(mean - org)) }
        : fallback(highlight);
    case 'blind_spot':
      return result.selfOtherGap
        ? { reason: highlight.reason, gap: result.selfOtherGap.gap }
        : fallback(highlight);
    default:
      return { reason: highlight.reason };
  }
}

/** Should a figure be missing after all, the rank is still true. */
function fallback(highlight: Highlight): HighlightFacts {
  const strength = ['highest_score', 'rise', 'above_org'].includes(highlight.reason);
  return { reason: strength ? 'highest_score' : 'lowest_score' };
}

/**
 * What the figures rest on: `all` when every asked group is in them; `partial` when some are hidden;
 * `without_direct_reports` when the team's own view is missing but others are shown (the figures are
 * then the peers' and/or manager's view, which the top of the report must say); `none` when nothing
 * is shown at all; `combined` when small-team mode combined every group the round asked into one
 * figure (none is then shown, counted or hidden on its own: they are all in every figure).
 */
export interface ReportBasis {
  shown: { raterGroup: RaterGroup; count: number; identifiable: boolean }[];
  insufficient: RaterGroup[];
  withheld: RaterGroup[];
  /** The groups the round asked, when they were combined; whether each answered is not known. */
  combined: RaterGroup[];
  scope: 'all' | 'partial' | 'without_direct_reports' | 'none' | 'combined';
}

export function reportBasis(dashboard: LeaderDashboard): ReportBasis {
  const shown: ReportBasis['shown'] = [];
  const insufficient: RaterGroup[] = [];
  const withheld: RaterGroup[] = [];
  if (dashboard.combinedGroups) {
    const combined = dashboard.groups.flatMap((group) =>
      group.raterGroup === 'self' ? [] : [group.raterGroup],
    );
    return { shown, insufficient, withheld, combined, scope: 'combined' };
  }
  for (const group of dashboard.groups) {
    if (group.raterGroup === 'self') continue;
    if (group.withheld) withheld.push(group.raterGroup);
    else if (group.responses.status === 'shown')
      shown.push({
        raterGroup: group.raterGroup,
        count: group.responses.count,
        identifiable: group.identifiable,
      });
    else insufficient.push(group.raterGroup);
  }
  const missing = [...insufficient, ...withheld];
  const scope =
    shown.length === 0
      ? 'none'
      : missing.includes('direct_report')
        ? 'without_direct_reports'
        : missing.length > 0
          ? 'partial'
          : 'all';
  return { shown, insufficient, withheld, combined: [], scope };
}

/** Where a self-versus-others gap falls: within ±0.5 is "close", the band the domain uses. */
export type GapKind = 'blind_spot' | 'hidden_strength' | 'close';

export function gapKind(gap: number): GapKind {
  if (gap >= SELF_OTHER_GAP_THRESHOLD - EPSILON) return 'blind_spot';
  if (gap <= -SELF_OTHER_GAP_THRESHOLD + EPSILON) return 'hidden_strength';
  return 'close';
}

/**
 * Decimals to show a gap with: one, unless rounding to one would put a gap that lies inside the
 * ±0.5 band on its edge ("+0.5" next to the label "close"), then two.
 */
export function gapDigits(gap: number): 1 | 2 {
  const size = Math.abs(gap);
  return size >= 0.45 && size < SELF_OTHER_GAP_THRESHOLD - EPSILON ? 2 : 1;
}

/** A gap counts as narrowing or widening only when it moved by at least this much. */
export const GAP_MOVEMENT = 0.2;

export type GapVerdict =
  /** No self-assessment or no shown score in the selected round. */
  | 'none'
  /** The first round with both figures: nothing to compare with. */
  | 'first'
  /** Within the band now and before. */
  | 'still_close'
  /** Outside the band before, within it now. */
  | 'closed'
  /** Within the band before, outside it now. */
  | 'opened'
  /** Outside the band both times, on the same side, and at least GAP_MOVEMENT narrower / wider. */
  | 'closing'
  | 'widening'
  /** Outside the band both times, on the same side, about as wide. */
  | 'unchanged'
  /** A blind spot became a hidden strength or the other way round. */
  | 'reversed';

export interface GapHistory {
  /** One entry per closed round up to the selected one, oldest first; null where a figure is missing. */
  points: { roundId: string; gap: number | null }[];
  verdict: GapVerdict;
  /** The round the selected one is compared with. */
  comparedWith?: string;
  kind?: GapKind;
}

export function gapHistory(dashboard: LeaderDashboard, result: LeaderThesisResult): GapHistory {
  const selected = dashboard.rounds.findIndex((round) => round.id === dashboard.round.id);
  const rounds = selected === -1 ? dashboard.rounds : dashboard.rounds.slice(0, selected + 1);
  const points = rounds.map((round) => {
    if (round.id === dashboard.round.id) return { roundId: round.id, gap: result.selfOtherGap?.gap ?? null };
    const point = result.trend.find((entry) => entry.roundId === round.id);
    const gap = point && point.self !== null && point.mean !== null ? round2(point.self - point.mean) : null;
    return { roundId: round.id, gap };
  });
  const current = points.at(-1)?.gap ?? null;
  if (current === null) return { points, verdict: 'none' };
  const kind = gapKind(current);
  const before = points
    .slice(0, -1)
    .reverse()
    .find((point) => point.gap !== null);
  if (!before || before.gap === null) return { points, verdict: 'first', kind };
  const previousKind = gapKind(before.gap);
  const verdict: GapVerdict =
    kind === 'close'
      ? previousKind === 'close'
        ? 'still_close'
        : 'closed'
      : previousKind === 'close'
        ? 'opened'
        : previousKind !== kind
          ? 'reversed'
          : Math.abs(current) <= Math.abs(before.gap) - GAP_MOVEMENT + EPSILON
            ? 'closing'
            : Math.abs(current) >= Math.abs(before.gap) + GAP_MOVEMENT - EPSILON
              ? 'widening'
              : 'unchanged';
  return { points, verdict, comparedWith: before.roundId, kind };
}

/**
 * A CSS string literal for any text: every character that is not plainly safe becomes a hex escape,
 * so a name can go into a stylesheet (the printed page's margin boxes) without breaking out of it.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const char of text) {
    out += /^[\p{L}\p{N} .,·–-]$/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `;
  }
  return `${out}"`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
