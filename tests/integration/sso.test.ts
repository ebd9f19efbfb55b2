import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  createUserWithPassword,
  expectProblem,
  logIn,
  type SignedUpAdmin,
  signUpAdmin,
  TEST_PASSWORD,
  unique,
} from '../support/factories';
import {
  callbackParams,
  type OidcTestProvider,
  signInAtProvider,
  startOidcTestProvider,
} from '../support/oidc-test-provider';
import { createTestApp, TEST_WEB_URL, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const REDIRECT_URI = `${TEST_WEB_URL}/login/sso/callback`;
const problem = (code: string) => `https://resonance.dev/problems/${code}`;

/**
 * Single sign-on against a real OpenID provider (oidc-provider) on a loopback port: the test plays
 * the browser (follows the provider's redirects, signs in as a chosen account) and the web app (hands
 * the callback's code and state to the API).
 */
describe('single sign-on (OpenID Connect)', () => {
  let database: TestDatabase;
  let app: TestApp;
  let idp: OidcTestProvider;
  /** A second, equally real provider: the wrong issuer for the first one's codes. */
  let otherIdp: OidcTestProvider;
  /** Serves a discovery document that names another issuer than its URL. */
  let impostor: OidcTestProvider;
  /** Puts email and email_verified only into userinfo, not into the ID token. */
  let userinfoIdp: OidcTestProvider;
  let admin: SignedUpAdmin;
  let otherOrgAdmin: SignedUpAdmin;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Each sign-in below comes from its own client address (X-Forwarded-For through a trusted proxy),
    // so the routes' rate limits apply per test as they would per person; one test checks the limit.
    app = await createTestApp(database.db, { env: { TRUST_PROXY: '127.0.0.1' } });
    [idp, otherIdp, impostor, userinfoIdp] = await Promise.all([
      startOidcTestProvider({ redirectUri: REDIRECT_URI }),
      startOidcTestProvider({ redirectUri: REDIRECT_URI }),
      startOidcTestProvider({ redirectUri: REDIRECT_URI, claimedIssuer: 'https://login.impostor.test' }),
      startOidcTestProvider({ redirectUri: REDIRECT_URI, idTokenCarriesClaims: false }),
    ]);
    admin = await signUpAdmin(app);
    otherOrgAdmin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([idp, otherIdp, impostor, userinfoIdp].map((provider) => provider?.close()));
    await database?.close();
  });

  function configure(
    by: SignedUpAdmin,
    provider: OidcTestProvider,
    overrides: Record<string, unknown> = {},
  ): request.Test {
    return request(app.server)
      .put('/api/v1/org/sso')
      .set(...bearer(by.accessToken))
      .send({
        issuerUrl: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        allowedDomains: ['example.org', 'shared.test'],
        ...overrides,
      });
  }

  /** An account at the provider for this email (verified unless told otherwise). */
  function account(provider: OidcTestProvider, email: string, claims: Record<string, unknown> = {}) {
    const sub = randomUUID();
    provider.accounts.set(sub, { email, email_verified: true, name: 'Test Person', ...claims });
    return sub;
  }

  let clientAddress = 0;
  const nextAddress = () => `198.51.100.${(clientAddress++ % 250) + 1}`;

  function start(body: Record<string, unknown>, from = nextAddress()) {
    return request(app.server).post('/api/v1/auth/sso/start').set('X-Forwarded-For', from).send(body);
  }

  function callback(body: Record<string, unknown>, from = nextAddress()) {
    return request(app.server).post('/api/v1/auth/sso/callback').set('X-Forwarded-For', from).send(body);
  }

  /** Start, sign in at the provider as `sub`, and return the callback's parameters. */
  async function signIn(sub: string, startBody: Record<string, unknown> = { organisation: admin.orgSlug }) {
    const started = await start(startBody).expect(200);
    return callbackParams(await signInAtProvider(started.body.authorizationUrl, sub, REDIRECT_URI));
  }

  describe('configuration', () => {
    it('shows the redirect URI to register before anything is configured', async () => {
      const response = await request(app.server)
        .get('/api/v1/org/sso')
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(response.body).toEqual({
        redirectUri: REDIRECT_URI,
        scopes: 'openid email profile',
        provider: null,
      });
    });

    it('refuses an issuer that does not answer, or whose discovery document names another issuer', async () => {
      const unreachable = expectProblem(
        await configure(admin, idp, { issuerUrl: 'http://127.0.0.1:9/realms/none' }),
        422,
      );
      expect(unreachable.type).toBe(problem('sso-issuer-unreachable'));
      expect(unreachable.errors?.[0]?.field).toBe('body.issuerUrl');

      const mismatch = expectProblem(await configure(admin, impostor, { issuerUrl: impostor.url }), 422);
      expect(mismatch.type).toBe(problem('sso-issuer-mismatch'));
      // Nothing fetched is echoed back: not the claimed issuer, not the document.
      expect(JSON.stringify(mismatch)).not.toContain('impostor');

      const wellKnown = expectProblem(
        await configure(admin, idp, { issuerUrl: `${idp.issuer}/.well-known/openid-configuration` }),
        400,
      );
      expect(wellKnown.errors?.[0]?.field).toBe('body.issuerUrl');
      expect(await database.db.organisationSso.count({ where: { orgId: admin.orgId } })).toBe(0);
    });

    it('refuses malformed domains and SSO only without SSO', async () => {
      for (const allowedDomains of [[], ['not a domain'], ['@example.org'], ['example.org', 'EXAMPLE.org']]) {
        expectProblem(await configure(admin, idp, { allowedDomains }), 400);
      }
      expectProblem(await configure(admin, idp, { enabled: false, ssoOnly: true }), 400);
    });

    it('stores the provider with the secret sealed, never returned, never in the audit log', async () => {
      const saved = await configure(admin, idp, { allowedDomains: ['Example.org', 'shared.test'] }).expect(
        200,
      );
      expect(saved.body.provider).toMatchObject({
        issuerUrl: idp.issuer,
        clientId: idp.clientId,
        hasClientSecret: true,
        allowedDomains: ['example.org', 'shared.test'],
        enabled: true,
        ssoOnly: false,
      });
      const read = await request(app.server)
        .get('/api/v1/org/sso')
        .set(...bearer(admin.accessToken))
        .expect(200);
      const audit = await request(app.server)
        .get('/api/v1/audit')
        .set(...bearer(admin.accessToken))
        .expect(200);
      for (const body of [saved.body, read.body, audit.body]) {
        expect(JSON.stringify(body)).not.toContain(idp.clientSecret);
      }
      expect(audit.body.items[0]).toMatchObject({
        action: 'org.sso_changed',
        details: { clientSecret: { changed: true }, issuerUrl: { from: null, to: idp.issuer } },
      });

      // What a database reader or a backup holds: no secret in clear, in any encoding we can think of.
      const rows = await database.db.$queryRaw<{ row: string; raw: string; escaped: string }[]>`
        SELECT s::text AS row, encode(client_secret_sealed, 'hex') AS raw,
               encode(client_secret_sealed, 'escape') AS escaped
        FROM organisation_sso s WHERE org_id = ${admin.orgId}::uuid`;
      const secretHex = Buffer.from(idp.clientSecret).toString('hex');
      expect(rows).toHaveLength(1);
      for (const text of [rows[0]!.row, rows[0]!.escaped]) expect(text).not.toContain(idp.clientSecret);
      expect(rows[0]!.raw).not.toContain(secretHex);
      const auditRows = await database.db.$queryRaw<{ row: string }[]>`
        SELECT a::text AS row FROM audit_events a WHERE org_id = ${admin.orgId}::uuid`;
      for (const { row } of auditRows) expect(row).not.toContain(idp.clientSecret);
    });

    it('keeps the stored secret on an update that omits it, but not for another issuer or client', async () => {
      await configure(admin, idp, { clientSecret: undefined }).expect(200);
      const moved = expectProblem(
        await configure(admin, otherIdp, { clientSecret: undefined, clientId: idp.clientId }),
        400,
      );
      expect(moved.type).toBe(problem('sso-secret-required'));
      const stored = await database.db.organisationSso.findUniqueOrThrow({ where: { orgId: admin.orgId } });
      expect(stored.issuerUrl).toBe(idp.issuer);
      expect(stored.clientSecretSealed).not.toBeNull();
    });

    it('is for admins of the organisation only', async () => {
      const leader = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'leader' });
      const { accessToken } = await logIn(app, leader.email);
      expectProblem(
        await request(app.server)
          .get('/api/v1/org/sso')
          .set(...bearer(accessToken)),
        403,
      );
      const other = await request(app.server)
        .get('/api/v1/org/sso')
        .set(...bearer(otherOrgAdmin.accessToken))
        .expect(200);
      expect(other.body.provider).toBeNull();
    });
  });

  describe('signing in', () => {
    it('logs an admin in by the email domain, and a leader by the organisation, to where they were going', async () => {
      const adminSub = account(idp, admin.email);
      const adminLogin = await signIn(adminSub, { email: admin.email });
      const adminSession = await callback(adminLogin).expect(200);
      expect(adminSession.body).toMatchObject({ tokenType: 'Bearer', next: null });
      const adminMe = await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(adminSession.body.accessToken))
        .expect(200);
      expect(adminMe.body).toMatchObject({ role: 'admin', person: { id: admin.personId } });

      const leader = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'leader' });
      const leaderLogin = await signIn(account(idp, leader.email.toUpperCase()), {
        organisation: admin.orgSlug,
        next: '/dashboard?round=1',
      });
      const leaderSession = await callback(leaderLogin).expect(200);
      expect(leaderSession.body.next).toBe('/dashboard?round=1');
      const leaderMe = await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(leaderSession.body.accessToken))
        .expect(200);
      expect(leaderMe.body).toMatchObject({ role: 'leader', person: { id: leader.id } });
      // The refresh token of an SSO session works like any other.
      await request(app.server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: leaderSession.body.refreshToken })
        .expect(200);
    });

    it('passes the email on as a login hint and keeps only a hash of the state', async () => {
      const started = await start({ email: admin.email, next: '//evil.test/steal' }).expect(200);
      const url = new URL(started.body.authorizationUrl);
      expect(url.origin).toBe(idp.url);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: idp.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'openid email profile',
        code_challenge_method: 'S256',
        state: started.body.state,
        login_hint: admin.email,
      });
      expect(url.searchParams.get('nonce')).toBeTruthy();
      const stored = await database.db.ssoLoginState.findMany({ where: { orgId: admin.orgId } });
      expect(JSON.stringify(stored)).not.toContain(started.body.state);
      // A next path that leaves the site is dropped, not stored.
      expect(stored.every((row) => row.nextPath !== '//evil.test/steal')).toBe(true);
    });

    it('reads the email from userinfo when the ID token does not carry it', async () => {
      await configure(otherOrgAdmin, userinfoIdp, { allowedDomains: ['example.org'] }).expect(200);
      const login = await signIn(account(userinfoIdp, otherOrgAdmin.email), {
        organisation: otherOrgAdmin.orgSlug,
      });
      const session = await callback(login).expect(200);
      const me = await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(session.body.accessToken))
        .expect(200);
      expect(me.body.organisation.id).toBe(otherOrgAdmin.orgId);
      await request(app.server)
        .delete('/api/v1/org/sso')
        .set(...bearer(otherOrgAdmin.accessToken))
        .expect(204);
    });
  });

  describe('refusing', () => {
    it('refuses an unknown, altered, reused or expired state', async () => {
      const sub = account(idp, admin.email);
      const unknownState = expectProblem(await callback({ state: 'x'.repeat(43), code: 'whatever' }), 401);
      expect(unknownState.type).toBe(problem('sso-state-invalid'));

      const login = await signIn(sub);
      const flipped = login.state.slice(0, -1) + (login.state.endsWith('A') ? 'B' : 'A');
      expect(expectProblem(await callback({ ...login, state: flipped }), 401).type).toBe(
        problem('sso-state-invalid'),
      );
      await callback(login).expect(200);
      expect(expectProblem(await callback(login), 401).type).toBe(problem('sso-state-invalid'));

      const late = await signIn(sub);
      await database.db.ssoLoginState.updateMany({
        where: { orgId: admin.orgId },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect(expectProblem(await callback(late), 401).type).toBe(problem('sso-state-expired'));
      // Gone either way: an expired state cannot be tried again either.
      expect(expectProblem(await callback(late), 401).type).toBe(problem('sso-state-invalid'));
    });

    it('refuses an expired code and a replayed code', async () => {
      const sub = account(idp, admin.email);
      idp.setCodeTtl(1);
      try {
        const login = await signIn(sub);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(expectProblem(await callback(login), 401).type).toBe(problem('sso-provider-error'));
      } finally {
        idp.setCodeTtl(60);
      }

      const first = await signIn(sub);
      await callback(first).expect(200);
      // A fresh state of our own with the used code: the provider refuses it (used, and PKCE differs).
      const started = await start({ organisation: admin.orgSlug }).expect(200);
      const replay = expectProblem(await callback({ ...first, state: started.body.state }), 401);
      expect(replay.type).toBe(problem('sso-provider-error'));
      expect(JSON.stringify(replay)).not.toContain(first.code);
    });

    it('refuses a code when the configured issuer is another provider, or the callback names another issuer', async () => {
      const sub = account(idp, admin.email);
      const login = await signIn(sub);
      // The configuration now names another (real, answering) provider than the one that issued the code.
      await database.db.organisationSso.update({
        where: { orgId: admin.orgId },
        data: { issuerUrl: otherIdp.issuer },
      });
      try {
        expect(expectProblem(await callback(login), 401).type).toBe(problem('sso-provider-error'));
      } finally {
        await database.db.organisationSso.update({
          where: { orgId: admin.orgId },
          data: { issuerUrl: idp.issuer },
        });
      }
      const mixedUp = await signIn(sub);
      expect(expectProblem(await callback({ ...mixedUp, iss: otherIdp.issuer }), 401).type).toBe(
        problem('sso-provider-error'),
      );
    });

    it('refuses an email the provider has not verified', async () => {
      const login = await signIn(account(idp, admin.email, { email_verified: false }));
      expect(expectProblem(await callback(login), 403).type).toBe(problem('sso-email-unverified'));
    });

    it('refuses an email of a domain the organisation does not allow', async () => {
      const outsider = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'leader' });
      await database.db.person.update({
        where: { id: outsider.id },
        data: { email: `${unique('outsider')}@elsewhere.test` },
      });
      const person = await database.db.person.findUniqueOrThrow({ where: { id: outsider.id } });
      const login = await signIn(account(idp, person.email));
      expect(expectProblem(await callback(login), 403).type).toBe(problem('sso-domain-not-allowed'));
    });

    it('refuses an email of another organisation and one that is in no org chart', async () => {
      const elsewhere = await signIn(account(idp, otherOrgAdmin.email));
      const other = expectProblem(await callback(elsewhere), 403);
      expect(other.type).toBe(problem('sso-not-in-organisation'));
      // Nothing about the other organisation in the reply.
      expect(JSON.stringify(other)).not.toContain(otherOrgAdmin.orgSlug);

      const stranger = await signIn(account(idp, `${unique('stranger')}@example.org`));
      expect(expectProblem(await callback(stranger), 403).type).toBe(problem('sso-not-in-organisation'));
    });

    it('refuses people without a login and deactivated ones', async () => {
      const member = await createPerson(database.db, { orgId: admin.orgId, role: 'member' });
      const uninvited = await createPerson(database.db, { orgId: admin.orgId, role: 'leader' });
      for (const person of [member, uninvited]) {
        const login = await signIn(account(idp, person.email));
        expect(expectProblem(await callback(login), 403).type).toBe(problem('sso-no-login'));
      }

      const leaver = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'leader' });
      await request(app.server)
        .patch(`/api/v1/people/${leaver.id}`)
        .set(...bearer(admin.accessToken))
        .send({ active: false })
        .expect(200);
      const login = await signIn(account(idp, leaver.email));
      expect(expectProblem(await callback(login), 403).type).toBe(problem('sso-account-deactivated'));
      expect(
        await database.db.refreshToken.count({ where: { userId: leaver.userId, revokedAt: null } }),
      ).toBe(0);
    });

    it('tells the start which organisations share a domain, and refuses unknown or switched-off ones', async () => {
      await configure(otherOrgAdmin, otherIdp, { allowedDomains: ['shared.test'] }).expect(200);
      const shared = expectProblem(await start({ email: `${unique('someone')}@shared.test` }), 400);
      expect(shared.type).toBe(problem('organisation-required'));
      expect((shared.organisations as { slug: string }[]).map((org) => org.slug).sort()).toEqual(
        [admin.orgSlug, otherOrgAdmin.orgSlug].sort(),
      );
      await start({ email: `${unique('someone')}@shared.test`, organisation: otherOrgAdmin.orgSlug }).expect(
        200,
      );

      for (const body of [
        { organisation: 'no-such-organisation' },
        { email: `${unique('someone')}@nobody-uses-this.test` },
      ]) {
        expect(expectProblem(await start(body), 404).type).toBe(problem('sso-not-configured'));
      }
      await configure(otherOrgAdmin, otherIdp, { allowedDomains: ['shared.test'], enabled: false }).expect(
        200,
      );
      expect(expectProblem(await start({ organisation: otherOrgAdmin.orgSlug }), 404).type).toBe(
        problem('sso-not-configured'),
      );
      await request(app.server)
        .delete('/api/v1/org/sso')
        .set(...bearer(otherOrgAdmin.accessToken))
        .expect(204);
      expectProblem(await start({}), 400);
    });
  });

  it('limits sign-ins per client address like the password login', async () => {
    const from = '203.0.113.7';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 21; attempt++) {
      statuses.push((await start({ organisation: 'no-such-organisation' }, from)).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
    for (let attempt = 0; attempt < 20; attempt++) await callback({ state: 'y'.repeat(43), code: 'c' }, from);
    expectProblem(await callback({ state: 'y'.repeat(43), code: 'c' }, from), 429);
    // Another address is not held up.
    expectProblem(await start({ organisation: 'no-such-organisation' }), 404);
  });

  describe('SSO only', () => {
    it('refuses password login and set-password for the organisation while single sign-on works', async () => {
      const leader = await createPerson(database.db, { orgId: admin.orgId, role: 'leader' });
      const invited = await request(app.server)
        .post(`/api/v1/people/${leader.id}/invite-user`)
        .set(...bearer(admin.accessToken))
        .expect(201);
      expect(invited.body).toMatchObject({ signIn: 'password' });
      const email = await database.db.outboxEmail.findFirstOrThrow({
        where: { to: leader.email },
        orderBy: { createdAt: 'desc' },
      });
      const setupToken = email.text.match(/set-password#t=([A-Za-z0-9_-]+)/)?.[1] ?? '';

      await configure(admin, idp, { clientSecret: undefined, ssoOnly: true }).expect(200);

      const refused = expectProblem(
        await request(app.server)
          .post('/api/v1/auth/login')
          .send({ email: admin.email, password: TEST_PASSWORD }),
        403,
      );
      expect(refused.type).toBe(problem('sso-required'));
      // A wrong password learns nothing about SSO only: the same answer as for any wrong password.
      const wrong = expectProblem(
        await request(app.server)
          .post('/api/v1/auth/login')
          .send({ email: admin.email, password: 'not the password at all' }),
        401,
      );
      expect(wrong.type).toBe(problem('invalid-credentials'));

      const setPassword = expectProblem(
        await request(app.server)
          .post('/api/v1/auth/set-password')
          .set('X-Setup-Token', setupToken)
          .send({ password: 'a long leader password' }),
        403,
      );
      expect(setPassword.type).toBe(problem('sso-required'));

      // A new login in an SSO-only organisation gets no password link.
      const outboxBefore = await database.db.outboxEmail.count({ where: { to: leader.email } });
      const again = await request(app.server)
        .post(`/api/v1/people/${leader.id}/invite-user`)
        .set(...bearer(admin.accessToken))
        .expect(201);
      expect(again.body).toMatchObject({ signIn: 'sso', expiresAt: null });
      expect(await database.db.outboxEmail.count({ where: { to: leader.email } })).toBe(outboxBefore);

      const session = await callback(await signIn(account(idp, admin.email))).expect(200);
      await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(session.body.accessToken))
        .expect(200);
      const leaderSession = await callback(await signIn(account(idp, leader.email))).expect(200);
      await request(app.server)
        .get('/api/v1/me')
        .set(...bearer(leaderSession.body.accessToken))
        .expect(200);
    });

    it('gives passwords back when single sign-on is removed', async () => {
      await request(app.server)
        .delete('/api/v1/org/sso')
        .set(...bearer(admin.accessToken))
        .expect(204);
      await logIn(app, admin.email);
      const read = await request(app.server)
        .get('/api/v1/org/sso')
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(read.body.provider).toBeNull();
      expect(await database.db.ssoLoginState.count({ where: { orgId: admin.orgId } })).toBe(0);
      const audit = await request(app.server)
        .get('/api/v1/audit')
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'org.sso_removed',
        details: { issuerUrl: idp.issuer },
      });
    });
  });
});
