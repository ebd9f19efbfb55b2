import type { Db, Prisma } from '@resonance/db';
import {
  type GatedStats,
  gateOrgBenchmarkAccumulators,
  storedBenchmarkStats,
  THESIS_KEYS,
  type ThesisAccumulator,
  type ThesisKey,
} from '@resonance/domain';
import { loadRollups } from './rollups';

/**
 * Fewest leaders whose shown figures make an organisation benchmark for a leader: with two, a
 * leader could subtract their own figure and read the one colleague's.
 */
export const BENCHMARK_MIN_LEADERS = 3;

/**
 * The organisation benchmark of a closed round for k: nine stored rows, so a dashboard does not
 * read every rollup of the round. Computed by the privacy gate from the rollups the first time it
 * is needed for this k (at close, or after the organisation raised k) and stored; rollups never
 * change after close, so the stored rows stay equal to what the gate computes.
 */
export async function roundBenchmark(
  db: Db | Prisma.TransactionClient,
  roundId: string,
  k: number,
): Promise<Record<ThesisKey, GatedStats>> {
  const stored = await db.roundBenchmark.findMany({ where: { roundId, k } });
  if (stored.length === THESIS_KEYS.length) {
    const byThesis = new Map(stored.map((row) => [row.thesisKey, row]));
    return Object.fromEntries(
      THESIS_KEYS.map((thesis) => {
        const row = byThesis.get(thesis)!;
        const acc: ThesisAccumulator | null = row.shown
          ? {
              n: row.n,
              sum: row.sum,
              sumSquares: row.sumSquares,
              favourable: row.favourable,
              distribution: row.distribution as ThesisAccumulator['distribution'],
            }
          : null;
        return [thesis, storedBenchmarkStats(acc)];
      }),
    ) as Record<ThesisKey, GatedStats>;
  }
  const accumulators = await computeBenchmark(db, roundId, k);
  return Object.fromEntries(
    THESIS_KEYS.map((thesis) => [thesis, storedBenchmarkStats(accumulators[thesis])]),
  ) as Record<ThesisKey, GatedStats>;
}

/** Computes the benchmark through the gate and stores it (idempotent under concurrent readers). */
export async function computeBenchmark(
  db: Db | Prisma.TransactionClient,
  roundId: string,
  k: number,
  /** The round's rollups when the caller has them loaded already. */
  loaded?: Awaited<ReturnType<typeof loadRollups>>,
) {
  const rollups = loaded ?? (await loadRollups(db, { roundIds: [roundId] }));
  const accumulators = gateOrgBenchmarkAccumulators({ k, cells: rollups, minLeaders: BENCHMARK_MIN_LEADERS });
  await db.roundBenchmark.createMany({
    data: THESIS_KEYS.map((thesisKey) => {
      const acc = accumulators[thesisKey];
      return {
        roundId,
        k,
        thesisKey,
        shown: acc !== null,
        n: acc?.n ?? 0,
        sum: acc?.sum ?? 0,
        sumSquares: acc?.sumSquares ?? 0,
        favourable: acc?.favourable ?? 0,
        distribution: acc ? [...acc.distribution] : [0, 0, 0, 0, 0],
      };
    }),
    skipDuplicates: true,
  });
  return accumulators;
}
