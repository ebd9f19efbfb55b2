import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onInterrupt } from './cleanup';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database `resonance_bench_<random>` on the given server; the API migrates it at start.
 * Dropping it ends any connection still open to it.
 */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `resonance_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () =>
    onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const forget = onInterrupt(drop);
  return {
    name,
    url: url.toString(),
    drop: async () => {
      forget();
      await drop();
    },
  };
}

async function onServer(serverUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
