import { migrateDatabase } from '@resonance/db';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testEnv } from './test-env';

export const TEMPLATE_DATABASE = 'resonance_test_template';

/**
 * Against a real PostgreSQL, migrate one template database once; every test file then clones it
 * (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration run per file.
 */
export default async function setup(project: TestProject) {
  if (!testEnv.databaseUrl) return;
  const admin = new pg.Client({ connectionString: testEnv.databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(withDatabase(testEnv.databaseUrl, TEMPLATE_DATABASE));
  project.provide('templateDatabase', TEMPLATE_DATABASE);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
