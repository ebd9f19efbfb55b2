import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, redactUrl, startEmbeddedPostgres } from '@resonance/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

async function query(connectionString: string, sql: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'resonance-embedded-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps its data across restarts and applies migrations only once', async () => {
    const dataDir = path.join(dir, 'persist');
    const first = await openDatabase({ dataDir, log: () => {} });
    await query(
      first.connectionString,
      `INSERT INTO organisations (id, name, slug, updated_at)
      VALUES ('00000000-0000-4000-8000-000000000001', 'Kept', 'kept', now())`,
    );
    await first.stop();

    const logs: string[] = [];
    const second = await openDatabase({ dataDir, log: (m) => logs.push(m) });
    expect(await query(second.connectionString, 'SELECT slug FROM organisations')).toEqual([
      { slug: 'kept' },
    ]);
    expect(logs.some((m) => m.startsWith('Applied migrations'))).toBe(false);
    await second.stop();
  });

  it('refuses a data directory that another live process holds', async () => {
    const dataDir = path.join(dir, 'locked');
    const holder = spawn('sleep', ['30']);
    try {
      await writeFile(`${dataDir}.lock`, String(holder.pid));
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/in use by process/);
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left behind by a process that died', async () => {
    const dataDir = path.join(dir, 'stale');
    await writeFile(`${dataDir}.lock`, '999999');
    const embedded = await startEmbeddedPostgres({ dataDir });
    await embedded.stop();
  });

  it('reports an unreachable external database clearly, without leaking its password', async () => {
    await expect(
      openDatabase({
        databaseUrl: 'postgresql://app:s3cret@127.0.0.1:1/nowhere',
        dataDir: dir,
        connectTimeoutMs: 1000,
        log: () => {},
      }),
    ).rejects.toThrow(/not reachable.*Check DATABASE_URL/);
    expect(redactUrl('postgresql://app:s3cret@db:5432/x')).not.toContain('s3cret');
  });
});
