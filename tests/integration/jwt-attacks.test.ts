import { createHmac } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserWithPassword, expectProblem, logIn, signUpAdmin } from '../support/factories';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A hand-made JWT, so tests can forge exactly the token an attacker would. */
function forgeToken(
  payload: Record<string, unknown>,
  { alg = 'HS256', secret = TEST_JWT_SECRET }: { alg?: string; secret?: string } = {},
): string {
  const unsigned = `${base64url({ alg, typ: 'JWT' })}.${base64url(payload)}`;
  if (alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('access tokens', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signUpAdmin>>;
  let validClaims: Record<string, unknown>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db);
    admin = await signUpAdmin(app);
    const now = Math.floor(Date.now() / 1000);
    validClaims = {
      sub: admin.userId,
      org: admin.orgId,
      role: 'admin',
      ver: 0,
      iss: 'resonance',
      aud: 'resonance-api',
      iat: now,
      exp: now + 600,
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const me = (token: string) =>
    request(app.server)
      .get('/api/v1/me')
      .set(...bearer(token));

  it('carry sub, org, role, ver, iss, aud, iat and an expiry of at most 15 minutes', async () => {
    const [, payload] = admin.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims).toMatchObject({
      sub: admin.userId,
      org: admin.orgId,
      role: 'admin',
      ver: 0,
      iss: 'resonance',
      aud: 'resonance-api',
    });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);
    const [header] = admin.accessToken.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString()).alg).toBe('HS256');
  });

  it('accept a correctly forged token (the control for the attacks below)', async () => {
    await me(forgeToken(validClaims)).expect(200);
  });

  it.each([
    ['alg none', () => forgeToken(validClaims, { alg: 'none' })],
    ['a different algorithm', () => forgeToken(validClaims, { alg: 'HS512' })],
    ['a wrong key', () => forgeToken(validClaims, { secret: 'an-attacker-secret-that-is-long-enough!!' })],
    ['an expired token', () => forgeToken({ ...validClaims, exp: Math.floor(Date.now() / 1000) - 5 })],
    ['no expiry', () => forgeToken({ ...validClaims, exp: undefined })],
    ['no issued-at', () => forgeToken({ ...validClaims, iat: undefined })],
    ['a wrong audience', () => forgeToken({ ...validClaims, aud: 'another-api' })],
    ['a wrong issuer', () => forgeToken({ ...validClaims, iss: 'evil' })],
    ['no organisation claim', () => forgeToken({ ...validClaims, org: undefined })],
    ['no token version', () => forgeToken({ ...validClaims, ver: undefined })],
    ['another organisation in the org claim', () => forgeToken({ ...validClaims, org: crypto.randomUUID() })],
    ['an unknown user', () => forgeToken({ ...validClaims, sub: crypto.randomUUID() })],
    [
      'a tampered payload',
      () => {
        const [header, , signature] = admin.accessToken.split('.');
        return `${header}.${base64url({ ...validClaims, role: 'admin', sub: crypto.randomUUID() })}.${signature}`;
      },
    ],
    ['garbage', () => 'not.a.jwt'],
  ])('reject %s with 401 problem+json', async (_name, token) => {
    const problem = expectProblem(await me(token()), 401);
    expect(problem.detail).not.toMatch(/stack|at .*\.ts/);
  });

  it('reject a missing or non-bearer Authorization header', async () => {
    expectProblem(await request(app.server).get('/api/v1/me'), 401);
    expectProblem(
      await request(app.server).get('/api/v1/me').set('Authorization', `Basic ${admin.accessToken}`),
      401,
    );
  });

  it('stop working at once when the user is deactivated', async () => {
    const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
    const session = await logIn(app, leader.email);
    await me(session.accessToken).expect(200);
    await request(app.server)
      .patch(`/api/v1/people/${leader.id}`)
      .set(...bearer(admin.accessToken))
      .send({ active: false })
      .expect(200);
    const problem = expectProblem(await me(session.accessToken), 401);
    expect(problem.type).toBe('https://resonance.dev/problems/session-revoked');
    expectProblem(
      await request(app.server).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }),
      401,
    );
    expectProblem(
      await request(app.server)
        .post('/api/v1/auth/login')
        .send({ email: leader.email, password: leader.password }),
      401,
    );
  });

  it('stop working at once when the token version is bumped', async () => {
    const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
    const session = await logIn(app, leader.email);
    await database.db.user.update({ where: { id: leader.userId }, data: { tokenVersion: { increment: 1 } } });
    expectProblem(await me(session.accessToken), 401);
    // A fresh login carries the new version.
    const fresh = await logIn(app, leader.email);
    await me(fresh.accessToken).expect(200);
  });
});
