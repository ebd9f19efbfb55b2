import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { keepExtendedQueriesTogether } from './pglite-message-order';

export interface EmbeddedPostgres {
  /** A normal postgres:// URL: everything else connects exactly as to a real server. */
  connectionString: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory the database persists in; omit for an in-memory database (tests, migration diffs). */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Must exceed the sum of every pool that connects (API, scheduler, migrations). */
  maxConnections?: number;
}

/**
 * Runs PGlite (PostgreSQL compiled to WebAssembly) and serves it over the Postgres wire protocol
 * on loopback, so the embedded default and a real server share one code path (pg + adapter-pg).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  let releaseLock = async () => {};
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    releaseLock = await lockDataDir(options.dataDir);
  }
  // Loaded only here: a deployment on PostgreSQL does not carry PGlite's modules in memory.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ]);
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 40,
  });
  keepExtendedQueriesTogether(server);
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  return {
    connectionString: `postgresql://postgres@${host}:${port}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
      await releaseLock();
    },
  };
}

export class EmbeddedDatabaseInUseError extends Error {
  override name = 'EmbeddedDatabaseInUseError';
}

/**
 * PGlite has no multi-process locking: two processes on one data directory would corrupt it.
 * A pid file refuses the second one with a clear message (a stale file from a killed process is taken over).
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new EmbeddedDatabaseInUseError(
      `The embedded database in ${dataDir} is in use by process ${holder}. Stop that process first (or set DATABASE_URL to use a PostgreSQL server).`,
    );
  }
  await writeFile(lockFile, String(process.pid));
  return async () => {
    await rm(lockFile, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
