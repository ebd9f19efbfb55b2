import type { BallotKeys } from '@resonance/api/ballot-box/ballot-keys';
import type pg from 'pg';
import { submitRequest } from './answers';
import { CONCURRENCY } from './config';
import { prepareBallots, type TokenSupply } from './invitations';
import { httpLoad, type LoadResult, nextRaterAddress } from './load';
import { cpuMs, ownCpuMs, type RssSampler } from './process-sampler';
import { rawSubmit } from './raw-sql';

export interface SubmitRun extends LoadResult {
  /** CPU per accepted submit: the API process for API runs, the bench's client for raw runs. */
  cpuMsPerOk: number;
}

export interface ApiTarget {
  baseUrl: string;
  pid: number;
  sampler: RssSampler;
}

/** One run of `count` submits with fresh tokens against an API, its CPU read from /proc around it. */
export async function apiSubmitRun(
  target: ApiTarget,
  tokens: TokenSupply,
  count: number,
): Promise<SubmitRun> {
  const invitations = tokens.take(count);
  const seed = Math.floor(Math.random() * 1e9);
  const cpuBefore = cpuMs(target.pid);
  const result = await target.sampler.during('load', () =>
    httpLoad({
      baseUrl: target.baseUrl,
      total: invitations.length,
      concurrency: CONCURRENCY.submit,
      okStatus: 201,
      request: (index) => submitRequest(invitations[index]!.token, seed + index, nextRaterAddress()),
    }),
  );
  return { ...result, cpuMsPerOk: (cpuMs(target.pid) - cpuBefore) / Math.max(1, result.ok) };
}

/** The same number of submits as the raw SQL transaction, from a plain pg pool at the same concurrency. */
export async function rawSubmitRun(
  pool: pg.Pool,
  keys: BallotKeys,
  tokens: TokenSupply,
  count: number,
  sampler: RssSampler,
): Promise<SubmitRun> {
  const ballots = prepareBallots(keys, tokens.take(count), Math.floor(Math.random() * 1e9));
  const cpuBefore = ownCpuMs();
  const result = await sampler.during('load', () => rawSubmit(pool, ballots, CONCURRENCY.submit));
  return { ...result, cpuMsPerOk: (ownCpuMs() - cpuBefore) / Math.max(1, result.ok) };
}

export interface SubmitComparison {
  api: SubmitRun[];
  raw: SubmitRun[];
}

/**
 * Alternates API and raw runs (the order flips every repetition, so drift on a shared machine
 * hits both alike), after a warm-up run of the API that is not counted.
 */
export async function compareSubmits({
  target,
  pool,
  keys,
  tokens,
  reps,
  perRun,
  warmup,
  log,
}: {
  target: ApiTarget;
  pool: pg.Pool;
  keys: BallotKeys;
  tokens: TokenSupply;
  reps: number;
  perRun: number;
  warmup: number;
  log: (message: string) => void;
}): Promise<SubmitComparison> {
  await apiSubmitRun(target, tokens, warmup);
  const comparison: SubmitComparison = { api: [], raw: [] };
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? (['api', 'raw'] as const) : (['raw', 'api'] as const);
    for (const kind of order) {
      const run =
        kind === 'api'
          ? await apiSubmitRun(target, tokens, perRun)
          : await rawSubmitRun(pool, keys, tokens, perRun, target.sampler);
      comparison[kind].push(run);
      log(`  submit ${kind} rep ${rep + 1}: ${describeRun(run)}`);
    }
  }
  return comparison;
}

export function describeRun(run: SubmitRun): string {
  const failures = Object.entries(run.outcomes).filter(([outcome]) => outcome !== '201' && outcome !== 'ok');
  return (
    `${Math.round(run.okPerSecond)}/s, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ` +
    `${run.cpuMsPerOk.toFixed(2)} ms CPU/op` +
    (failures.length > 0 ? `, not accepted: ${JSON.stringify(Object.fromEntries(failures))}` : '')
  );
}
