import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUserWithPassword, expectProblem, logIn, signUpAdmin } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('organisation settings', () => {
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

  it('shows name, slug, default locale, anonymity threshold (3 by default) and small-team mode (off)', async () => {
    const admin = await signUpAdmin(app, { orgName: 'Settings Test AG' });
    const response = await request(app.server)
      .get('/api/v1/org/settings')
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(response.body).toEqual({
      id: admin.orgId,
      name: 'Settings Test AG',
      slug: admin.orgSlug,
      defaultLocale: 'en',
      anonymityThreshold: 3,
      timeZone: 'Europe/Berlin',
      smallTeamMode: false,
      rawAnswerRetentionDays: 30,
    });
  });

  it('changes name, default locale and k', async () => {
    const admin = await signUpAdmin(app);
    const response = await request(app.server)
      .patch('/api/v1/org/settings')
      .set(...bearer(admin.accessToken))
      .send({ name: 'Renamed GmbH', defaultLocale: 'de', anonymityThreshold: 5 })
      .expect(200);
    expect(response.body).toMatchObject({ name: 'Renamed GmbH', defaultLocale: 'de', anonymityThreshold: 5 });
    expect(response.body.slug).toBe(admin.orgSlug);
  });

  it.each([
    [2, /at least 3/],
    [11, /at most 10/],
    [4.5, /whole number/],
    ['5', /number/],
  ])('rejects k = %j with a clear field error', async (k, message) => {
    const admin = await signUpAdmin(app);
    const problem = expectProblem(
      await request(app.server)
        .patch('/api/v1/org/settings')
        .set(...bearer(admin.accessToken))
        .send({ anonymityThreshold: k }),
      400,
    );
    expect(problem.errors).toEqual([
      { field: 'body.anonymityThreshold', message: expect.stringMatching(message) },
    ]);
    const org = await database.db.organisation.findUniqueOrThrow({ where: { id: admin.orgId } });
    expect(org.anonymityThreshold).toBe(3);
  });

  it('rejects unknown settings, a bad locale and an empty change', async () => {
    const admin = await signUpAdmin(app);
    for (const body of [{ slug: 'mine' }, { defaultLocale: 'fr' }, {}]) {
      expectProblem(
        await request(app.server)
          .patch('/api/v1/org/settings')
          .set(...bearer(admin.accessToken))
          .send(body),
        400,
      );
    }
  });

  it('is for admins only', async () => {
    const admin = await signUpAdmin(app);
    const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
    const session = await logIn(app, leader.email);
    expectProblem(
      await request(app.server)
        .get('/api/v1/org/settings')
        .set(...bearer(session.accessToken)),
      403,
    );
    expectProblem(
      await request(app.server)
        .patch('/api/v1/org/settings')
        .set(...bearer(session.accessToken))
        .send({ anonymityThreshold: 3 }),
      403,
    );
    expectProblem(await request(app.server).get('/api/v1/org/settings'), 401);
  });
});
