import { SELF_OTHER_GAP_THRESHOLD } from './scoring';
import type { ThesisKey } from './theses';

/**
 * What the top of a leader's report leads with: the two strongest theses and the two with the most
 * potential, each with the reason it was picked, so the leader knows in ten seconds what to keep
 * and what to work on. Pure: it ranks figures the privacy gate has already released and adds none.
 */

/** Why a thesis was picked; the report turns it into words. */
export type HighlightReason =
  /** Among the highest scores this round. */
  | 'highest_score'
  /** Rose since the previous round, beyond what chance would explain. */
  | 'rise'
  /** Clearly above the organisation average. */
  | 'above_org'
  /** Fell since the previous round, beyond what chance would explain. */
  | 'fall'
  /** The leader rates themself at least half a point higher than the others do. */
  | 'blind_spot'
  /** Clearly below the organisation average. */
  | 'below_org'
  /** Among the lowest scores this round. */
  | 'lowest_score';

export interface HighlightInput {
  thesis: ThesisKey;
  /** The others' mean, or null where the gate withheld it. */
  mean: number | null;
  /** Change since the previous round, when both rounds were shown. */
  change: { delta: number; beyondNoise: boolean } | null;
  /** The organisation benchmark's mean, when shown. */
  orgMean: number | null;
  /** Self minus others; null when the self-assessment is not part of this view. */
  selfGap: number | null;
}

export interface Highlight {
  thesis: ThesisKey;
  reason: HighlightReason;
}

export interface ReportHighlights {
  strengths: Highlight[];
  potential: Highlight[];
}

/** "Clearly" above or below the organisation: a third of a scale point, as the report says. */
export const ORG_DIFFERENCE_THRESHOLD = 0.3;

const EPSILON = 1e-9;

/**
 * Picks up to two strengths and two theses with potential from the shown theses. With fewer than
 * four shown theses it picks fewer (half each, rounded down), so a thesis is never both; with no
 * spread at all (every shown mean equal) there is nothing to rank and both lists are empty.
 *
 * Potential first looks for signals that matter more than the rank: a fall beyond noise (largest
 * first), then a blind spot (largest gap first); the rest are filled with the lowest scores.
 * Strengths are the highest scores; a rise beyond noise or a clear lead over the organisation is
 * named as the reason where it applies. Ties break by the questionnaire's thesis order.
 */
export function reportHighlights(inputs: readonly HighlightInput[]): ReportHighlights {
  const shown = inputs.flatMap((input, order) =>
    input.mean === null ? [] : [{ ...input, mean: input.mean, order }],
  );
  const perSide = Math.min(2, Math.floor(shown.length / 2));
  if (perSide === 0) return { strengths: [], potential: [] };
  const means = shown.map((input) => input.mean);
  if (Math.max(...means) - Math.min(...means) < EPSILON) return { strengths: [], potential: [] };

  type Shown = (typeof shown)[number];
  const byMeanAscending = (a: Shown, b: Shown) => a.mean - b.mean || a.order - b.order;
  const potential: Highlight[] = [];
  const picked = new Set<ThesisKey>();
  const pick = (input: Shown, reason: HighlightReason) => {
    if (potential.length < perSide && !picked.has(input.thesis)) {
      potential.push({ thesis: input.thesis, reason });
      picked.add(input.thesis);
    }
  };

  const falls = shown
    .filter((input) => input.change?.beyondNoise && input.change.delta < 0)
    .sort((a, b) => a.change!.delta - b.change!.delta || a.order - b.order);
  for (const input of falls) pick(input, 'fall');
  const blindSpots = shown
    .filter((input) => input.selfGap !== null && input.selfGap >= SELF_OTHER_GAP_THRESHOLD - EPSILON)
    .sort((a, b) => b.selfGap! - a.selfGap! || a.order - b.order);
  for (const input of blindSpots) pick(input, 'blind_spot');
  for (const input of [...shown].sort(byMeanAscending)) {
    const belowOrg =
      input.orgMean !== null && input.orgMean - input.mean >= ORG_DIFFERENCE_THRESHOLD - EPSILON;
    pick(input, belowOrg ? 'below_org' : 'lowest_score');
  }

  const strengths: Highlight[] = [];
  for (const input of [...shown].sort((a, b) => b.mean - a.mean || a.order - b.order)) {
    if (strengths.length === perSide) break;
    if (picked.has(input.thesis)) continue;
    const rose = input.change?.beyondNoise === true && input.change.delta > 0;
    const aboveOrg =
      input.orgMean !== null && input.mean - input.orgMean >= ORG_DIFFERENCE_THRESHOLD - EPSILON;
    strengths.push({
      thesis: input.thesis,
      reason: rose ? 'rise' : aboveOrg ? 'above_org' : 'highest_score',
    });
  }
  return { strengths, potential };
}
