import { createPrismaClient, openDatabase } from '@resonance/db';
import { deriveBallotKeys } from '../ballot-box/ballot-keys';
import { BallotSecretError, loadBallotSecret, verifyBallotSecret } from '../ballot-box/ballot-secret';
import { EnvError, loadEnv } from '../env';
import { ensureQuestionnaires } from '../questionnaire/ensure-questionnaires';
import { formatDemoLogins } from './seed-at-start';
import { seedDemo } from './seed-demo';

/** `pnpm db:seed`: opens the database exactly as the API does (embedded without DATABASE_URL) and seeds the demo. */
export async function runSeedCommand(): Promise<number> {
  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : String(error));
    return 1;
  }
  if (env.NODE_ENV === 'production') {
    console.error('Refusing to seed demo data with NODE_ENV=production.');
    return 1;
  }
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: `${env.DATA_DIR}/postgres`,
    embeddedPort: env.EMBEDDED_DB_PORT,
  });
  const db = createPrismaClient({ connectionString: database.connectionString, poolSize: 4 });
  try {
    let ballotKeys: ReturnType<typeof deriveBallotKeys>;
    try {
      ballotKeys = deriveBallotKeys(
        loadBallotSecret({ configured: env.BALLOT_SECRET, dataDir: env.DATA_DIR }).secret,
      );
      await verifyBallotSecret(db, ballotKeys);
    } catch (error) {
      if (!(error instanceof BallotSecretError)) throw error;
      console.error(error.message);
      return 1;
    }
    await ensureQuestionnaires({ db });
    const result = await seedDemo({ db, ballotKeys, nodeEnv: env.NODE_ENV, webUrl: env.WEB_URL });
    if (!result.seeded) {
      console.log(`Nothing to do: ${result.reason}. The demo is only seeded into an empty database.`);
      return 0;
    }
    console.log(`Seeded the demo organisation.\n${formatDemoLogins(result)}`);
    return 0;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}
