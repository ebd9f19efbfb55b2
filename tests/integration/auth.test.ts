import { hashToken } from '@resonance/api/auth/tokens';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  createUserWithPassword,
  expectProblem,
  logIn,
  signUpAdmin,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/factories';
import { createTestApp, TEST_WEB_URL, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('authentication', () => {
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

  describe('signup, login and me', () => {
    it('creates an organisation with an admin who can log in and see who they are', async () => {
      const email = uniqueEmail('Founder').toUpperCase();
      const signup = await request(app.server)
        .post('/api/v1/auth/signup')
        .send({
          organisationName: 'Müller & Söhne GmbH',
          name: 'Greta Gründerin',
          email,
          password: TEST_PASSWORD,
          locale: 'de',
        })
        .expect(201);
      expect(signup.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(signup.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const login = await request(app.server)
        .post('/api/v1/auth/login')
        .send({ email: email.toLowerCase(), password: TEST_PASSWORD })
        .expect(200);
      const me = await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(login.body.accessToken))
        .expect(200);
      expect(me.body).toMatchObject({
        role: 'admin',
        user: { email: email.toLowerCase(), role: 'admin', locale: 'de' },
        person: { name: 'Greta Gründerin', email: email.toLowerCase() },
        organisation: {
          name: 'Müller & Söhne GmbH',
          slug: 'muller-sohne-gmbh',
          defaultLocale: 'de',
          anonymityThreshold: 3,
        },
      });
      const person = await database.db.person.findUniqueOrThrow({ where: { id: me.body.person.id } });
      expect(person.role).toBe('admin');
    });

    it('gives a second organisation of the same name its own slug', async () => {
      const first = await signUpAdmin(app, { orgName: 'Slug Twins' });
      const second = await signUpAdmin(app, { orgName: 'Slug Twins' });
      expect(first.orgSlug).toBe('slug-twins');
      expect(second.orgSlug).toBe('slug-twins-2');
    });

    it('stores passwords only as scrypt hashes', async () => {
      const admin = await signUpAdmin(app);
      const user = await database.db.user.findUniqueOrThrow({ where: { id: admin.userId } });
      expect(user.passwordHash).toMatch(/^scrypt\$15\$8\$1\$/);
      expect(user.passwordHash).not.toContain(TEST_PASSWORD);
    });

    it('rejects short passwords, bad emails and unknown fields with field errors', async () => {
      const response = await request(app.server).post('/api/v1/auth/signup').send({
        organisationName: 'X Corp',
        name: 'X',
        email: 'not-an-email',
        password: 'short',
        isAdmin: true,
      });
      const problem = expectProblem(response, 400);
      const fields = problem.errors?.map((error) => error.field) ?? [];
      expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
      expect(JSON.stringify(problem.errors)).toContain('isAdmin');
    });

    it('answers a wrong password, an unknown email and a user without password alike', async () => {
      const admin = await signUpAdmin(app);
      const noPassword = await createPerson(database.db, { orgId: admin.orgId, role: 'leader' });
      await database.db.user.create({
        data: { orgId: admin.orgId, personId: noPassword.id, email: noPassword.email, role: 'leader' },
      });
      for (const body of [
        { email: admin.email, password: 'wrong password!!' },
        { email: uniqueEmail('nobody'), password: TEST_PASSWORD },
        { email: noPassword.email, password: TEST_PASSWORD },
      ]) {
        const problem = expectProblem(await request(app.server).post('/api/v1/auth/login').send(body), 401);
        expect(problem.type).toBe('https://resonance.dev/problems/invalid-credentials');
        expect(problem.detail).toBe('The email or the password is not correct.');
      }
    });

    it('asks for the organisation when the same credentials fit accounts in two', async () => {
      const email = uniqueEmail('consultant');
      const first = await signUpAdmin(app, { email });
      const second = await signUpAdmin(app, { email });
      const problem = expectProblem(
        await request(app.server).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }),
        400,
      );
      expect(problem.type).toBe('https://resonance.dev/problems/organisation-required');
      expect(problem.organisations).toHaveLength(2);

      const login = await request(app.server)
        .post('/api/v1/auth/login')
        .send({ email, password: TEST_PASSWORD, organisation: second.orgSlug })
        .expect(200);
      const me = await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(login.body.accessToken));
      expect(me.body.organisation.id).toBe(second.orgId);
      expect(me.body.organisation.id).not.toBe(first.orgId);
    });

    it('limits login attempts per address and email to 10 a minute', async () => {
      const email = uniqueEmail('target');
      for (let attempt = 0; attempt < 10; attempt++) {
        await request(app.server)
          .post('/api/v1/auth/login')
          .send({ email, password: 'wrong password!!' })
          .expect(401);
      }
      const problem = expectProblem(
        await request(app.server).post('/api/v1/auth/login').send({ email, password: 'wrong password!!' }),
        429,
      );
      expect(problem.type).toBe('https://resonance.dev/problems/rate-limited');
      // Another account from the same address is not locked out.
      await request(app.server)
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('other'), password: 'wrong password!!' })
        .expect(401);
    });

    it('requires a token for /me', async () => {
      expectProblem(await request(app.server).get('/api/v1/me'), 401);
    });
  });

  describe('refresh tokens', () => {
    it('rotate: a refresh returns a new pair and uses up the old refresh token', async () => {
      const admin = await signUpAdmin(app);
      const refreshed = await request(app.server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: admin.refreshToken })
        .expect(200);
      expect(refreshed.body.refreshToken).not.toBe(admin.refreshToken);
      await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(refreshed.body.accessToken))
        .expect(200);

      const stored = await database.db.refreshToken.findUniqueOrThrow({
        where: { tokenHash: hashToken(admin.refreshToken) },
      });
      expect(stored.usedAt).not.toBeNull();
      const again = await request(app.server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: refreshed.body.refreshToken })
        .expect(200);
      expect(again.body.refreshToken).not.toBe(refreshed.body.refreshToken);
    });

    it('are stored only as SHA-256 hashes', async () => {
      const admin = await signUpAdmin(app);
      const tokens = await database.db.refreshToken.findMany({ where: { userId: admin.userId } });
      expect(tokens.map((t) => t.tokenHash)).toContain(hashToken(admin.refreshToken));
      expect(JSON.stringify(tokens)).not.toContain(admin.refreshToken);
    });

    it('revoke the whole family when a used token comes back', async () => {
      const admin = await signUpAdmin(app);
      const stolen = admin.refreshToken;
      const legit = await request(app.server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: stolen })
        .expect(200);

      const replay = expectProblem(
        await request(app.server).post('/api/v1/auth/refresh').send({ refreshToken: stolen }),
        401,
      );
      expect(replay.type).toBe('https://resonance.dev/problems/refresh-token-reused');
      // The newest token of that login is revoked too.
      expectProblem(
        await request(app.server)
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: legit.body.refreshToken }),
        401,
      );
      // Other logins of the same user are not affected.
      const otherLogin = await logIn(app, admin.email);
      await request(app.server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: otherLogin.refreshToken })
        .expect(200);
    });

    it('let exactly one of several concurrent refreshes with one token win', async () => {
      const admin = await signUpAdmin(app);
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          request(app.server).post('/api/v1/auth/refresh').send({ refreshToken: admin.refreshToken }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
    });

    it('expire after 30 days', async () => {
      const admin = await signUpAdmin(app);
      const stored = await database.db.refreshToken.findUniqueOrThrow({
        where: { tokenHash: hashToken(admin.refreshToken) },
      });
      const days = (stored.expiresAt.getTime() - stored.createdAt.getTime()) / 86_400_000;
      expect(days).toBeCloseTo(30, 1);
      await database.db.refreshToken.update({
        where: { id: stored.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expectProblem(
        await request(app.server).post('/api/v1/auth/refresh').send({ refreshToken: admin.refreshToken }),
        401,
      );
    });

    it('reject an unknown or malformed token', async () => {
      expectProblem(
        await request(app.server)
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: 'a'.repeat(43) }),
        401,
      );
      expectProblem(
        await request(app.server).post('/api/v1/auth/refresh').send({ refreshToken: 'short' }),
        400,
      );
    });
  });

  describe('logout', () => {
    it('revokes the refresh token and the tokens rotated from it', async () => {
      const admin = await signUpAdmin(app);
      const rotated = await request(app.server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: admin.refreshToken })
        .expect(200);
      await request(app.server)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(204);
      const problem = expectProblem(
        await request(app.server)
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: rotated.body.refreshToken }),
        401,
      );
      expect(problem.type).toBe('https://resonance.dev/problems/invalid-refresh-token');
    });

    it('is idempotent', async () => {
      const admin = await signUpAdmin(app);
      await request(app.server)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: admin.refreshToken })
        .expect(204);
      await request(app.server)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: admin.refreshToken })
        .expect(204);
    });
  });

  describe('password setup for leaders from the org chart', () => {
    async function inviteLeader() {
      const admin = await signUpAdmin(app);
      const leader = await createPerson(database.db, {
        orgId: admin.orgId,
        role: 'leader',
        name: 'Lena Leader',
      });
      const invite = await request(app.server)
        .post(`/api/v1/people/${leader.id}/invite-user`)
        .set(...bearer(admin.accessToken))
        .expect(201);
      const email = await database.db.outboxEmail.findFirstOrThrow({
        where: { to: leader.email },
        orderBy: { createdAt: 'desc' },
      });
      const token = email.text.match(/set-password#t=([A-Za-z0-9_-]+)/)?.[1];
      if (!token) throw new Error(`no token in ${email.text}`);
      return { admin, leader, invite: invite.body, email, token };
    }

    it('emails a single-use link that carries the token only in the fragment', async () => {
      const { leader, invite, email, token } = await inviteLeader();
      expect(invite).toMatchObject({ email: leader.email, role: 'leader' });
      expect(email.text).toContain(`${TEST_WEB_URL}/set-password#t=${token}`);
      expect(email.html).toContain(`#t=${token}`);
      const stored = await database.db.passwordSetupToken.findFirstOrThrow({
        where: { userId: invite.userId },
      });
      expect(stored.tokenHash).toBe(hashToken(token));
    });

    it('lets the leader choose a password once, then log in', async () => {
      const { leader, token } = await inviteLeader();
      const password = 'a long leader password';
      const session = await request(app.server)
        .post('/api/v1/auth/set-password')
        .set('X-Setup-Token', token)
        .send({ password })
        .expect(200);
      const me = await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(session.body.accessToken))
        .expect(200);
      expect(me.body).toMatchObject({ role: 'leader', person: { id: leader.id } });
      await logIn(app, leader.email, password);

      const reuse = expectProblem(
        await request(app.server)
          .post('/api/v1/auth/set-password')
          .set('X-Setup-Token', token)
          .send({ password }),
        410,
      );
      expect(reuse.type).toBe('https://resonance.dev/problems/setup-token-expired');
    });

    it('replaces an earlier link when the admin invites again', async () => {
      const { admin, leader, token: first } = await inviteLeader();
      await request(app.server)
        .post(`/api/v1/people/${leader.id}/invite-user`)
        .set(...bearer(admin.accessToken))
        .expect(201);
      expectProblem(
        await request(app.server)
          .post('/api/v1/auth/set-password')
          .set('X-Setup-Token', first)
          .send({ password: 'another long password' }),
        410,
      );
    });

    it('rejects a missing or unknown token and a short password', async () => {
      const { token } = await inviteLeader();
      expectProblem(
        await request(app.server).post('/api/v1/auth/set-password').send({ password: 'long enough pw' }),
        400,
      );
      expectProblem(
        await request(app.server)
          .post('/api/v1/auth/set-password')
          .set('X-Setup-Token', 'b'.repeat(43))
          .send({ password: 'long enough pw' }),
        401,
      );
      const short = expectProblem(
        await request(app.server)
          .post('/api/v1/auth/set-password')
          .set('X-Setup-Token', token)
          .send({ password: 'short' }),
        400,
      );
      expect(short.errors?.[0]?.field).toBe('body.password');
    });

    it('only invites leaders and admins', async () => {
      const admin = await signUpAdmin(app);
      const member = await createPerson(database.db, { orgId: admin.orgId, role: 'member' });
      const problem = expectProblem(
        await request(app.server)
          .post(`/api/v1/people/${member.id}/invite-user`)
          .set(...bearer(admin.accessToken)),
        409,
      );
      expect(problem.type).toBe('https://resonance.dev/problems/not-a-leader');
    });

    it('is for admins only', async () => {
      const admin = await signUpAdmin(app);
      const leader = await createUserWithPassword(database.db, { orgId: admin.orgId });
      const session = await logIn(app, leader.email);
      expectProblem(
        await request(app.server)
          .post(`/api/v1/people/${leader.id}/invite-user`)
          .set(...bearer(session.accessToken)),
        403,
      );
    });
  });
});
