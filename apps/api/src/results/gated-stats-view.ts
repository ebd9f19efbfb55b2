import type { GatedStats as GatedStatsView } from '@resonance/contracts';
import type { GatedStats } from '@resonance/domain';

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The wire form of a gated figure: mean, interval, shares as whole percentages and the exact n.
 * An insufficient figure stays a bare status.
 */
export function toGatedStatsView(stats: GatedStats): GatedStatsView {
  if (stats.status !== 'shown') return { status: 'insufficient' };
  return {
    status: 'shown',
    mean: round2(stats.mean),
    ci95: stats.ci95 ? [round2(stats.ci95[0]), round2(stats.ci95[1])] : null,
    favourablePercent: Math.round(stats.favourableShare * 100),
    distributionPercent: percentages(stats.distribution),
    n: stats.n,
  };
}

/** Whole percentages that add up to exactly 100 (largest remainder). */
export function percentages(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((count) => (count * 100) / total);
  const floors = exact.map(Math.floor);
  let missing = 100 - floors.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) }));
  byRemainder.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    floors[index]! += 1;
    missing -= 1;
  }
  return floors;
}
