import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { paths } from '@resonance/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A raw HTTP exchange on its own socket, so the test decides when each byte is sent. */
function rawConnection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed, received: () => received };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// What production, `pnpm start` and the bench run: the bundle, with plain node (no tsx, which
// kills its child on SIGTERM and so cuts requests in flight).
describe('the built API (node apps/api/dist/server.js)', () => {
  let dataDir: string;
  let port: number;
  let server: ChildProcess;
  let output = '';

  beforeAll(async () => {
    const build = spawnSync('pnpm', ['--filter', '@resonance/api', 'build'], {
      cwd: paths.repoRoot,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    dataDir = await mkdtemp(path.join(tmpdir(), 'resonance-built-'));
    port = await freePort();
    // Started from another directory: the bundle must find migrations and packages on its own.
    server = spawn(process.execPath, [path.join(paths.repoRoot, 'apps/api/dist/server.js')], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
        DATA_DIR: dataDir,
        SCHEDULER_ENABLED: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the built API exited:\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
      if (ready?.ok) break;
      if (Date.now() > deadline) throw new Error(`the built API did not become ready:\n${output}`);
      await sleep(250);
    }
  });

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on the embedded database and answers /health', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('on SIGTERM lets a request in flight finish, closes idle connections and cuts a stalled one', async () => {
    const idle = rawConnection(port);
    idle.socket.write(`GET /health HTTP/1.1\r\nHost: api\r\n\r\n`);
    // Headers that never end: a client that stalls (or attacks) must not keep the process alive.
    const stalled = rawConnection(port);
    stalled.socket.write(`GET /health HTTP/1.1\r\nHost: api\r\n`);
    // A login whose body is still on its way when the signal arrives.
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password' });
    const inFlight = rawConnection(port);
    inFlight.socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await sleep(300);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200/);

    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    await idle.closed;
    await sleep(500);
    inFlight.socket.write(body.slice(10));
    await inFlight.closed;
    // Answered (wrong credentials or rate-limited), then closed: not cut off.
    expect(inFlight.received()).toMatch(/^HTTP\/1\.1 (401|429)/);

    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    await stalled.closed;
  }, 30_000);
});
