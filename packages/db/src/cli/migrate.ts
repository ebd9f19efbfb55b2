// `pnpm db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import { openDatabase } from '../database';
import { loadCliEnv } from './env';

try {
  const database = await openDatabase({ ...loadCliEnv(), log: (m) => console.log(m) });
  console.log('Database schema is up to date.');
  await database.stop();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
