import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserWithPassword, expectProblem, logIn, signUpAdmin } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('my preferences', () => {
  let database: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const patchMe = (accessToken: string, body: object) =>
    request(app.server)
      .patch('/api/v1/me')
      .set(...bearer(accessToken))
      .send(body);
  const getMe = (accessToken: string) =>
    request(app.server)
      .get('/api/v1/me')
      .set(...bearer(accessToken))
      .expect(200);

  it('saves the language and answers with the same payload as GET /me', async () => {
    const admin = await signUpAdmin(app);
    const response = await patchMe(admin.accessToken, { locale: 'en' }).expect(200);
    expect(response.body.user.locale).toBe('en');
    expect(response.body).toEqual((await getMe(admin.accessToken)).body);
  });

  it('lets a leader save a language too', async () => {
    const admin = await signUpAdmin(app);
    const leader = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'leader' });
    const { accessToken } = await logIn(app, leader.email);
    await patchMe(accessToken, { locale: 'de' }).expect(200);
    expect((await getMe(accessToken)).body.user.locale).toBe('de');
  });

  it('goes back to the organisation default with null', async () => {
    const admin = await signUpAdmin(app);
    await patchMe(admin.accessToken, { locale: 'en' }).expect(200);
    const response = await patchMe(admin.accessToken, { locale: null }).expect(200);
    expect(response.body.user.locale).toBeNull();
    expect((await getMe(admin.accessToken)).body.user.locale).toBeNull();
  });

  it('leaves other users of the organisation alone', async () => {
    const admin = await signUpAdmin(app);
    const leader = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'leader' });
    await patchMe(admin.accessToken, { locale: 'en' }).expect(200);
    const stored = await database.db.user.findUniqueOrThrow({ where: { id: leader.userId } });
    expect(stored.locale).toBeNull();
  });

  it('rejects an unknown language with a field error and keeps the saved one', async () => {
    const admin = await signUpAdmin(app);
    await patchMe(admin.accessToken, { locale: 'de' }).expect(200);
    const problem = expectProblem(await patchMe(admin.accessToken, { locale: 'fr' }), 400);
    expect(problem.errors?.map((error) => error.field)).toEqual(['body.locale']);
    expect((await getMe(admin.accessToken)).body.user.locale).toBe('de');
  });

  it('rejects a missing language and unknown fields', async () => {
    const admin = await signUpAdmin(app);
    expectProblem(await patchMe(admin.accessToken, {}), 400);
    const problem = expectProblem(await patchMe(admin.accessToken, { locale: 'en', role: 'admin' }), 400);
    expect(JSON.stringify(problem.errors)).toContain('role');
  });

  it('requires a token', async () => {
    expectProblem(await request(app.server).patch('/api/v1/me').send({ locale: 'en' }), 401);
  });
});
