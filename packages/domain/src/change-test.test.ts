import { describe, expect, it } from 'vitest';
import { studentTTwoSidedP, welchChangeTest } from './change-test';

/**
 * Reference values from SciPy 1.17.1 (scipy.stats.ttest_ind_from_stats(mean2, sd2, n2, mean1, sd1,
 * n1, equal_var=False), df by Welch–Satterthwaite), computed on this machine with python3:
 * current = (n1, mean1, sd1), previous = (n2, mean2, sd2); t = current − previous.
 */
const SCIPY = [
  { current: [3, 4.0, 1.0], previous: [3, 3.0, 1.0], t: 1.2247448714, p: 0.2878641347, df: 4.0 },
  { current: [10, 3.8, 0.6], previous: [10, 3.3, 0.7], t: 1.7149858514, p: 0.1039118582, df: 17.5885853395 },
  { current: [5, 4.2, 0.4], previous: [5, 3.2, 0.9], t: 2.2703830459, p: 0.0674268893, df: 5.5209036233 },
  { current: [3, 4.0, 0.0], previous: [4, 3.5, 0.57735026919], t: 1.7320508076, p: 0.1816901138, df: 3.0 },
  { current: [20, 3.1, 1.1], previous: [7, 3.9, 0.5], t: -2.5791120287, p: 0.0168264383, df: 22.844295857 },
  {
    current: [12, 2.5, 0.8],
    previous: [15, 2.45, 0.75],
    t: 0.1659003791,
    p: 0.8696862762,
    df: 22.9803690074,
  },
] as const;

const summary = ([n, mean, sd]: readonly [number, number, number]) => ({ n, mean, sd });

describe('welchChangeTest against SciPy', () => {
  it.each(SCIPY)('t, df and p match for current $current vs previous $previous', (reference) => {
    const result = welchChangeTest(summary(reference.current), summary(reference.previous));
    if (!result.testable) throw new Error('expected a testable pair');
    console.log(
      `scipy t=${reference.t} df=${reference.df} p=${reference.p} | product t=${result.t.toFixed(10)} df=${result.df.toFixed(10)} p=${result.pValue.toFixed(10)}`,
    );
    expect(result.t).toBeCloseTo(reference.t, 8);
    expect(result.df).toBeCloseTo(reference.df, 7);
    expect(result.pValue).toBeCloseTo(reference.p, 8);
    expect(result.significant).toBe(reference.p < 0.05);
  });

  it('makes no claim when neither round has any spread (the 0.33 change of unanimous rounds)', () => {
    expect(welchChangeTest({ n: 3, mean: 4, sd: 0 }, { n: 3, mean: 3.67, sd: 0 })).toEqual({
      testable: false,
      reason: 'no_spread',
    });
  });

  it('needs two raters per round', () => {
    expect(welchChangeTest({ n: 1, mean: 5, sd: 0 }, { n: 5, mean: 3, sd: 1 })).toMatchObject({
      testable: false,
    });
  });

  it('gives the textbook two-sided p of Student t (df = 1: Cauchy; large df: normal)', () => {
    // df = 1 is the Cauchy distribution: P(|T| ≥ 1) = 0.5 exactly.
    expect(studentTTwoSidedP(1, 1)).toBeCloseTo(0.5, 12);
    // Large df approaches the normal: P(|Z| ≥ 1.959963985) = 0.05.
    expect(studentTTwoSidedP(1.959963985, 1e7)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedP(0, 5)).toBeCloseTo(1, 12);
  });
});
