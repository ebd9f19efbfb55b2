import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';

/**
 * The database client: Prisma for everything, plus its own `pg` pool for the few hot paths where
 * the ORM's per-query cost dominates (answering a survey). Both share one pool of connections.
 */
/** The plain `pg` pool behind the client. */
export type SqlPool = pg.Pool;

export type Db = PrismaClient & {
  /** The pool Prisma runs on; for hand-written SQL on hot paths only (see apps/api/src/survey). */
  readonly pool: pg.Pool;
};

export interface PrismaClientOptions {
  connectionString: string;
  /** Pool size; keep the sum of all pools below the embedded server's connection limit. */
  poolSize?: number;
}

/** One client per process: it owns a connection pool. */
export function createPrismaClient({ connectionString, poolSize = 10 }: PrismaClientOptions): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({ adapter });
  const disconnect = client.$disconnect.bind(client);
  let ended = false;
  // Prisma ends the pool only if it ever connected; end it here in any case (idempotent).
  client.$disconnect = async () => {
    await disconnect();
    if (!ended && !(pool as pg.Pool & { ended?: boolean }).ended) {
      ended = true;
      await pool.end();
    }
  };
  return Object.assign(client, { pool });
}
