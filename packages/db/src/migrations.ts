import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DiffTarget, MigrationList } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { paths } from './paths';
import { openSchemaEngine } from './schema-engine';

const noFilters = { externalTables: [], externalEnums: [] };
const EMPTY_MIGRATION = 'This is an empty migration.';

/** Reads prisma/migrations in Prisma's standard folder format. */
export async function readMigrations(migrationsDir = paths.migrations): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: {
            tag: 'ok' as const,
            value: await readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8'),
          },
        },
      })),
    ),
  };
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, like `prisma migrate deploy`,
 * but through Prisma's WebAssembly schema engine (no native binary needed).
 */
export async function migrateDatabase(connectionString: string): Promise<{ applied: string[] }> {
  const migrationsList = await readMigrations();
  // The schema engine is tens of MB of WebAssembly that stays in the process once compiled; load it
  // only when there is something to apply (or a failed migration for it to report).
  if (await allApplied(connectionString, migrationsList)) return { applied: [] };
  const session = await openSchemaEngine(connectionString);
  try {
    const result = await session.engine.applyMigrations({ migrationsList, filters: noFilters });
    return { applied: result.appliedMigrationNames };
  } finally {
    await session.close();
  }
}

/** Whether `_prisma_migrations` records every migration folder as applied, and none as failed. */
async function allApplied(
  connectionString: string,
  { migrationDirectories }: MigrationList,
): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; finished: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished
       FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
    );
    if (rows.some((row) => !row.finished)) return false;
    const applied = new Set(rows.map((row) => row.migration_name));
    return migrationDirectories.every((directory) => applied.has(directory.path));
  } catch {
    // No migrations table yet (a new database), or it cannot be read: the engine decides.
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The SQL that takes a database migrated with the existing migrations to `schema.prisma`.
 * Empty string when they already match (no drift). Needs no shadow database: the migrations are
 * applied to a throwaway in-memory PGlite, which is introspected and diffed against the schema.
 */
export async function pendingSchemaChanges(): Promise<string> {
  const scratch = await startEmbeddedPostgres({ maxConnections: 4 });
  try {
    const { migrationDirectories } = await readMigrations();
    if (migrationDirectories.length > 0) await migrateDatabase(scratch.connectionString);
    const session = await openSchemaEngine(scratch.connectionString);
    try {
      const from: DiffTarget =
        migrationDirectories.length === 0
          ? { tag: 'empty' }
          : {
              tag: 'schemaDatamodel',
              files: (
                await session.engine.introspect({
                  schema: { files: session.schemaFiles },
                  baseDirectoryPath: paths.repoRoot,
                  force: true,
                  compositeTypeDepth: -1,
                  namespaces: null,
                })
              ).schema.files,
            };
      const diff = await session.engine.diff({
        from,
        to: { tag: 'schemaDatamodel', files: session.schemaFiles },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      return normaliseScript(diff.stdout);
    } finally {
      await session.close();
    }
  } finally {
    await scratch.stop();
  }
}

function normaliseScript(script: string | null): string {
  if (!script || script.includes(EMPTY_MIGRATION)) return '';
  return script.trim();
}

/** Writes `prisma/migrations/<timestamp>_<name>/migration.sql`; returns null when there is nothing to migrate. */
export async function createMigration(name: string): Promise<string | null> {
  const sql = await pendingSchemaChanges();
  if (!sql) return null;
  const stamp = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  const dir = path.join(paths.migrations, `${stamp}_${slug || 'migration'}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), `${sql}\n`);
  const lockPath = path.join(paths.migrations, 'migration_lock.toml');
  await readFile(lockPath).catch(() =>
    writeFile(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    ),
  );
  return dir;
}
