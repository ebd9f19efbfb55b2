import { DomainError } from './errors';
import type { Questionnaire } from './questionnaire';
import { isScore, SCALE, type Score } from './scale';
import type { ThesisKey } from './theses';

/**
 * Pure statistics over respondent thesis scores. The unit of analysis is the
 * respondent: each response contributes one score per thesis (the mean of the
 * items they answered), so a rater who answers three items does not weigh
 * three times as much as one who answers a single item.
 */

export interface Answer {
  itemId: string;
  /** null means "can't judge" and is excluded from every statistic. */
  score: Score | null;
}

/** Counts of respondent thesis scores rounded to 1, 2, 3, 4, 5. */
export type Distribution = [number, number, number, number, number];

export interface ThesisStats {
  n: number;
  mean: number;
  /** Sample standard deviation; 0 for a single value. */
  sd: number;
  /** 95% confidence interval of the mean, clamped to the scale; null below two values. */
  ci95: [number, number] | null;
  /**
   * Share of respondents whose thesis score falls in the distribution's buckets 4 or 5 (a score of
   * 3.5 or more): one definition for the share and the distribution, so they always agree.
   */
  favourableShare: number;
  distribution: Distribution;
}

/**
 * Sufficient statistics of a set of respondent thesis scores. Stored rollups
 * keep these instead of raw answers, and any union of disjoint respondent sets
 * can be summarised by adding them up.
 */
export interface ThesisAccumulator {
  n: number;
  sum: number;
  sumSquares: number;
  favourable: number;
  distribution: Distribution;
}

export const FAVOURABLE_THRESHOLD = 4;

/** Absolute self-minus-others difference from which a gap is worth a leader's attention. */
export const SELF_OTHER_GAP_THRESHOLD = 0.5;

// Scores are means of at most a handful of integers; the epsilon keeps 3.5 and 4
// from slipping below a boundary through floating-point noise.
const EPSILON = 1e-9;

export function respondentThesisScores(
  answers: readonly Answer[],
  questionnaire: Questionnaire,
): Partial<Record<ThesisKey, number>> {
  const thesisOfItem = new Map<string, ThesisKey>();
  for (const thesis of questionnaire.theses) {
    for (const item of thesis.items) thesisOfItem.set(item.id, thesis.key);
  }

  const seen = new Set<string>();
  const totals = new Map<ThesisKey, { sum: number; count: number }>();
  for (const { itemId, score } of answers) {
    const thesis = thesisOfItem.get(itemId);
    if (!thesis) {
      throw new DomainError(
        'unknown_item',
        `Item ${itemId} is not part of questionnaire ${questionnaire.version}`,
      );
    }
    if (seen.has(itemId)) throw new DomainError('invalid_input', `Item ${itemId} is answered twice`);
    seen.add(itemId);
    if (score === null) continue;
    if (!isScore(score))
      throw new DomainError('invalid_score', `Score ${String(score)} is not on the 1..5 scale`);
    const total = totals.get(thesis) ?? { sum: 0, count: 0 };
    total.sum += score;
    total.count += 1;
    totals.set(thesis, total);
  }

  const scores: Partial<Record<ThesisKey, number>> = {};
  for (const [thesis, { sum, count }] of totals) scores[thesis] = sum / count;
  return scores;
}

/** Per-thesis accumulators for a set of responses, ready to be stored as a rollup. */
export function accumulateResponses(
  responses: readonly (readonly Answer[])[],
  questionnaire: Questionnaire,
): Partial<Record<ThesisKey, ThesisAccumulator>> {
  const valuesByThesis = new Map<ThesisKey, number[]>();
  for (const answers of responses) {
    for (const [thesis, score] of Object.entries(respondentThesisScores(answers, questionnaire))) {
      const values = valuesByThesis.get(thesis as ThesisKey) ?? [];
      values.push(score);
      valuesByThesis.set(thesis as ThesisKey, values);
    }
  }
  const accumulators: Partial<Record<ThesisKey, ThesisAccumulator>> = {};
  for (const [thesis, values] of valuesByThesis) accumulators[thesis] = accumulate(values);
  return accumulators;
}

export function emptyAccumulator(): ThesisAccumulator {
  return { n: 0, sum: 0, sumSquares: 0, favourable: 0, distribution: [0, 0, 0, 0, 0] };
}

/** Rounds half up (3.5 -> 4), because a respondent halfway between two points leans to agreement as often as not. */
export function distributionBucket(value: number): Score {
  const rounded = Math.floor(value + 0.5 + EPSILON);
  return Math.min(SCALE.max, Math.max(SCALE.min, rounded)) as Score;
}

export function accumulate(values: readonly number[]): ThesisAccumulator {
  const acc = emptyAccumulator();
  for (const value of values) {
    if (!Number.isFinite(value) || value < SCALE.min || value > SCALE.max) {
      throw new DomainError('invalid_score', `Thesis score ${value} is outside ${SCALE.min}..${SCALE.max}`);
    }
    acc.n += 1;
    acc.sum += value;
    acc.sumSquares += value * value;
    const bucket = distributionBucket(value);
    if (bucket >= FAVOURABLE_THRESHOLD) acc.favourable += 1;
    acc.distribution[bucket - 1]! += 1;
  }
  return acc;
}

export function mergeAccumulators(accumulators: readonly ThesisAccumulator[]): ThesisAccumulator {
  const merged = emptyAccumulator();
  for (const acc of accumulators) {
    merged.n += acc.n;
    merged.sum += acc.sum;
    merged.sumSquares += acc.sumSquares;
    merged.favourable += acc.favourable;
    for (let bucket = 0; bucket < 5; bucket++) merged.distribution[bucket]! += acc.distribution[bucket]!;
  }
  return merged;
}

/**
 * Rejects accumulators that cannot come from real responses, e.g. a corrupted
 * rollup; the privacy gate must never reason about counts it cannot trust.
 */
export function assertValidAccumulator(acc: ThesisAccumulator): void {
  const isCount = (value: number) => Number.isInteger(value) && value >= 0;
  const problems: string[] = [];
  if (!isCount(acc.n)) problems.push('n must be a non-negative integer');
  if (!isCount(acc.favourable) || acc.favourable > acc.n) problems.push('favourable must be a count <= n');
  if (acc.distribution.length !== 5 || !acc.distribution.every(isCount)) {
    problems.push('distribution must hold five counts');
  } else if (acc.distribution.reduce((total, count) => total + count, 0) !== acc.n) {
    problems.push('distribution must add up to n');
  }
  const tolerance = 1e-6 * Math.max(1, acc.n);
  if (!(acc.sum >= SCALE.min * acc.n - tolerance && acc.sum <= SCALE.max * acc.n + tolerance)) {
    problems.push('sum must lie between n*1 and n*5');
  }
  if (!(acc.sumSquares >= -tolerance && acc.sumSquares <= SCALE.max * SCALE.max * acc.n + tolerance)) {
    problems.push('sumSquares must lie between 0 and n*25');
  }
  if (problems.length > 0) {
    throw new DomainError(
      'invalid_accumulator',
      `Invalid thesis accumulator: ${problems.join('; ')}`,
      problems,
    );
  }
}

export function accumulatorStats(acc: ThesisAccumulator): ThesisStats {
  assertValidAccumulator(acc);
  if (acc.n === 0) throw new DomainError('empty_sample', 'Statistics need at least one value');
  const { n } = acc;
  const mean = acc.sum / n;
  // max(0, ...) absorbs tiny negative variances from floating-point cancellation.
  const variance = n < 2 ? 0 : Math.max(0, (acc.sumSquares - (acc.sum * acc.sum) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  let ci95: [number, number] | null = null;
  if (n >= 2) {
    const halfWidth = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
    ci95 = [clampToScale(mean - halfWidth), clampToScale(mean + halfWidth)];
  }
  return {
    n,
    mean: clampToScale(mean),
    sd,
    ci95,
    // From the distribution, not the stored count: rounds closed before both used one rule agree too.
    favourableShare: (acc.distribution[3] + acc.distribution[4]) / n,
    distribution: [...acc.distribution],
  };
}

export function summarize(values: readonly number[]): ThesisStats {
  return accumulatorStats(accumulate(values));
}

function clampToScale(value: number): number {
  return Math.min(SCALE.max, Math.max(SCALE.min, value));
}

// Two-sided 95% critical values of Student's t for 1..30 degrees of freedom.
const T_975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
  2.200985, 2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614,
  2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
];

/** 0.975 quantile of Student's t distribution with `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new DomainError('invalid_input', 'df must be a positive integer');
  const tabulated = T_975[df - 1];
  if (tabulated !== undefined) return tabulated;
  // Cornish-Fisher expansion around the normal quantile; accurate to 1e-6 beyond 30 df.
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

export type SelfOtherGapKind = 'blind_spot' | 'hidden_strength' | 'aligned';

export interface SelfOtherGap {
  /** Self score minus others' mean: positive means the leader rates themself higher. */
  gap: number;
  kind: SelfOtherGapKind;
}

export function selfOtherGap(self: number, others: number): SelfOtherGap {
  const gap = self - others;
  if (gap >= SELF_OTHER_GAP_THRESHOLD - EPSILON) return { gap, kind: 'blind_spot' };
  if (gap <= -SELF_OTHER_GAP_THRESHOLD + EPSILON) return { gap, kind: 'hidden_strength' };
  return { gap, kind: 'aligned' };
}
