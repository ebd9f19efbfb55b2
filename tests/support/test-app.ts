import { buildApp } from '@resonance/api';
import { deriveBallotKeys } from '@resonance/api/ballot-box/ballot-keys';
import { type Env, parseEnv } from '@resonance/api/env';
import type { Mailer } from '@resonance/api/mail/mailer';
import type { Db } from '@resonance/db';

export const TEST_JWT_SECRET = 'integration-test-secret-0123456789abcdefghijklmnop';
export const TEST_WEB_URL = 'http://web.test';
export const TEST_BALLOT_SECRET = 'integration-test-ballot-secret-0123456789abcdef';
/** The keys every test app uses: tests that seed or close rounds directly need the same ones. */
export const testBallotKeys = deriveBallotKeys(TEST_BALLOT_SECRET);

/** A validated API environment for tests: quiet, no scheduler, fixed secret and web URL. */
export function testAppEnv(overrides: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    BALLOT_SECRET: TEST_BALLOT_SECRET,
    WEB_URL: TEST_WEB_URL,
    SCHEDULER_ENABLED: 'false',
    // Every test signs up organisations from one address; the limit has its own test.
    SIGNUPS_PER_HOUR: '100000',
    ...overrides,
  });
}

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

/** The real app on a test database, ready for supertest (`request(app.server)`). */
export async function createTestApp(
  db: Db,
  options: { env?: Record<string, string>; mailer?: Mailer } = {},
): Promise<TestApp> {
  const app = await buildApp({
    env: testAppEnv(options.env),
    db,
    ...(options.env?.LOG_LEVEL ? {} : { logger: false }),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  await app.ready();
  return app;
}
