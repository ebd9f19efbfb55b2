// `pnpm start`: builds what is needed, starts the API (embedded PostgreSQL with demo data unless
// DATABASE_URL is set) and the web app, prints where to go, and stops both cleanly on Ctrl-C.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DEMO_ADMIN, DEMO_LEADERS, DEMO_PASSWORD } from '../apps/api/src/demo/demo-organisation';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const apiHost = process.env.API_HOST || '127.0.0.1';
const apiPort = Number(process.env.API_PORT || 3001);
const webHost = process.env.WEB_HOST || '127.0.0.1';
const webPort = Number(process.env.WEB_PORT || 3000);
const apiUrl = `http://${apiHost}:${apiPort}`;
const webUrl = process.env.WEB_URL || `http://${webHost}:${webPort}`;
const embedded = !process.env.DATABASE_URL;

const DEMO_LOGINS = [
  `    Demo logins (password for all: ${DEMO_PASSWORD})`,
  `      admin   ${DEMO_ADMIN.email}`,
  ...DEMO_LEADERS.map((leader) => `      leader  ${leader.email}  (${leader.name}, ${leader.team})`),
].join('\n');

const children: ChildProcess[] = [];
let stopping = false;

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuild the web app when it was never built or its sources (or the shared packages) changed since. */
function buildWebIfNeeded() {
  const buildId = path.join(root, 'apps/web/.next/BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sourcesChangedAt = Math.max(
    ...['apps/web', 'packages/contracts/src', 'packages/domain/src'].map((d) =>
      newestMtime(path.join(root, d)),
    ),
  );
  if (builtAt > sourcesChangedAt) return;
  console.log('Building the web app (first start or changed sources)…');
  const result = spawnSync('pnpm', ['--filter', '@resonance/web', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error('The web app did not build; see the output above.');
    process.exit(1);
  }
}

function start(name: string, cwd: string, command: string, args: string[], env: Record<string, string>) {
  // Own process group: Ctrl-C reaches only this script, which then stops the children in order.
  const child = spawn(command, args, {
    cwd: path.join(root, cwd),
    env: { ...process.env, ...env },
    stdio: 'inherit',
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
    void stopAll(1);
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  console.error(`${what} did not become ready at ${url} within ${timeoutMs / 1000} s.`);
  await stopAll(1);
}

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.on('exit', () => {
            clearTimeout(force);
            resolve();
          });
        }),
    ),
  );
  console.log(code === 0 ? 'Resonance stopped.' : '');
  process.exit(code);
}

// Children run in their own process groups; never leave them behind if this script dies.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
});
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

buildWebIfNeeded();

start('API', 'apps/api', 'node_modules/.bin/tsx', ['src/server.ts'], {
  API_HOST: apiHost,
  API_PORT: String(apiPort),
  WEB_URL: webUrl,
  // The embedded default is for trying Resonance out: give it the demo organisation.
  SEED_DEMO: process.env.SEED_DEMO ?? (embedded ? 'true' : 'false'),
  // Keep the terminal readable; the banner below says what matters. LOG_LEVEL=info shows every request.
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
await waitFor(`${apiUrl}/ready`, 'The API', 120_000);

start(
  'Web app',
  'apps/web',
  'node_modules/.bin/next',
  ['start', '--hostname', webHost, '--port', String(webPort)],
  {
    API_URL: apiUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  },
);
await waitFor(webUrl, 'The web app', 60_000);

if (!stopping) {
  console.log(`
  ┌──────────────────────────────────────────────────────────────┐
    Resonance is running
      Web app:  ${webUrl}
      API:      ${apiUrl}/api/v1   (OpenAPI docs: ${apiUrl}/docs)
      Database: ${embedded ? 'embedded PostgreSQL (PGlite) in .data/' : 'DATABASE_URL'}
${embedded ? DEMO_LOGINS : ''}
    Stop with Ctrl-C.
  └──────────────────────────────────────────────────────────────┘
`);
}
