import net from 'node:net';
import { createPrismaClient, type Db } from '@resonance/db';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, signUpAdmin } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The database goes away under a running API: down (connections refused) or frozen (it accepts
 * and never answers, like a stopped process or a dropped network). Every route answers 503
 * problem+json with Retry-After within a few seconds — never 500, never a hanging request.
 */
describe('database outage', () => {
  let frozen: net.Server;
  const sockets = new Set<net.Socket>();
  let frozenUrl: string;
  beforeAll(async () => {
    frozen = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
    frozenUrl = `postgresql://postgres@127.0.0.1:${(frozen.address() as net.AddressInfo).port}/frozen`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => frozen.close(resolve));
  });

  async function appOn(connectionString: string): Promise<{ app: TestApp; db: Db }> {
    const db = createPrismaClient({
      connectionString,
      poolSize: 2,
      connectTimeoutMs: 1_500,
      queryTimeoutMs: 1_500,
    });
    return { app: await createTestApp(db), db };
  }

  for (const [label, url] of [
    ['down (connection refused)', () => 'postgresql://postgres@127.0.0.1:1/down'],
    ['frozen (no answer)', () => frozenUrl],
  ] as const) {
    it(`${label}: login, a signed-in route and /ready answer 503 problem+json in seconds`, async () => {
      const { app, db } = await appOn(url());
      try {
        const started = Date.now();
        const replies = await Promise.all([
          request(app.server)
            .post('/api/v1/auth/login')
            .send({ email: 'a@example.com', password: 'x'.repeat(12) }),
          request(app.server).get('/api/v1/survey').set('X-Invite-Token', 'a'.repeat(43)),
          request(app.server).get('/ready'),
        ]);
        for (const reply of replies) {
          const problem = expectProblem(reply, 503);
          expect(problem.type).toMatch(/unavailable$/);
          expect(reply.headers['retry-after']).toBe('5');
        }
        expect(Date.now() - started).toBeLessThan(10_000);
        // The process is still serving.
        expect((await request(app.server).get('/health')).status).toBe(200);
      } finally {
        await app.close();
        await db.$disconnect().catch(() => {});
      }
    });
  }

  it('frozen while connected: requests on open connections answer 503, and it recovers', async () => {
    // A relay in front of the real database that can stop passing bytes, as a SIGSTOPped server
    // or a dropped network would: the pool's connections stay open and simply get no answer.
    const database: TestDatabase = await createTestDatabase();
    const target = new URL(database.connectionString);
    let paused = false;
    const held: (() => void)[] = [];
    const relay = net.createServer((client) => {
      const server = net.connect(Number(target.port || 5432), target.hostname);
      const pass = (from: net.Socket, to: net.Socket) =>
        from.on('data', (chunk) => (paused ? held.push(() => to.write(chunk)) : to.write(chunk)));
      pass(client, server);
      pass(server, client);
      for (const socket of [client, server]) socket.on('error', () => {});
      client.on('close', () => server.destroy());
      server.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const relayed = new URL(database.connectionString);
    relayed.hostname = '127.0.0.1';
    relayed.port = String((relay.address() as net.AddressInfo).port);
    const { app, db } = await appOn(relayed.toString());
    try {
      const admin = await signUpAdmin(app);
      const me = () =>
        request(app.server).get('/api/v1/me').set('Authorization', `Bearer ${admin.accessToken}`);
      expect((await me()).status).toBe(200);
      paused = true;
      const started = Date.now();
      expectProblem(await me(), 503);
      expect(Date.now() - started).toBeLessThan(10_000);
      // The database answers again: the broken connections are dropped, new ones work.
      paused = false;
      for (const replay of held.splice(0)) replay();
      await expect.poll(async () => (await me()).status, { timeout: 10_000, interval: 200 }).toBe(200);
    } finally {
      await app.close();
      await db.$disconnect().catch(() => {});
      relay.close();
      await database.close();
    }
  });
});
