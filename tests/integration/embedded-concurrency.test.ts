import { setTimeout as sleep } from 'node:timers/promises';
import { startEmbeddedPostgres } from '@resonance/db';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

describe('embedded PostgreSQL under concurrent connections', () => {
  it('keeps parameterised queries apart when several wait for another connection’s transaction', async () => {
    const embedded = await startEmbeddedPostgres({ maxConnections: 12 });
    const pool = new pg.Pool({ connectionString: embedded.connectionString, max: 8 });
    try {
      await Promise.all(Array.from({ length: 8 }, () => pool.query('select 1')));
      const holder = await pool.connect();
      await holder.query('begin');
      // These queue up behind the open transaction; different parameter counts make an
      // interleaved Parse/Bind fail loudly once it ends.
      const waiting = Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? pool.query('select $1::int + $2::int as v', [i, 1]).then((r) => r.rows[0].v)
          : pool.query('select $1::int * 3 + $2::int - $3::int as v', [i, 5, 5]).then((r) => r.rows[0].v),
      );
      await sleep(100);
      await holder.query('commit');
      holder.release();
      expect(await Promise.all(waiting)).toEqual([1, 3, 3, 9, 5, 15]);
    } finally {
      await pool.end();
      await embedded.stop();
    }
  });
});
