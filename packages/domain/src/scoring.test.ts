import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainErrorCode } from './errors';
import { questionnaireV1 } from './questionnaire-v1';
import {
  accumulate,
  accumulateResponses,
  accumulatorStats,
  assertValidAccumulator,
  mergeAccumulators,
  respondentThesisScores,
  selfOtherGap,
  summarize,
  type ThesisStats,
  tQuantile975,
} from './scoring';

const domainError = (code: DomainErrorCode) => expect.objectContaining({ name: 'DomainError', code });

const thesisScore = fc.integer({ min: 3, max: 15 }).map((tripled) => tripled / 3);
const thesisScores = fc.array(thesisScore, { maxLength: 40 });

function expectSameStats(actual: ThesisStats, expected: ThesisStats): void {
  expect(actual.n).toBe(expected.n);
  expect(actual.mean).toBeCloseTo(expected.mean, 9);
  expect(actual.sd).toBeCloseTo(expected.sd, 6);
  expect(actual.favourableShare).toBe(expected.favourableShare);
  expect(actual.distribution).toEqual(expected.distribution);
  if (expected.ci95 === null) {
    expect(actual.ci95).toBeNull();
  } else {
    expect(actual.ci95?.[0]).toBeCloseTo(expected.ci95[0], 6);
    expect(actual.ci95?.[1]).toBeCloseTo(expected.ci95[1], 6);
  }
}

describe('respondentThesisScores', () => {
  it('averages the answered items of each thesis', () => {
    const scores = respondentThesisScores(
      [
        { itemId: 'visibility.1', score: 5 },
        { itemId: 'visibility.2', score: 4 },
        { itemId: 'visibility.3', score: 3 },
        { itemId: 'values.1', score: 2 },
      ],
      questionnaireV1,
    );
    expect(scores).toEqual({ visibility: 4, values: 2 });
  });

  it('leaves out items marked "can\'t judge" instead of counting them as zero', () => {
    const scores = respondentThesisScores(
      [
        { itemId: 'dialogue.1', score: 5 },
        { itemId: 'dialogue.2', score: null },
        { itemId: 'dialogue.3', score: 4 },
      ],
      questionnaireV1,
    );
    expect(scores.dialogue).toBe(4.5);
  });

  it('omits a thesis whose items were all answered with "can\'t judge"', () => {
    const scores = respondentThesisScores(
      [
        { itemId: 'humanity.1', score: null },
        { itemId: 'humanity.2', score: null },
      ],
      questionnaireV1,
    );
    expect(scores).toEqual({});
    expect('humanity' in scores).toBe(false);
  });

  it('rejects unknown items, duplicate answers and scores off the scale', () => {
    const score = (itemId: string, value: number) => ({ itemId, score: value as 1 });
    expect(() => respondentThesisScores([score('visibility.9', 3)], questionnaireV1)).toThrow(
      domainError('unknown_item'),
    );
    expect(() =>
      respondentThesisScores([score('values.1', 3), score('values.1', 4)], questionnaireV1),
    ).toThrow(domainError('invalid_input'));
    for (const bad of [0, 6, 2.5]) {
      expect(() => respondentThesisScores([score('values.1', bad)], questionnaireV1)).toThrow(
        domainError('invalid_score'),
      );
    }
  });
});

describe('accumulateResponses', () => {
  it('weighs every respondent once per thesis, however many items they answered', () => {
    const accumulators = accumulateResponses(
      [
        [{ itemId: 'renewal.1', score: 5 }],
        [
          { itemId: 'renewal.1', score: 1 },
          { itemId: 'renewal.2', score: 1 },
          { itemId: 'renewal.3', score: 1 },
        ],
      ],
      questionnaireV1,
    );
    expect(accumulators.renewal?.n).toBe(2);
    expect(accumulatorStats(accumulators.renewal!).mean).toBe(3);
    expect(accumulators.values).toBeUndefined();
  });
});

describe('summarize', () => {
  it('reports mean, sample standard deviation and a t-based 95% interval', () => {
    const stats = summarize([2, 4, 4, 4, 5, 5]);
    expect(stats.n).toBe(6);
    expect(stats.mean).toBeCloseTo(4, 10);
    expect(stats.sd).toBeCloseTo(Math.sqrt(1.2), 10);
    const halfWidth = (2.570582 * Math.sqrt(1.2)) / Math.sqrt(6);
    expect(stats.ci95?.[0]).toBeCloseTo(4 - halfWidth, 6);
    expect(stats.ci95?.[1]).toBeCloseTo(Math.min(5, 4 + halfWidth), 6);
  });

  it('has no confidence interval for a single value', () => {
    expect(summarize([3]).ci95).toBeNull();
    expect(summarize([3]).sd).toBe(0);
  });

  it('clamps the confidence interval to the 1..5 scale', () => {
    const stats = summarize([1, 5]);
    expect(stats.ci95).toEqual([1, 5]);
  });

  it('counts thesis scores in the buckets 4 and 5 (3.5 and more) as favourable, as the distribution does', () => {
    const stats = summarize([3, 11 / 3, 4, 13 / 3]);
    expect(stats.favourableShare).toBe(0.75);
    expect(stats.distribution).toEqual([0, 0, 1, 3, 0]);
    // Three raters at 3.67: all in bucket 4, all favourable (was 100 % in "4" but 0 % favourable).
    expect(summarize([11 / 3, 11 / 3, 11 / 3]).favourableShare).toBe(1);
  });

  it('rounds thesis scores half up into the distribution', () => {
    expect(summarize([1, 1.5, 2.5, 10 / 3, 3.5, 11 / 3, 4.5, 5]).distribution).toEqual([1, 1, 2, 2, 2]);
  });

  it('refuses to summarise nothing or values outside the scale', () => {
    expect(() => summarize([])).toThrow(domainError('empty_sample'));
    expect(() => summarize([0.5])).toThrow(domainError('invalid_score'));
    expect(() => summarize([Number.NaN])).toThrow(domainError('invalid_score'));
  });

  it('keeps the mean and the interval within 1..5 for any thesis scores', () => {
    fc.assert(
      fc.property(
        thesisScores.filter((values) => values.length > 0),
        (values) => {
          const stats = summarize(values);
          expect(stats.mean).toBeGreaterThanOrEqual(1);
          expect(stats.mean).toBeLessThanOrEqual(5);
          expect(stats.sd).toBeGreaterThanOrEqual(0);
          if (stats.ci95) {
            expect(stats.ci95[0]).toBeGreaterThanOrEqual(1);
            expect(stats.ci95[1]).toBeLessThanOrEqual(5);
            expect(stats.ci95[0]).toBeLessThanOrEqual(stats.mean + 1e-9);
            expect(stats.ci95[1]).toBeGreaterThanOrEqual(stats.mean - 1e-9);
          }
          expect(stats.distribution.reduce((total, count) => total + count, 0)).toBe(values.length);
          expect(stats.favourableShare).toBeGreaterThanOrEqual(0);
          expect(stats.favourableShare).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('accumulators', () => {
  it('merging the accumulators of parts equals accumulating the concatenation', () => {
    fc.assert(
      fc.property(fc.array(thesisScores, { maxLength: 6 }), (parts) => {
        const merged = mergeAccumulators(parts.map(accumulate));
        const whole = accumulate(parts.flat());
        expect(merged.n).toBe(whole.n);
        expect(merged.favourable).toBe(whole.favourable);
        expect(merged.distribution).toEqual(whole.distribution);
        expect(merged.sum).toBeCloseTo(whole.sum, 9);
        expect(merged.sumSquares).toBeCloseTo(whole.sumSquares, 9);
        if (whole.n > 0) expectSameStats(accumulatorStats(merged), summarize(parts.flat()));
      }),
    );
  });

  it('gives the same statistics as summarize', () => {
    fc.assert(
      fc.property(
        thesisScores.filter((values) => values.length > 0),
        (values) => {
          expectSameStats(accumulatorStats(accumulate(values)), summarize(values));
        },
      ),
    );
  });

  it('rejects accumulators that no set of responses could produce', () => {
    const valid = accumulate([4, 5, 3]);
    expect(() => assertValidAccumulator(valid)).not.toThrow();
    const corruptions = [
      { ...valid, n: 2 },
      { ...valid, n: -1 },
      { ...valid, favourable: 4 },
      { ...valid, sum: 20 },
      { ...valid, distribution: [0, 0, 1, 1, 0] as [number, number, number, number, number] },
    ];
    for (const corrupt of corruptions) {
      expect(() => accumulatorStats(corrupt), JSON.stringify(corrupt)).toThrow(
        domainError('invalid_accumulator'),
      );
    }
  });
});

describe('tQuantile975', () => {
  it('matches published critical values of the t distribution', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile975(9)).toBeCloseTo(2.2622, 4);
    expect(tQuantile975(31)).toBeCloseTo(2.039513, 5);
    expect(tQuantile975(60)).toBeCloseTo(2.000298, 5);
    expect(tQuantile975(120)).toBeCloseTo(1.97993, 5);
    expect(tQuantile975(100000)).toBeCloseTo(1.959964, 4);
  });
});

describe('selfOtherGap', () => {
  it('calls a self-rating at least 0.5 above others a blind spot', () => {
    expect(selfOtherGap(4.5, 4)).toEqual({ gap: 0.5, kind: 'blind_spot' });
  });

  it('calls a self-rating at least 0.5 below others a hidden strength', () => {
    expect(selfOtherGap(3, 4.2).kind).toBe('hidden_strength');
  });

  it('calls smaller differences aligned', () => {
    expect(selfOtherGap(4.4, 4).kind).toBe('aligned');
    expect(selfOtherGap(3.6, 4).kind).toBe('aligned');
  });
});
