import type { Db } from '@resonance/db';
import type { FastifyBaseLogger } from 'fastify';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import type { Env } from '../env';
import { type SeedDemoResult, seedDemo } from './seed-demo';

/** With SEED_DEMO=true, seeds the demo into an empty database at start (never in production). */
export async function seedDemoIfRequested({
  env,
  db,
  ballotKeys,
  log,
}: {
  env: Env;
  db: Db;
  ballotKeys: BallotKeys;
  log: FastifyBaseLogger;
}): Promise<void> {
  if (!env.SEED_DEMO) return;
  if (env.NODE_ENV === 'production') {
    log.warn('SEED_DEMO is ignored with NODE_ENV=production: demo data is never seeded there');
    return;
  }
  const result = await seedDemo({ db, ballotKeys, nodeEnv: env.NODE_ENV, webUrl: env.WEB_URL });
  if (!result.seeded) {
    log.info(`demo not seeded: ${result.reason}`);
    return;
  }
  log.info('demo organisation seeded; password for every demo login: resonance-demo');
  for (const login of result.logins) log.info(`demo login (${login.role}): ${login.email}  ${login.name}`);
}

export function formatDemoLogins(result: SeedDemoResult): string {
  const width = Math.max(...result.logins.map((login) => login.email.length));
  return [
    'Demo logins (password for all: resonance-demo):',
    ...result.logins.map((login) => `  ${login.email.padEnd(width)}  ${login.role.padEnd(6)}  ${login.name}`),
  ].join('\n');
}
