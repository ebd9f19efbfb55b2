import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateDatabase } from './migrations';

export interface DatabaseOptions {
  /** External PostgreSQL; when absent an embedded PGlite persisted in `dataDir` is started. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Loopback port for the embedded server (0 = any free port). */
  embeddedPort?: number;
  migrate?: boolean;
  log?: (message: string) => void;
  /** How long to keep retrying an unreachable external database at start. */
  connectTimeoutMs?: number;
}

export interface Database {
  connectionString: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Resolves where the database lives, waits until it answers (retrying with a clear message instead
 * of a stack trace), and applies pending migrations.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = options.log ?? ((m: string) => console.log(m));
  let connectionString = options.databaseUrl;
  let stop = async () => {};
  if (!connectionString) {
    log(`Starting embedded PostgreSQL (PGlite) in ${options.dataDir}`);
    const embedded = await startEmbeddedPostgres({
      dataDir: options.dataDir,
      port: options.embeddedPort ?? 0,
    });
    connectionString = embedded.connectionString;
    stop = embedded.stop;
  }
  await waitUntilReachable(connectionString, options.connectTimeoutMs ?? 60_000, log);
  if (options.migrate !== false) {
    const { applied } = await migrateDatabase(connectionString);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
  }
  return { connectionString, embedded: !options.databaseUrl, stop };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export async function isReachable(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitUntilReachable(connectionString: string, timeoutMs: number, log: (m: string) => void) {
  const deadline = Date.now() + timeoutMs;
  let delay = 500;
  for (;;) {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (Date.now() + delay > deadline) {
        throw new Error(
          `Database at ${redactUrl(connectionString)} is not reachable (${reason}). Check DATABASE_URL and that PostgreSQL is running.`,
        );
      }
      log(
        `Database at ${redactUrl(connectionString)} not reachable yet (${reason}); retrying in ${delay} ms`,
      );
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    } finally {
      await client.end().catch(() => {});
    }
  }
}
