import { randomBytes } from 'node:crypto';
import { createPrismaClient, type Db, migrateDatabase, startEmbeddedPostgres } from '@resonance/db';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from './global-setup';
import { testEnv } from './test-env';

export interface TestDatabase {
  connectionString: string;
  db: Db;
  /** Drops the database (or stops the embedded server). */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a clone of the migrated template on the real
 * PostgreSQL when TEST_DATABASE_URL is set, otherwise an in-memory embedded PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEnv.databaseUrl) {
    const name = `resonance_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testEnv.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
    await admin.end();
    const connectionString = withDatabase(testEnv.databaseUrl, name);
    const db = createPrismaClient({ connectionString, poolSize: 5 });
    return {
      connectionString,
      db,
      close: async () => {
        await db.$disconnect();
        const cleanup = new pg.Client({ connectionString: testEnv.databaseUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres({ maxConnections: 30 });
  await migrateDatabase(embedded.connectionString);
  const db = createPrismaClient({ connectionString: embedded.connectionString, poolSize: 5 });
  return {
    connectionString: embedded.connectionString,
    db,
    close: async () => {
      await db.$disconnect();
      await embedded.stop();
    },
  };
}
