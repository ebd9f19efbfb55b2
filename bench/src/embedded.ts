import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveBallotKeys } from '@resonance/api/ballot-box/ballot-keys';
import pg from 'pg';
import { ApiClient } from './api-client';
import { freePort, randomSecret, startApi } from './api-process';
import type { BenchSize } from './config';
import { buildDataset } from './dataset';
import type { TokenSupply } from './invitations';
import { RssSampler, rssMb } from './process-sampler';
import type { SmtpSink } from './smtp-sink';
import { median } from './stats';
import { type ApiTarget, apiSubmitRun, describeRun, type SubmitRun } from './submit-bench';

export interface EmbeddedComparison {
  embedded: SubmitRun[];
  postgres: SubmitRun[];
  rssIdleMb: number;
  rssPeakMb: number;
  command: string;
}

/**
 * The API on its embedded database (no DATABASE_URL: PGlite in the same process, started by
 * startEmbeddedPostgres), with an organisation of its own, against the PostgreSQL API under the
 * same submit load, run for run in alternation. The embedded process' RSS includes the database.
 */
export async function compareEmbedded({
  size,
  smtp,
  postgres,
  postgresTokens,
  log,
}: {
  size: BenchSize;
  smtp: SmtpSink;
  postgres: ApiTarget;
  postgresTokens: TokenSupply;
  log: (message: string) => void;
}): Promise<EmbeddedComparison> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'resonance-bench-embedded-'));
  const embeddedDbPort = await freePort();
  const ballotSecret = randomSecret();
  const api = await startApi({ dataDir, ballotSecret, embeddedDbPort, smtpUrl: smtp.url });
  const sampler = new RssSampler(api.pid).start();
  const pool = new pg.Pool({
    connectionString: `postgresql://postgres@127.0.0.1:${embeddedDbPort}/postgres?sslmode=disable`,
    max: 2,
  });
  pool.on('error', () => {});
  const client = new ApiClient(api.baseUrl);
  try {
    const dataset = await buildDataset({
      api: client,
      pool,
      smtp,
      keys: deriveBallotKeys(ballotSecret),
      plan: {
        label: 'embedded',
        shape: { leaders: size.embeddedLeaders, reportsPerLeader: size.reportsPerLeader, leadersPerHead: 10 },
        historyRounds: 0,
        tokensNeeded: size.warmupRequests + size.reps * size.submitsPerRun,
      },
      sampler,
      log,
    });
    await sampler.during('idle', () => new Promise((resolve) => setTimeout(resolve, 2000)));
    const target: ApiTarget = { baseUrl: api.baseUrl, pid: api.pid, sampler };
    await apiSubmitRun(target, dataset.tokens, size.warmupRequests);
    const result: EmbeddedComparison = {
      embedded: [],
      postgres: [],
      rssIdleMb: median(sampler.of('idle')),
      rssPeakMb: 0,
      command: api.command,
    };
    for (let rep = 0; rep < size.reps; rep++) {
      const order = rep % 2 === 0 ? (['embedded', 'postgres'] as const) : (['postgres', 'embedded'] as const);
      for (const kind of order) {
        const run =
          kind === 'embedded'
            ? await apiSubmitRun(target, dataset.tokens, size.submitsPerRun)
            : await apiSubmitRun(postgres, postgresTokens, size.submitsPerRun);
        result[kind].push(run);
        log(`  submit ${kind} rep ${rep + 1}: ${describeRun(run)}`);
      }
    }
    result.rssPeakMb = Math.max(...sampler.of('load'), rssMb(api.pid));
    return result;
  } finally {
    sampler.stop();
    await client.close();
    await pool.end();
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
