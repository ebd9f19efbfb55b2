import type { Db } from '@resonance/db';
import { describe, expect, it } from 'vitest';
import { deriveBallotKeys } from '../ballot-box/ballot-keys';
import { createMailSender, defaultRetryDelayMs } from './mail-sender';

const keys = deriveBallotKeys('mail-sender-test-secret-0123456789abcdef');
const mailer = { transport: 'outbox' as const, send: async () => {}, close: async () => {} };

describe('the mail sender', () => {
  it('backs off from 30 s, doubling, to at most an hour', () => {
    expect([1, 2, 3, 4, 8, 20].map(defaultRetryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
  });

  it('keeps its loop alive and logs when the database fails, and a drain reports the failure', async () => {
    let queries = 0;
    const db = {
      pool: {
        query: async () => {
          queries += 1;
          throw new Error('database down');
        },
      },
    } as unknown as Db;
    const errors: string[] = [];
    const sender = createMailSender({
      db,
      mailer,
      ballotKeys: keys,
      webUrl: 'http://web.test',
      pollMs: 5,
      log: { warn: () => {}, error: (_object, message) => errors.push(message) },
    });
    sender.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await sender.stop();
    expect(queries).toBeGreaterThan(1);
    expect(errors.length).toBeGreaterThan(1);
    await expect(sender.drain()).rejects.toThrow('database down');
  });
});
