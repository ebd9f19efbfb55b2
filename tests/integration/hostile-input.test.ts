import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  expectProblem,
  type SignedUpAdmin,
  signUpAdmin,
  unique,
} from '../support/factories';
import { answerBody, createRoundViaApi, createTeam, submitAnswers } from '../support/round-factories';
import { createTestApp, type TestApp, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Input an attacker or a broken client sends: it gets a clear problem+json 4xx, never a 5xx, never
 * Fastify's own error shape, and nothing stored changes.
 */
describe('hostile input', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db);
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const NUL = '\u0000';
  const asAdmin = (method: 'get' | 'post' | 'patch', path: string) =>
    request(app.server)
      [method](`/api/v1${path}`)
      .set(...bearer(admin.accessToken));

  describe('a NUL character (PostgreSQL cannot store it: once 500 on every route)', () => {
    it('in a search, a name, a round name and an import answers 400 and names the field', async () => {
      const person = await createPerson(database.db, { orgId: admin.orgId });
      const cases = [
        await asAdmin('get', `/people?search=${encodeURIComponent(`a${NUL}b`)}`),
        await asAdmin('patch', `/people/${person.id}`).send({ name: `Eve${NUL}` }),
        await asAdmin('post', '/rounds').send({ name: `Q${NUL}`, leaderIds: [person.id] }),
        await asAdmin('post', '/people/import')
          .set('Content-Type', 'text/csv')
          .send(`email,name,manager_email\nn@example.com,N${NUL}ul,\n`),
        await asAdmin('post', '/people/import').send({
          people: [{ email: 'n@example.com', name: `N${NUL}` }],
        }),
        await request(app.server)
          .post('/api/v1/auth/signup')
          .send({
            orgName: `Org${NUL}`,
            name: 'A',
            email: `${unique('a')}@example.com`,
            password: 'long-password-1',
          }),
      ];
      for (const reply of cases) {
        const problem = expectProblem(reply, 400);
        expect(problem.detail).toMatch(/NUL/);
      }
      const stored = await database.db.person.findUniqueOrThrow({ where: { id: person.id } });
      expect(stored.name).toBe(person.name);
    });

    it('in a survey comment answers 400, and the invitation stays unused', async () => {
      const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
      const round = await createRoundViaApi(app, admin.accessToken, {
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        schedule: true,
      });
      await asAdmin('post', `/rounds/${round.id}/open`).expect(200);
      const invitation = await database.db.invitation.findFirstOrThrow({ where: { roundId: round.id } });
      const token = testBallotKeys.invitationToken(invitation.id);
      const hostile = answerBody(() => 4, { keepDoing: `fine${NUL}` });
      expectProblem(await submitAnswers(app, token, hostile), 400);
      expect(
        (
          await submitAnswers(
            app,
            token,
            answerBody(() => 4),
          )
        ).status,
      ).toBe(201);
    });
  });

  describe('URLs and methods the router refuses', () => {
    it('a bad percent-encoding in the path answers problem+json 400', async () => {
      const reply = await asAdmin('get', '/people/%ZZ');
      expectProblem(reply, 400);
    });

    it("a 5,000-character path id answers problem+json, not the router's own shape", async () => {
      const reply = await asAdmin('get', `/people/${'a'.repeat(5_000)}`);
      expectProblem(reply, reply.status === 414 ? 414 : 404);
      const round = await asAdmin('post', `/rounds/${'b'.repeat(5_000)}/open`);
      expectProblem(round, round.status === 414 ? 414 : 404);
    });

    it('TRACE answers 405 with the methods the API speaks', async () => {
      const reply = await app.inject({ method: 'TRACE', url: '/api/v1/me' });
      expect(reply.statusCode).toBe(405);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(String(reply.headers.allow)).toContain('GET');
    });

    it('a NUL in the Content-Type answers problem+json 4xx', async () => {
      const reply = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': `application/json${NUL}` },
        payload: '{}',
      });
      expect(reply.statusCode).toBeGreaterThanOrEqual(400);
      expect(reply.statusCode).toBeLessThan(500);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});

describe('replies no cache may keep', () => {
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

  it('a session, a signed-in read, an error and a survey read all say Cache-Control: no-store', async () => {
    const admin = await signUpAdmin(app);
    const replies = [
      await request(app.server)
        .post('/api/v1/auth/login')
        .send({ email: admin.email, password: admin.password }),
      await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(admin.accessToken)),
      await request(app.server).get('/api/v1/me'),
      await request(app.server).get('/api/v1/survey').set('X-Invite-Token', 'x'.repeat(43)),
    ];
    for (const reply of replies) expect(reply.headers['cache-control']).toBe('no-store');
  });
});
