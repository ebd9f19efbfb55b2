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
    app = await createTestApp(database.db);
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

  function start(body: Record<string, unknown>) {
    return request(app.server).post('/api/v1/auth/sso/start').send(body);
  }

  function callback(body: Record<string, unknown>) {
    return request(app.server).post('/api/v1/auth/sso/callback').send(body);
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
});
