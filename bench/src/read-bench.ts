import type pg from 'pg';
import { CONCURRENCY } from './config';
import { httpLoad, type LoadResult } from './load';
import { cpuMs } from './process-sampler';
import { rawLeaderRollups, rawRoundRollups } from './raw-sql';
import type { ApiTarget } from './submit-bench';

export interface ReadRun extends LoadResult {
  /** API process CPU per successful request (NaN for raw runs). */
  cpuMsPerOk: number;
}

export interface ReadComparison {
  api: ReadRun[];
  raw: ReadRun[];
}

async function apiReadRun(
  target: ApiTarget,
  {
    token,
    paths,
    total,
    concurrency,
  }: { token: string; paths: string[]; total: number; concurrency: number },
): Promise<ReadRun> {
  const cpuBefore = cpuMs(target.pid);
  const result = await target.sampler.during('load', () =>
    httpLoad({
      baseUrl: target.baseUrl,
      total,
      concurrency,
      okStatus: 200,
      request: (index) => ({
        method: 'GET',
        path: paths[index % paths.length]!,
        headers: { authorization: `Bearer ${token}` },
      }),
    }),
  );
  return { ...result, cpuMsPerOk: (cpuMs(target.pid) - cpuBefore) / Math.max(1, result.ok) };
}

/**
 * Runs each runner once to warm up, then all of them in turn per repetition (the order reversed
 * every other repetition, so drift on a shared machine hits each alike).
 */
export async function alternate<K extends string>(
  reps: number,
  runners: Record<K, () => Promise<ReadRun>>,
  log: (kind: string, rep: number, run: ReadRun) => void,
): Promise<Record<K, ReadRun[]>> {
  const kinds = Object.keys(runners) as K[];
  for (const kind of kinds) await runners[kind]();
  const runs = Object.fromEntries(kinds.map((kind) => [kind, [] as ReadRun[]])) as Record<K, ReadRun[]>;
  for (let rep = 0; rep < reps; rep++) {
    for (const kind of rep % 2 === 0 ? kinds : [...kinds].reverse()) {
      const run = await runners[kind]();
      runs[kind].push(run);
      log(kind, rep, run);
    }
  }
  return runs;
}

const asReadRun = async (load: Promise<LoadResult>): Promise<ReadRun> => ({
  ...(await load),
  cpuMsPerOk: Number.NaN,
});

/** One line per run for the progress log. */
export const printRead =
  (log: (message: string) => void, what: string) => (kind: string, rep: number, run: ReadRun) =>
    log(
      `  ${what} ${kind} rep ${rep + 1}: p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms` +
        (Number.isNaN(run.cpuMsPerOk) ? '' : `, ${run.cpuMsPerOk.toFixed(1)} ms CPU/request`) +
        (run.ok < run.requests ? `, failed: ${JSON.stringify(run.outcomes)}` : ''),
    );

/** Dashboards of these leaders, read by an admin in turn, 10 at a time. */
export function dashboardRun(
  target: ApiTarget,
  adminToken: string,
  roundId: string,
  leaderIds: string[],
  total: number,
) {
  return apiReadRun(target, {
    token: adminToken,
    paths: leaderIds.map((id) => `/api/v1/results/leaders/${id}?round=${roundId}`),
    total,
    concurrency: CONCURRENCY.dashboard,
  });
}

export interface ReadBenchInput {
  target: ApiTarget;
  pool: pg.Pool;
  adminToken: string;
  roundId: string;
  leaderIds: string[];
  reps: number;
  dashboardRequests: number;
  roundReadRequests: number;
  log: (message: string) => void;
}

/**
 * The leader dashboard (an admin reading every leader in turn, 10 at a time) against reading that
 * leader's rollup rows; the heatmap and the CSV export against reading all rollups of the round.
 */
export async function compareReads(input: ReadBenchInput) {
  const { target, pool, adminToken, roundId, leaderIds, reps, log } = input;
  const dashboard = await alternate(
    reps,
    {
      api: () => dashboardRun(target, adminToken, roundId, leaderIds, input.dashboardRequests),
      raw: () =>
        asReadRun(
          rawLeaderRollups(pool, {
            roundId,
            leaderIds,
            total: input.dashboardRequests,
            concurrency: CONCURRENCY.dashboard,
          }),
        ),
    },
    printRead(log, 'dashboard'),
  );

  const total = input.roundReadRequests;
  const concurrency = CONCURRENCY.roundReads;
  const roundRead = (path: string, what: string) =>
    alternate(
      reps,
      {
        api: () => apiReadRun(target, { token: adminToken, paths: [path], total, concurrency }),
        raw: () => asReadRun(rawRoundRollups(pool, { roundId, total, concurrency })),
      },
      printRead(log, what),
    );
  const heatmap = await roundRead(`/api/v1/results/rounds/${roundId}/heatmap`, 'heatmap');
  const exportCsv = await roundRead(`/api/v1/results/rounds/${roundId}/export.csv`, 'export.csv');
  return { dashboard, heatmap, exportCsv };
}
