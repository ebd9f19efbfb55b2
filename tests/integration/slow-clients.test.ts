import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Clients that send slowly or stall: the API cuts them at its header and request deadlines
 * (short here; 10 s and 60 s by default) and keeps serving everyone else.
 */
describe('slow clients', () => {
  let database: TestDatabase;
  let app: TestApp;
  let port: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, {
      env: { HEADERS_TIMEOUT_MS: '800', REQUEST_TIMEOUT_MS: '1500' },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Opens a connection, writes `chunks` one every `everyMs`, and resolves when the server ends it. */
  function dribble(chunks: string[], everyMs: number) {
    return new Promise<{ afterMs: number; reply: string; sent: number }>((resolve) => {
      const started = Date.now();
      const socket = net.connect(port, '127.0.0.1');
      let reply = '';
      let sent = 0;
      const timer = setInterval(() => {
        if (sent < chunks.length && !socket.destroyed) socket.write(chunks[sent++]!);
      }, everyMs);
      socket.on('data', (data) => (reply += data.toString()));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ afterMs: Date.now() - started, reply, sent });
      });
    });
  }

  it('cuts a client that sends its headers a byte at a time', async () => {
    const headers = 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n\r\n'.split('');
    const { afterMs, sent, reply } = await dribble(headers, 200);
    expect(sent).toBeLessThan(headers.length);
    expect(afterMs).toBeLessThan(5_000);
    expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('cuts a client whose body never finishes, while others are served', async () => {
    const head =
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n';
    const slow = dribble([head, ...'{"email":"a@example.com",'.split('')], 150);
    const others = await fetch(`http://127.0.0.1:${port}/health`);
    expect(others.status).toBe(200);
    const { afterMs, reply } = await slow;
    expect(afterMs).toBeLessThan(6_000);
    expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
  });
});
