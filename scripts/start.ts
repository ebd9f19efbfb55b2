// `pnpm start`: builds what is needed, starts the API (embedded PostgreSQL with demo data unless
// DATABASE_URL is set) and the web app, prints where to go, and stops both cleanly on Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DEMO_ADMIN, DEMO_LEADERS, DEMO_PASSWORD } from '../apps/api/src/demo/demo-organisation';
import { buildApi } from './api-build';
import { buildWebIfNeeded } from './web-build';

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

/** Whether something (often an earlier `pnpm start`) already listens there: its /ready would pass for ours. */
function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'))
      .once('listening', () => probe.close(() => resolve(false)))
      .listen(port, host);
  });
}

for (const [what, host, port, variable] of [
  ['the API', apiHost, apiPort, 'API_PORT'],
  ['the web app', webHost, webPort, 'WEB_PORT'],
] as const) {
  if (await portInUse(host, port)) {
    console.error(
      `Port ${port} on ${host} (for ${what}) is already in use — is Resonance already running in another terminal? Stop it, or choose another port with ${variable}=….`,
    );
    process.exit(1);
  }
}

try {
  buildApi();
  buildWebIfNeeded();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// Plain node on the bundle (not tsx, which kills its child on SIGTERM): Ctrl-C lets requests finish.
start('API', 'apps/api', process.execPath, ['dist/server.js'], {
  API_HOST: apiHost,
  API_PORT: String(apiPort),
  WEB_URL: webUrl,
  // Raters reach the API through the web app on this host: believe its X-Forwarded-For, so the
  // survey's rate limits count per rater and not once for everyone.
  TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
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
    // Where the web app reaches the API: this API unless .env says otherwise (e.g. through a proxy).
    API_URL: process.env.API_URL || apiUrl,
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
