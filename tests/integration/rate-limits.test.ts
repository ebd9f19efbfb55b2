import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, unique } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Limits as a deployment has them: per real client behind the web app's proxy, and shared by
 * every API instance through Redis (the machine's, on :6379).
 */
describe('rate limits', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database?.close();
  });
  async function app(env: Record<string, string>) {
    const created = await createTestApp(database.db, { env });
    apps.push(created);
    return created;
  }
  const signup = (target: TestApp, clientAddress: string) =>
    request(target.server)
      .post('/api/v1/auth/signup')
      .set('X-Forwarded-For', clientAddress)
      .send({
        organisationName: unique('Org'),
        name: 'Ada Admin',
        email: `${unique('ada')}@example.com`,
        password: 'a-long-enough-password',
        locale: 'en',
      });

  it('limits signups per client address, taken from the trusted proxy’s X-Forwarded-For', async () => {
    const api = await app({ SIGNUPS_PER_HOUR: '3', TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' });
    const client = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    for (let attempt = 0; attempt < 3; attempt++) expect((await signup(api, client)).status).toBe(201);
    const refused = expectProblem(await signup(api, client), 429);
    expect(refused.type).toMatch(/rate-limited$/);
    // Another rater or admin behind the same proxy is not affected.
    expect((await signup(api, '198.51.100.7')).status).toBe(201);
  });

  it('does not believe X-Forwarded-For from an address that is not a configured proxy', async () => {
    const api = await app({ SIGNUPS_PER_HOUR: '2' });
    expect((await signup(api, '192.0.2.1')).status).toBe(201);
    expect((await signup(api, '192.0.2.2')).status).toBe(201);
    // Both came from 127.0.0.1 as far as the API knows.
    expectProblem(await signup(api, '192.0.2.3'), 429);
  });

  it('counts in Redis across API instances', async () => {
    const env = {
      REDIS_URL: 'redis://127.0.0.1:6379',
      SIGNUPS_PER_HOUR: '2',
      TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1',
    };
    const [first, second] = [await app(env), await app(env)];
    // A fresh address per run: Redis keeps counts between runs of the suite.
    const client = `2001:db8::${
      unique('')
        .replace(/[^0-9a-f]/g, '')
        .slice(0, 4) || '1'
    }`;
    expect((await signup(first!, client)).status).toBe(201);
    expect((await signup(second!, client)).status).toBe(201);
    expectProblem(await signup(first!, client), 429);
    expectProblem(await signup(second!, client), 429);
  });

  it('lets requests through when Redis is unreachable, rather than lock everyone out', async () => {
    const api = await app({ REDIS_URL: 'redis://127.0.0.1:1', SIGNUPS_PER_HOUR: '1' });
    // Over the limit of one, and still let through: the store cannot count.
    expect((await signup(api, '192.0.2.9')).status).toBe(201);
    expect((await signup(api, '192.0.2.9')).status).toBe(201);
  });
});
