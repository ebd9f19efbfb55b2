import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { paths } from './paths';

// Resolved from packages/db, also when this code runs bundled elsewhere (apps/api/dist).
const require = createRequire(path.join(paths.dbPackage, 'package.json'));

// The package imports its .wasm as an ES module, which Node 20 only allows behind a flag;
// instantiating the bytes ourselves works on every Node version without flags.
async function loadSchemaEngineClass(): Promise<typeof SchemaEngine> {
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(
    path.dirname(require.resolve('@prisma/schema-engine-wasm')),
    'schema_engine_bg.wasm',
  );
  const { instance } = await webAssembly.instantiate(await readFile(wasmPath), {
    './schema_engine_bg.js': glue,
  });
  const exports = instance.exports as { __wbindgen_start?: () => void };
  (glue as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start?.();
  return (glue as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
/** Rows of results that had Postgres' internal one-byte "char" columns, with those columns' positions. */
const charColumnsOfRows = new WeakMap<object, number[]>();

/**
 * Introspection reads catalog columns of Postgres' internal one-byte "char" type (e.g.
 * pg_constraint.confdeltype), which @prisma/adapter-pg 7.10 rejects as unsupported. We relabel them as
 * text for the adapter and then report them to the engine as the Character column type it expects.
 */
function charTolerantAdapterFactory(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 1 });
  const relabel = (result: pg.QueryResult | undefined) => {
    const charColumns: number[] = [];
    result?.fields?.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      }
    });
    if (result && charColumns.length > 0) charColumnsOfRows.set(result.rows, charColumns);
    return result;
  };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      // pg's pool calls this with a callback, the adapter's transactions without one.
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        return query(...args.slice(0, -1), (error: Error | null, result?: pg.QueryResult) =>
          callback(error, relabel(result)),
        );
      }
      return (query(...args) as Promise<pg.QueryResult>).then(relabel);
    };
  });
  const factory = new PrismaPg(pool);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query) => {
      const result = await queryRaw(query);
      for (const index of charColumnsOfRows.get(result.rows) ?? [])
        result.columnTypes[index] = ColumnTypeEnum.Character;
      return result;
    };
    // adapter-pg 7.10 splits a migration script on every ";", which breaks dollar-quoted function
    // bodies (e.g. the audit log's append-only trigger). Send the script whole, as one simple
    // query (several statements are allowed there), the way Prisma's native engine does.
    const internals = adapter as unknown as { client: pg.Pool; onError(error: unknown): never };
    adapter.executeScript = async (script) => {
      try {
        await internals.client.query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  };
  return { factory, pool };
}

// Node has WebAssembly; this package's TypeScript lib set (no DOM) does not declare it.
const webAssembly = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;
interface WasmGlobal {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: unknown } }>;
}

let engineClass: Promise<typeof SchemaEngine> | undefined;

export interface SchemaEngineSession {
  engine: SchemaEngine;
  schemaFiles: { path: string; content: string }[];
  close(): Promise<void>;
}

/** Opens Prisma's WebAssembly schema engine against a live database over the pg driver adapter. */
export async function openSchemaEngine(connectionString: string): Promise<SchemaEngineSession> {
  engineClass ??= loadSchemaEngineClass();
  const Engine = await engineClass;
  const schemaText = await readFile(paths.schema, 'utf8');
  const schemaFiles = [{ path: paths.schema, content: schemaText }];
  const { factory, pool } = charTolerantAdapterFactory(connectionString);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await Engine.new({ datamodels: [[paths.schema, schemaText]] }, () => {}, bound);
  return {
    engine,
    schemaFiles,
    close: async () => {
      engine.free();
      await pool.end();
    },
  };
}
