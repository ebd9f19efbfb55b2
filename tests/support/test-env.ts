/** The one place tests read the environment. */
export const testEnv = {
  /** A PostgreSQL server to test against; without it every test file gets an in-memory PGlite. */
  databaseUrl: process.env.TEST_DATABASE_URL || undefined,
  chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
};
