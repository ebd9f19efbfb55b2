import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildApi } from '../../scripts/api-build';
import { buildWebIfNeeded } from '../../scripts/web-build';
import { E2eApi } from './e2e-api';
import { buildScenario, openSurveyRound } from './e2e-scenario';
import { withDatabase } from './global-setup';
import { testEnv } from './test-env';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDir = path.join(root, 'apps/web');

export interface E2eContext {
  webUrl: string;
  apiUrl: string;
  adminEmail: string;
  leaderEmail: string;
  leaderId: string;
  password: string;
  /** An open round whose invitations are still unused, for the rater scenario. */
  openRoundId: string;
  screenshotDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** CI machines start without a browser; Debian's chromium is the one that works offline here. */
function ensureChromium() {
  if (existsSync(testEnv.chromiumPath)) return;
  if (process.getuid?.() === 0) {
    console.log('[e2e] installing chromium with apt-get…');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(testEnv.chromiumPath)) {
    throw new Error(
      `No browser at ${testEnv.chromiumPath}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH.`,
    );
  }
}

function start(name: string, command: string, args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout?.on('data', (chunk: Buffer) => {
    if (process.env.E2E_VERBOSE) console.log(prefix(chunk));
  });
  child.stderr?.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
  return child;
}

async function waitFor(url: string, what: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`${what} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

async function stop(child: ChildProcess | undefined) {
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = sleep(15_000, undefined, { ref: false }).then(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    await Promise.race([exited, timeout]);
  }
  // Open pipes would keep the test runner alive after the run.
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** With TEST_DATABASE_URL, a fresh database on that server (the API migrates it); otherwise embedded PGlite. */
async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const serverUrl = testEnv.databaseUrl;
  if (!serverUrl) return undefined;
  const name = `resonance_e2e_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(serverUrl, name),
    drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * The end-to-end world: the real API on a fresh database (with the demo
 * organisation seeded) plus a scenario organisation built through the API,
 * and the production build of the web app in front of it.
 */
export default async function setup(project: TestProject) {
  ensureChromium();
  buildApi();
  buildWebIfNeeded();

  const dataDir = mkdtempSync(path.join(tmpdir(), 'resonance-e2e-'));
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  let api: ChildProcess | undefined;
  let web: ChildProcess | undefined;
  const database = await createDatabase();

  const teardown = async () => {
    await stop(web);
    await stop(api);
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // The built API with plain node, as production runs it.
    api = start('api', process.execPath, ['apps/api/dist/server.js'], root, {
      NODE_ENV: 'test',
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      WEB_URL: webUrl,
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? '',
      SEED_DEMO: 'true',
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      // Every file that needs an organisation of its own signs one up from this address.
      SIGNUPS_PER_HOUR: '100',
    });
    await waitFor(`${apiUrl}/ready`, 'The API', api, 120_000);

    const client = new E2eApi(apiUrl);
    const scenario = await buildScenario(client);
    const openRoundId = await openSurveyRound(client);

    web = start(
      'web',
      path.join(webDir, 'node_modules/.bin/next'),
      ['start', '-p', String(webPort), '-H', '127.0.0.1'],
      webDir,
      {
        API_URL: apiUrl,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    );
    await waitFor(`${webUrl}/login`, 'The web app', web, 60_000);

    const screenshotDir = path.join(root, 'test-output/screenshots');
    mkdirSync(screenshotDir, { recursive: true });
    project.provide('e2e', {
      webUrl,
      apiUrl,
      adminEmail: scenario.adminEmail,
      leaderEmail: scenario.leaderEmail,
      leaderId: scenario.leaderId,
      password: scenario.password,
      openRoundId,
      screenshotDir,
    });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
