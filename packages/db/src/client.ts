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
  /** Give up connecting after this long (a database that is down or unreachable). */
  connectTimeoutMs?: number;
  /**
   * Give up waiting for a query's answer after this long: a frozen database (or a network that
   * drops packets) otherwise holds every request forever. Ten seconds: no single statement of
   * the product takes more than a few (closing a round of 500 leaders runs in well under that;
   * a round's close is a transaction of many statements, each timed on its own), and requests
   * then fail with 503 instead of hanging.
   */
  queryTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

/** One client per process: it owns a connection pool. */
export function createPrismaClient({
  connectionString,
  poolSize = 10,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
  queryTimeoutMs = DEFAULT_QUERY_TIMEOUT_MS,
}: PrismaClientOptions): Db {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: queryTimeoutMs,
    // Notice a peer that vanished without closing the connection (a frozen or unplugged server).
    keepAlive: true,
  });
  // An idle connection that breaks (server restart) must not crash the process: the pool drops it.
  pool.on('error', () => {});
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
