// `pnpm bench [--quick]`: the performance table of issue 8. Builds an organisation through the API,
// then measures each row as the API's figure and its raw-SQL limit, alternating, repeated; prints
// the medians with their ratio and goal and writes them to bench/results/last-<size>.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deriveBallotKeys } from '@resonance/api/ballot-box/ballot-keys';
import pg from 'pg';
import { ApiClient } from './api-client';
import { type ApiProcess, randomSecret, startApi } from './api-process';
import { createBenchDatabase } from './bench-database';
import { type BenchOptions, parseOptions } from './config';
import { buildDataset } from './dataset';
import { compareEmbedded } from './embedded';
import { RssSampler, rssMb } from './process-sampler';
import { compareReads } from './read-bench';
import { renderTable, writeResults } from './report';
import { reportRows } from './rows';
import { compareAtScale, scaleFits } from './scale-bench';
import { type SmtpSink, startSmtpSink } from './smtp-sink';
import { max, median } from './stats';
import { compareSubmits } from './submit-bench';

/** The raw-SQL runs get as many connections as the API's pool (DB_POOL_SIZE, default 10). */
const RAW_POOL_SIZE = 10;

const started = Date.now();
const log = (message: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const { size } = options;
  log(
    `bench ${size.name}: ${size.leaders} leaders × ${size.reportsPerLeader} direct reports, ` +
      `${size.historyRounds} closed rounds, ${size.reps} repetitions; ${cpus().length} CPUs, node ${process.version}`,
  );
  const database = await createBenchDatabase(options.adminDatabaseUrl);
  log(`database ${database.name}`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'resonance-bench-'));
  const smtp = await startSmtpSink();
  let api: ApiProcess | undefined;
  try {
    const ballotSecret = randomSecret();
    api = await startApi({ databaseUrl: database.url, dataDir, ballotSecret, smtpUrl: smtp.url });
    await measure(options, api, database.url, smtp, ballotSecret);
  } finally {
    await api?.stop();
    await smtp.close();
    log(`${smtp.received()} emails received by the SMTP sink`);
    await rm(dataDir, { recursive: true, force: true });
    if (options.keepDatabase) log(`kept database ${database.url}`);
    else await database.drop();
  }
}

/** Everything measured against the PostgreSQL API (and, from there, the embedded one). */
async function measure(
  options: BenchOptions,
  api: ApiProcess,
  databaseUrl: string,
  smtp: SmtpSink,
  ballotSecret: string,
) {
  const { size } = options;
  const keys = deriveBallotKeys(ballotSecret);
  const sampler = new RssSampler(api.pid).start();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: RAW_POOL_SIZE });
  // Idle connections are ended by the database drop at the end; that is no error of the bench.
  pool.on('error', () => {});
  const client = new ApiClient(api.baseUrl);
  try {
    log(`API pid ${api.pid}: ${api.command}`);
    await sampler.during('fresh', () => sleep(2000));
    const target = { baseUrl: api.baseUrl, pid: api.pid, sampler };

    log('building the data set through the API');
    const tokensNeeded = size.warmupRequests + size.reps * size.submitsPerRun * (options.embedded ? 3 : 2);
    const dataset = await buildDataset({
      api: client,
      pool,
      smtp,
      keys,
      plan: {
        label: 'postgres',
        shape: {
          leaders: size.leaders,
          reportsPerLeader: size.reportsPerLeader,
          leadersPerHead: size.leadersPerHead,
        },
        historyRounds: size.historyRounds,
        tokensNeeded,
      },
      sampler,
      log,
    });
    await sampler.during('idle', () => sleep(3000));

    log(`submit: ${size.reps} × ${size.submitsPerRun} per side, 50 connections, API vs raw pg`);
    const submits = await compareSubmits({
      target,
      pool,
      keys,
      tokens: dataset.tokens,
      reps: size.reps,
      perRun: size.submitsPerRun,
      warmup: size.warmupRequests,
      log,
    });

    const roundId = dataset.closedRoundIds.at(-1);
    if (!roundId) throw new Error('no closed round to read: use at least --history 1');
    log('reads: dashboard, heatmap, export.csv vs raw SQL on the rollups');
    const reads = await compareReads({
      target,
      pool,
      adminToken: dataset.adminToken,
      roundId,
      leaderIds: dataset.org.leaders.map((leader) => leader.id),
      reps: size.reps,
      dashboardRequests: size.dashboardRequestsPerRun,
      roundReadRequests: size.roundReadRequestsPerRun,
      log,
    });
    await client.call('GET', `/api/v1/results/leaders/${dataset.org.leaders[0]!.id}`, {
      token: dataset.leaderToken,
    });
    log('  the leader reads their own dashboard with their own login: ok');

    let scale = null;
    if (options.scale && scaleFits(size)) {
      log(
        `10× organisation (${size.leaders * 10} leaders) in the same database; dashboards of both, alternating`,
      );
      scale = await compareAtScale({
        api: client,
        pool,
        smtp,
        keys,
        size,
        target,
        base: {
          adminToken: dataset.adminToken,
          roundId,
          leaderIds: dataset.org.leaders.map((leader) => leader.id),
        },
        log,
      });
    }

    let embedded = null;
    if (options.embedded) {
      log('embedded (PGlite) API vs PostgreSQL API, alternating');
      embedded = await compareEmbedded({ size, smtp, postgres: target, postgresTokens: dataset.tokens, log });
    }

    const rows = reportRows({
      size,
      submits,
      reads,
      opens: dataset.opens,
      closesMs: dataset.closesMs,
      rss: {
        fresh: median(sampler.of('fresh')),
        idle: median(sampler.of('idle')),
        load: max([...sampler.of('load'), rssMb(api.pid)]),
        opening: max(sampler.of('opening')),
        closing: max(sampler.of('closing')),
      },
      scale,
      embedded,
    });
    console.log(`\nResonance bench (${size.name}) — medians of ${size.reps} alternating repetitions\n`);
    console.log(renderTable(rows));
    const file = writeResults(size.name, {
      size,
      finishedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      api: api.command,
      rawPoolSize: RAW_POOL_SIZE,
      answersBuilt: dataset.answersBuilt,
      rows,
      runs: { submits, reads, opens: dataset.opens, closesMs: dataset.closesMs, scale, embedded },
    });
    log(`written to ${file}`);
  } finally {
    sampler.stop();
    await client.close();
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
