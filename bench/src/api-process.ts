import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { paths } from '@resonance/db';
import { onInterrupt } from './cleanup';

export interface ApiProcess {
  pid: number;
  baseUrl: string;
  /** How the process was started, for the report. */
  command: string;
  stop(): Promise<void>;
}

export interface ApiProcessOptions {
  /** External PostgreSQL; omitted: the API's embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  ballotSecret: string;
  /** The mail relay (production refuses to start without one). */
  smtpUrl: string;
  /** Port of the embedded database's socket, so the bench can read invitations from it. */
  embeddedDbPort?: number;
}

/** A strong random secret of the kind the production env check asks for. */
export function randomSecret(): string {
  return randomBytes(48).toString('base64');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let built = false;

/** Bundles the API into apps/api/dist once per bench run, so a clean clone needs only `pnpm install`. */
export function buildApi(): void {
  if (built) return;
  const result = spawnSync('pnpm', ['--filter', '@resonance/api', 'build'], {
    cwd: paths.repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('the API did not build (pnpm --filter @resonance/api build)');
  built = true;
}

/**
 * Starts the API as its own process, configured like production (NODE_ENV=production, strong
 * secrets, no scheduler, warn-level logs), and waits until it answers /ready. It runs the bundle
 * with plain node, as production does (`node apps/api/dist/server.js`), so the measured pid is the
 * server itself and no TypeScript is transpiled at runtime.
 */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  buildApi();
  const port = await freePort();
  const args = [path.join(paths.repoRoot, 'apps/api/dist/server.js')];
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    WEB_URL: 'http://127.0.0.1:3000',
    DATA_DIR: options.dataDir,
    BALLOT_SECRET: options.ballotSecret,
    JWT_SECRET: randomSecret(),
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    // Raters answer from their own addresses; the bench stands in for them with X-Forwarded-For.
    TRUST_PROXY: '127.0.0.1',
    SMTP_URL: options.smtpUrl,
    SEED_DEMO: 'false',
    EMBEDDED_DB_PORT: String(options.embeddedDbPort ?? 0),
    DATABASE_URL: options.databaseUrl ?? '',
  };
  // Its own process group: a signal meant for the bench's terminal job does not stop it mid-run.
  const child = spawn(process.execPath, args, {
    cwd: paths.repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(
          `the API (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}); its last output:\n${output.join('')}`,
        );
      }
      resolve(code);
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const forget = onInterrupt(async () => {
    stopping = true;
    child.kill('SIGKILL');
  });
  await waitUntilReady(baseUrl, child, output);
  return {
    pid: child.pid!,
    baseUrl,
    command: `node apps/api/dist/server.js (NODE_ENV=production, ${
      options.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'
    }, DB_POOL_SIZE default)`,
    async stop() {
      stopping = true;
      forget();
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, output: string[]) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the API exited with code ${child.exitCode}:\n${output.join('')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not become ready within 120 s:\n${output.join('')}`);
}
