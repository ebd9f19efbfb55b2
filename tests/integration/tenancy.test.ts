import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, expectProblem, signUpAdmin } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('tenancy', () => {
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

  it('answers 404 for another organisation’s person, never 403 and never data', async () => {
    const ours = await signUpAdmin(app);
    const theirs = await signUpAdmin(app);
    const stranger = await createPerson(database.db, {
      orgId: theirs.orgId,
      role: 'leader',
      name: 'Their Leader',
    });

    const attempts = [
      request(app.server)
        .patch(`/api/v1/people/${stranger.id}`)
        .set(...bearer(ours.accessToken))
        .send({ name: 'Hijacked' }),
      request(app.server)
        .patch(`/api/v1/people/${stranger.id}`)
        .set(...bearer(ours.accessToken))
        .send({ active: false }),
      request(app.server)
        .post(`/api/v1/people/${stranger.id}/invite-user`)
        .set(...bearer(ours.accessToken)),
      request(app.server)
        .patch(`/api/v1/people/${theirs.personId}`)
        .set(...bearer(ours.accessToken))
        .send({ role: 'member' }),
    ];
    for (const response of await Promise.all(attempts)) {
      const problem = expectProblem(response, 404);
      expect(JSON.stringify(problem)).not.toContain('Their Leader');
    }
    const unchanged = await database.db.person.findUniqueOrThrow({ where: { id: stranger.id } });
    expect(unchanged).toMatchObject({ name: 'Their Leader', active: true });
    expect(await database.db.user.count({ where: { personId: stranger.id } })).toBe(0);
  });

  it('answers 404 when a manager id belongs to another organisation', async () => {
    const ours = await signUpAdmin(app);
    const theirs = await signUpAdmin(app);
    const mine = await createPerson(database.db, { orgId: ours.orgId });
    const foreignManager = await createPerson(database.db, { orgId: theirs.orgId });
    expectProblem(
      await request(app.server)
        .patch(`/api/v1/people/${mine.id}`)
        .set(...bearer(ours.accessToken))
        .send({ managerId: foreignManager.id }),
      404,
    );
  });

  it('lists only the caller’s organisation', async () => {
    const ours = await signUpAdmin(app);
    const theirs = await signUpAdmin(app);
    await createPerson(database.db, { orgId: theirs.orgId, name: 'Invisible Person' });
    const list = await request(app.server)
      .get('/api/v1/people?search=Invisible')
      .set(...bearer(ours.accessToken))
      .expect(200);
    expect(list.body).toMatchObject({ total: 0, items: [] });
    const settings = await request(app.server)
      .get('/api/v1/org/settings')
      .set(...bearer(ours.accessToken))
      .expect(200);
    expect(settings.body.id).toBe(ours.orgId);
  });

  it('imports into the caller’s organisation only, even for emails that exist elsewhere', async () => {
    const ours = await signUpAdmin(app);
    const theirs = await signUpAdmin(app);
    const shared = await createPerson(database.db, { orgId: theirs.orgId, name: 'Original Name' });
    // A manager known only in the other organisation is unknown here.
    const problem = expectProblem(
      await request(app.server)
        .post('/api/v1/people/import')
        .set(...bearer(ours.accessToken))
        .set('Content-Type', 'text/csv')
        .send(`email,name,manager_email,role\nnew@example.com,New,${shared.email},\n`),
      400,
    );
    expect(problem.errors?.[0]?.field).toBe('line 2: manager_email');

    await request(app.server)
      .post('/api/v1/people/import')
      .set(...bearer(ours.accessToken))
      .set('Content-Type', 'text/csv')
      .send(`email,name,manager_email,role\n${shared.email},Changed Name,,\n`)
      .expect(200);
    const theirCopy = await database.db.person.findUniqueOrThrow({ where: { id: shared.id } });
    expect(theirCopy.name).toBe('Original Name');
    expect(await database.db.person.count({ where: { email: shared.email } })).toBe(2);
  });
});
