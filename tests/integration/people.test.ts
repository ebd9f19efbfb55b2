import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  createUserWithPassword,
  expectProblem,
  logIn,
  signUpAdmin,
  unique,
} from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('people', () => {
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

  const patch = (token: string, id: string, body: object) =>
    request(app.server)
      .patch(`/api/v1/people/${id}`)
      .set(...bearer(token))
      .send(body);

  describe('GET /people', () => {
    it('pages through the organisation by name and reports the total', async () => {
      const admin = await signUpAdmin(app);
      const boss = await createPerson(database.db, {
        orgId: admin.orgId,
        name: 'Aaron Boss',
        role: 'leader',
      });
      for (const name of ['Berta', 'Carla', 'Dora', 'Emil']) {
        await createPerson(database.db, { orgId: admin.orgId, name, managerId: boss.id });
      }
      const first = await request(app.server)
        .get('/api/v1/people?page=1&pageSize=2')
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(first.body).toMatchObject({ total: 6, page: 1, pageSize: 2 });
      expect(first.body.items.map((p: { name: string }) => p.name)).toEqual(['Aaron Boss', 'Ada Admin']);
      expect(first.body.items[0]).toMatchObject({
        role: 'leader',
        directReports: 4,
        manager: null,
        user: null,
      });
      expect(first.body.items[1]).toMatchObject({
        role: 'admin',
        user: { role: 'admin', active: true, hasPassword: true },
      });

      const third = await request(app.server)
        .get('/api/v1/people?page=3&pageSize=2')
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(third.body.items.map((p: { name: string }) => p.name)).toEqual(['Dora', 'Emil']);
      expect(third.body.items[0].manager).toEqual({ id: boss.id, name: 'Aaron Boss', email: boss.email });
    });

    it('searches name and email, and filters by role', async () => {
      const admin = await signUpAdmin(app);
      const needle = unique('Needle');
      await createPerson(database.db, { orgId: admin.orgId, name: `${needle} One` });
      await createPerson(database.db, {
        orgId: admin.orgId,
        email: `${needle.toLowerCase()}@example.org`,
        role: 'leader',
      });
      const search = await request(app.server)
        .get(`/api/v1/people?search=${needle.toUpperCase()}`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(search.body.total).toBe(2);
      const leaders = await request(app.server)
        .get(`/api/v1/people?search=${needle}&role=leader`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(leaders.body.total).toBe(1);
    });

    it('rejects a bad page size or role with field errors', async () => {
      const admin = await signUpAdmin(app);
      const problem = expectProblem(
        await request(app.server)
          .get('/api/v1/people?pageSize=1000&role=king')
          .set(...bearer(admin.accessToken)),
        400,
      );
      expect(problem.errors?.map((e) => e.field).sort()).toEqual([
        'querystring.pageSize',
        'querystring.role',
      ]);
    });

    it('is for admins only', async () => {
      const admin = await signUpAdmin(app);
      const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
      const session = await logIn(app, leader.email);
      expectProblem(
        await request(app.server)
          .get('/api/v1/people')
          .set(...bearer(session.accessToken)),
        403,
      );
    });
  });

  describe('PATCH /people/:id', () => {
    it('changes name, role, manager and locale', async () => {
      const admin = await signUpAdmin(app);
      const boss = await createPerson(database.db, { orgId: admin.orgId, role: 'leader' });
      const person = await createPerson(database.db, { orgId: admin.orgId });
      const response = await patch(admin.accessToken, person.id, {
        name: 'Renamed',
        role: 'leader',
        managerId: boss.id,
        locale: 'en',
      }).expect(200);
      expect(response.body).toMatchObject({
        id: person.id,
        name: 'Renamed',
        role: 'leader',
        locale: 'en',
        manager: { id: boss.id },
      });
      const cleared = await patch(admin.accessToken, person.id, { managerId: null, locale: null }).expect(
        200,
      );
      expect(cleared.body).toMatchObject({ manager: null, locale: null });
    });

    it('rejects a manager change that closes a loop', async () => {
      const admin = await signUpAdmin(app);
      const top = await createPerson(database.db, { orgId: admin.orgId });
      const middle = await createPerson(database.db, { orgId: admin.orgId, managerId: top.id });
      const bottom = await createPerson(database.db, { orgId: admin.orgId, managerId: middle.id });
      const problem = expectProblem(await patch(admin.accessToken, top.id, { managerId: bottom.id }), 400);
      expect(problem.errors).toEqual([{ field: 'body.managerId', message: expect.any(String) }]);
      expectProblem(await patch(admin.accessToken, top.id, { managerId: top.id }), 400);
    });

    it('deactivates a person and ends their sessions at once', async () => {
      const admin = await signUpAdmin(app);
      const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
      const session = await logIn(app, leader.email);
      const response = await patch(admin.accessToken, leader.id, { active: false }).expect(200);
      expect(response.body).toMatchObject({ active: false, user: { active: false } });
      expectProblem(
        await request(app.server)
          .get('/api/v1/me')
          .set(...bearer(session.accessToken)),
        401,
      );
      const stored = await database.db.refreshToken.findMany({ where: { userId: leader.userId } });
      expect(stored.every((token) => token.revokedAt !== null)).toBe(true);

      await patch(admin.accessToken, leader.id, { active: true }).expect(200);
      expectProblem(
        await request(app.server)
          .get('/api/v1/me')
          .set(...bearer(session.accessToken)),
        401,
      );
      await logIn(app, leader.email);
    });

    it('ends a user’s sessions when their role changes', async () => {
      const admin = await signUpAdmin(app);
      const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
      const session = await logIn(app, leader.email);
      await patch(admin.accessToken, leader.id, { role: 'admin' }).expect(200);
      expectProblem(
        await request(app.server)
          .get('/api/v1/me')
          .set(...bearer(session.accessToken)),
        401,
      );
      const promoted = await logIn(app, leader.email);
      const me = await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(promoted.accessToken))
        .expect(200);
      expect(me.body.role).toBe('admin');
    });

    it('does not let an admin deactivate themself', async () => {
      const admin = await signUpAdmin(app);
      await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'admin' });
      const problem = expectProblem(await patch(admin.accessToken, admin.personId, { active: false }), 409);
      expect(problem.type).toBe('https://resonance.dev/problems/cannot-deactivate-self');
    });

    it('keeps at least one admin', async () => {
      const admin = await signUpAdmin(app);
      const problem = expectProblem(await patch(admin.accessToken, admin.personId, { role: 'leader' }), 409);
      expect(problem.type).toBe('https://resonance.dev/problems/last-admin');

      const second = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'admin' });
      await patch(admin.accessToken, second.id, { role: 'leader' }).expect(200);
      expectProblem(await patch(admin.accessToken, admin.personId, { role: 'member' }), 409);
    });

    it('rejects unknown fields and empty changes', async () => {
      const admin = await signUpAdmin(app);
      const person = await createPerson(database.db, { orgId: admin.orgId });
      expectProblem(await patch(admin.accessToken, person.id, { email: 'new@example.org' }), 400);
      expectProblem(await patch(admin.accessToken, person.id, {}), 400);
      expectProblem(await patch(admin.accessToken, 'not-a-uuid', { name: 'X' }), 400);
    });
  });
});
