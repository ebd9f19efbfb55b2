import { describe, expect, it } from 'vitest';
import { percentages, toGatedStatsView } from './gated-stats-view';
import { secureRandom } from './secure-random';

describe('toGatedStatsView', () => {
  it('passes an insufficient figure on as a bare status', () => {
    expect(toGatedStatsView({ status: 'insufficient' })).toEqual({ status: 'insufficient' });
  });

  it('sends the exact n, rounded mean and interval, and whole percentages', () => {
    const view = toGatedStatsView({
      status: 'shown',
      n: 7,
      mean: 3.857142857,
      sd: 0.9,
      ci95: [3.0247, 4.6896],
      favourableShare: 5 / 7,
      distribution: [0, 1, 1, 3, 2],
    });
    expect(view).toEqual({
      status: 'shown',
      mean: 3.86,
      ci95: [3.02, 4.69],
      favourablePercent: 71,
      distributionPercent: [0, 14, 14, 43, 29],
      n: 7,
    });
  });
});

describe('percentages', () => {
  it('adds up to exactly 100 by largest remainder', () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentages([0, 1, 1, 3, 2]).reduce((a, b) => a + b, 0)).toBe(100);
    expect(percentages([0, 0, 0])).toEqual([0, 0, 0]);
  });
});

describe('secureRandom', () => {
  it('draws from [0, 1)', () => {
    for (let index = 0; index < 1000; index++) {
      const value = secureRandom();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
