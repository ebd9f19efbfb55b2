import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { percentile } from './stats';

export interface LoadResult {
  requests: number;
  ok: number;
  /** Count per outcome (HTTP status, or `ok`/`error` for SQL). */
  outcomes: Record<string, number>;
  durationMs: number;
  /** Successful operations per second over the whole run. */
  okPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * A closed loop: `concurrency` workers, each starting the next operation when its last one ended,
 * until `total` operations ran. Latency is taken around each operation. Used for HTTP and SQL alike
 * so the API figure and its raw-SQL limit are measured the same way.
 */
export async function closedLoop(
  total: number,
  concurrency: number,
  operation: (index: number) => Promise<string>,
  isOk: (outcome: string) => boolean,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const started = performance.now();
      let outcome: string;
      try {
        outcome = await operation(index);
      } catch (error) {
        outcome = `error: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`;
      }
      const elapsed = performance.now() - started;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (isOk(outcome)) {
        ok++;
        latencies.push(elapsed);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const durationMs = performance.now() - started;
  return {
    requests: total,
    ok,
    outcomes,
    durationMs,
    okPerSecond: (ok / durationMs) * 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * HTTP load through an undici pool of exactly `concurrency` keep-alive connections; every response
 * body is read to the end, as a client would.
 */
export async function httpLoad({
  baseUrl,
  total,
  concurrency,
  request,
  okStatus,
}: {
  baseUrl: string;
  total: number;
  concurrency: number;
  request: (index: number) => HttpRequest;
  okStatus: number;
}): Promise<LoadResult> {
  const pool = new Pool(baseUrl, { connections: concurrency, pipelining: 1 });
  try {
    return await closedLoop(
      total,
      concurrency,
      async (index) => {
        const { method, path, headers, body } = request(index);
        const response = await pool.request({ method, path, headers: headers ?? {}, body: body ?? null });
        await response.body.arrayBuffer();
        return String(response.statusCode);
      },
      (outcome) => outcome === String(okStatus),
    );
  } finally {
    await pool.close();
  }
}

let raterCount = 0;

/**
 * A new client address (10.x.y.z) for each rater, who answers from their own device; the API
 * believes X-Forwarded-For from the bench (TRUST_PROXY=127.0.0.1), so its per-address rate limit
 * applies per rater, as it does behind the web app's proxy.
 */
export function nextRaterAddress(): string {
  const index = ++raterCount;
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}
