import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  createUserWithPassword,
  logIn,
  type SignedUpAdmin,
  signUpAdmin,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/factories';
import {
  answerBody,
  capturingMailer,
  createRoundViaApi,
  createTeam,
  roundWindow,
  submitAnswers,
  type Team,
  tokenFromEmail,
} from '../support/round-factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ROLES = ['anonymous', 'rater', 'leader', 'otherLeader', 'otherAdmin', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Expected = Record<Role, number>;

const ADMIN_ONLY = (success: number, otherOrg = 404): Expected => ({
  anonymous: 401,
  rater: 401,
  leader: 403,
  otherLeader: 403,
  otherAdmin: otherOrg,
  admin: success,
});
const SAME_FOR_ALL = (status: number): Expected =>
  Object.fromEntries(ROLES.map((role) => [role, status])) as Expected;

interface RouteCase {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** The route as OpenAPI lists it, e.g. /api/v1/rounds/{id}. */
  route: string;
  path: () => string;
  body?: () => object | string;
  contentType?: string;
  expected: Expected;
}

/**
 * Every route of the API against every kind of caller. Roles run in the order of ROLES, so the
 * admin (who may change state) comes last. A route missing here fails the coverage test.
 */
describe('role × route matrix', () => {
  let database: TestDatabase;
  let app: TestApp;
  const mailer = capturingMailer();
  let admin: SignedUpAdmin;
  let otherAdmin: SignedUpAdmin;
  let team: Team;
  const tokens = {} as Record<Exclude<Role, 'anonymous' | 'rater' | 'admin' | 'otherAdmin'>, string>;
  let raterToken: string;
  const ids = {} as Record<
    'closed' | 'open' | 'draft' | 'scheduled' | 'closing' | 'person' | 'leaderPerson' | 'erasable',
    string
  >;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer });
    admin = await signUpAdmin(app);
    otherAdmin = await signUpAdmin(app);
    team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
    tokens.leader = (await logIn(app, team.leader.email)).accessToken;
    const otherLeader = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'leader' });
    tokens.otherLeader = (await logIn(app, otherLeader.email)).accessToken;
    ids.person = (await createPerson(database.db, { orgId: admin.orgId })).id;
    ids.leaderPerson = (await createPerson(database.db, { orgId: admin.orgId, role: 'leader' })).id;
    ids.erasable = (await createPerson(database.db, { orgId: admin.orgId })).id;

    const leaderIds = [team.leader.id];
    const adminCall = (method: 'post' | 'patch', path: string) =>
      request(app.server)
        [method](`/api/v1${path}`)
        .set(...bearer(admin.accessToken));
    const openWithTokens = async () => {
      const round = await createRoundViaApi(app, admin.accessToken, {
        leaderIds,
        raterGroups: ['direct_report'],
        schedule: true,
      });
      const before = mailer.sent.length;
      await adminCall('post', `/rounds/${round.id}/open`).expect(200);
      await app.mailSender.drain();
      return { id: round.id, tokens: mailer.sent.slice(before).map((email) => tokenFromEmail(email.text)) };
    };

    const closed = await openWithTokens();
    for (const token of closed.tokens) await submitAnswers(app, token, answerBody()).expect(201);
    await adminCall('post', `/rounds/${closed.id}/close`).expect(200);
    ids.closed = closed.id;
    const open = await openWithTokens();
    ids.open = open.id;
    raterToken = open.tokens[0]!;
    ids.closing = (await openWithTokens()).id;
    ids.draft = (
      await createRoundViaApi(app, admin.accessToken, { leaderIds, schedule: false, ...roundWindow(24) })
    ).id;
    ids.scheduled = (
      await createRoundViaApi(app, admin.accessToken, { leaderIds, schedule: true, ...roundWindow(24) })
    ).id;
    // The leader's focus after the closed round, set before the later rounds opened.
    await database.db.leaderFocus.create({
      data: {
        roundId: ids.closed,
        leaderId: team.leader.id,
        shared: true,
        theses: { create: [{ thesisKey: 'dialogue', position: 0, commitment: 'Ask before deciding' }] },
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const cases: RouteCase[] = [
    // Part A: accounts, people, organisation.
    {
      method: 'post',
      route: '/api/v1/auth/signup',
      path: () => '/api/v1/auth/signup',
      body: () => ({
        organisationName: 'Matrix Org',
        name: 'New Admin',
        email: uniqueEmail('signup'),
        password: TEST_PASSWORD,
      }),
      expected: SAME_FOR_ALL(201),
    },
    {
      method: 'post',
      route: '/api/v1/auth/login',
      path: () => '/api/v1/auth/login',
      body: () => ({ email: uniqueEmail('nobody'), password: 'wrong password, surely' }),
      expected: SAME_FOR_ALL(401),
    },
    {
      method: 'post',
      route: '/api/v1/auth/refresh',
      path: () => '/api/v1/auth/refresh',
      body: () => ({ refreshToken: randomBytes(32).toString('base64url') }),
      expected: SAME_FOR_ALL(401),
    },
    {
      method: 'post',
      route: '/api/v1/auth/logout',
      path: () => '/api/v1/auth/logout',
      body: () => ({ refreshToken: randomBytes(32).toString('base64url') }),
      expected: SAME_FOR_ALL(204),
    },
    {
      method: 'post',
      route: '/api/v1/auth/set-password',
      path: () => '/api/v1/auth/set-password',
      body: () => ({ password: 'a long enough new password' }),
      expected: SAME_FOR_ALL(400),
    },
    {
      method: 'get',
      route: '/api/v1/me',
      path: () => '/api/v1/me',
      expected: { anonymous: 401, rater: 401, leader: 200, otherLeader: 200, otherAdmin: 200, admin: 200 },
    },
    {
      method: 'patch',
      route: '/api/v1/me',
      path: () => '/api/v1/me',
      // null keeps everyone on the organisation default, so no later case sees a changed language.
      body: () => ({ locale: null }),
      expected: { anonymous: 401, rater: 401, leader: 200, otherLeader: 200, otherAdmin: 200, admin: 200 },
    },
    {
      method: 'post',
      route: '/api/v1/people/import',
      path: () => '/api/v1/people/import?dryRun=true',
      contentType: 'text/csv',
      body: () => `email,name,manager_email,role\n${uniqueEmail('imported')},Imported Person,,member\n`,
      expected: ADMIN_ONLY(200, 200),
    },
    { method: 'get', route: '/api/v1/people', path: () => '/api/v1/people', expected: ADMIN_ONLY(200, 200) },
    {
      method: 'patch',
      route: '/api/v1/people/{id}',
      path: () => `/api/v1/people/${ids.person}`,
      body: () => ({ name: 'Renamed Person' }),
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'get',
      route: '/api/v1/people/{id}/export',
      path: () => `/api/v1/people/${ids.person}/export`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'delete',
      route: '/api/v1/people/{id}',
      path: () => `/api/v1/people/${ids.erasable}`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'delete',
      route: '/api/v1/org',
      path: () => '/api/v1/org',
      // A wrong confirmation: the matrix must keep its organisation (gdpr.test.ts has the 204).
      body: () => ({ confirm: 'not-the-slug' }),
      expected: ADMIN_ONLY(400, 400),
    },
    {
      method: 'post',
      route: '/api/v1/people/{id}/invite-user',
      path: () => `/api/v1/people/${ids.leaderPerson}/invite-user`,
      expected: ADMIN_ONLY(201),
    },
    {
      method: 'get',
      route: '/api/v1/org/settings',
      path: () => '/api/v1/org/settings',
      expected: ADMIN_ONLY(200, 200),
    },
    {
      method: 'patch',
      route: '/api/v1/org/settings',
      path: () => '/api/v1/org/settings',
      body: () => ({ anonymityThreshold: 3 }),
      expected: ADMIN_ONLY(200, 200),
    },
    {
      method: 'get',
      route: '/api/v1/org/sso',
      path: () => '/api/v1/org/sso',
      expected: ADMIN_ONLY(200, 200),
    },
    {
      method: 'put',
      route: '/api/v1/org/sso',
      path: () => '/api/v1/org/sso',
      // Nothing listens there: the discovery check refuses it (tests/integration/sso.test.ts has the 200).
      body: () => ({ issuerUrl: 'http://127.0.0.1:9', clientId: 'matrix', allowedDomains: ['example.org'] }),
      expected: ADMIN_ONLY(422, 422),
    },
    {
      method: 'delete',
      route: '/api/v1/org/sso',
      path: () => '/api/v1/org/sso',
      expected: ADMIN_ONLY(404, 404),
    },
    {
      method: 'post',
      route: '/api/v1/auth/sso/start',
      path: () => '/api/v1/auth/sso/start',
      body: () => ({ organisation: 'no-such-organisation' }),
      expected: SAME_FOR_ALL(404),
    },
    {
      method: 'post',
      route: '/api/v1/auth/sso/callback',
      path: () => '/api/v1/auth/sso/callback',
      body: () => ({ state: randomBytes(32).toString('base64url'), code: 'matrix-code' }),
      expected: SAME_FOR_ALL(401),
    },
    { method: 'get', route: '/api/v1/audit', path: () => '/api/v1/audit', expected: ADMIN_ONLY(200, 200) },
    // Part B: rounds, answering, results, outbox.
    {
      method: 'post',
      route: '/api/v1/rounds',
      path: () => '/api/v1/rounds',
      body: () => ({
        name: 'Matrix round',
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        ...roundWindow(24),
      }),
      // Another organisation's leader ids are simply unknown people there.
      expected: ADMIN_ONLY(201, 400),
    },
    { method: 'get', route: '/api/v1/rounds', path: () => '/api/v1/rounds', expected: ADMIN_ONLY(200, 200) },
    {
      method: 'get',
      route: '/api/v1/rounds/{id}',
      path: () => `/api/v1/rounds/${ids.open}`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'patch',
      route: '/api/v1/rounds/{id}',
      path: () => `/api/v1/rounds/${ids.draft}`,
      body: () => ({ name: 'Edited in the matrix' }),
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'post',
      route: '/api/v1/rounds/{id}/open',
      path: () => `/api/v1/rounds/${ids.scheduled}/open`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'post',
      route: '/api/v1/rounds/{id}/remind',
      path: () => `/api/v1/rounds/${ids.closing}/remind`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'post',
      route: '/api/v1/rounds/{id}/close',
      path: () => `/api/v1/rounds/${ids.closing}/close`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'post',
      route: '/api/v1/rounds/{id}/archive',
      path: () => `/api/v1/rounds/${ids.closing}/archive`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'get',
      route: '/api/v1/survey',
      path: () => '/api/v1/survey',
      expected: { ...SAME_FOR_ALL(401), rater: 200 },
    },
    {
      method: 'post',
      route: '/api/v1/survey/response',
      path: () => '/api/v1/survey/response',
      body: () => answerBody(),
      expected: { ...SAME_FOR_ALL(401), rater: 201 },
    },
    {
      method: 'get',
      route: '/api/v1/results/leaders/{leaderId}',
      path: () => `/api/v1/results/leaders/${team.leader.id}`,
      expected: { anonymous: 401, rater: 401, leader: 200, otherLeader: 404, otherAdmin: 404, admin: 200 },
    },
    {
      method: 'get',
      route: '/api/v1/results/rounds/{roundId}/heatmap',
      path: () => `/api/v1/results/rounds/${ids.closed}/heatmap`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'get',
      route: '/api/v1/results/rounds/{roundId}/export.csv',
      path: () => `/api/v1/results/rounds/${ids.closed}/export.csv`,
      expected: ADMIN_ONLY(200),
    },
    // Focus and commitments (issue 10): the leader's own; admins read, never write. Later rounds of
    // the leader have opened since ids.closed: its focus is fixed, only progress may change, and it
    // cannot be removed (409; tests/integration/focus-loop.test.ts has the 204).
    {
      method: 'put',
      route: '/api/v1/leaders/{leaderId}/focus/{roundId}',
      path: () => `/api/v1/leaders/${team.leader.id}/focus/${ids.closed}`,
      body: () => ({
        shared: true,
        theses: [{ thesis: 'dialogue', commitment: 'Ask before deciding', progress: 'under_way' }],
      }),
      expected: { anonymous: 401, rater: 401, leader: 200, otherLeader: 404, otherAdmin: 403, admin: 403 },
    },
    {
      method: 'get',
      route: '/api/v1/leaders/{leaderId}/focus',
      path: () => `/api/v1/leaders/${team.leader.id}/focus`,
      expected: { anonymous: 401, rater: 401, leader: 200, otherLeader: 404, otherAdmin: 404, admin: 200 },
    },
    {
      method: 'delete',
      route: '/api/v1/leaders/{leaderId}/focus/{roundId}',
      path: () => `/api/v1/leaders/${team.leader.id}/focus/${ids.closed}`,
      expected: { anonymous: 401, rater: 401, leader: 409, otherLeader: 404, otherAdmin: 403, admin: 403 },
    },
    {
      method: 'get',
      route: '/api/v1/rounds/{id}/follow-through',
      path: () => `/api/v1/rounds/${ids.closed}/follow-through`,
      expected: ADMIN_ONLY(200),
    },
    {
      method: 'get',
      route: '/api/v1/dev/outbox',
      path: () => '/api/v1/dev/outbox',
      expected: ADMIN_ONLY(200, 200),
    },
    // No METRICS_TOKEN here: open to every caller outside production (tests/integration/metrics.test.ts
    // covers the token, and that a login grants nothing there).
    { method: 'get', route: '/metrics', path: () => '/metrics', expected: SAME_FOR_ALL(200) },
  ];

  function call(routeCase: RouteCase, role: Role) {
    let test = request(app.server)[routeCase.method](routeCase.path());
    const accessToken = {
      anonymous: null,
      rater: null,
      leader: tokens.leader,
      otherLeader: tokens.otherLeader,
      otherAdmin: otherAdmin.accessToken,
      admin: admin.accessToken,
    }[role];
    if (accessToken) test = test.set(...bearer(accessToken));
    if (role === 'rater') test = test.set('X-Invite-Token', raterToken);
    if (routeCase.contentType) test = test.set('content-type', routeCase.contentType);
    return routeCase.body ? test.send(routeCase.body()) : test;
  }

  it.each(
    cases.map((routeCase) => [`${routeCase.method.toUpperCase()} ${routeCase.route}`, routeCase] as const),
  )('%s answers every caller as expected', async (_name, routeCase) => {
    const actual = {} as Expected;
    for (const role of ROLES) {
      const response = await call(routeCase, role);
      actual[role] = response.status;
      if (response.status >= 400)
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(actual).toEqual(routeCase.expected);
  });

  it('never shows another organisation its rounds, people or outbox', async () => {
    for (const path of ['/api/v1/rounds', '/api/v1/people', '/api/v1/dev/outbox']) {
      const response = await request(app.server)
        .get(path)
        .set(...bearer(otherAdmin.accessToken))
        .expect(200);
      const text = JSON.stringify(response.body);
      for (const id of [ids.open, ids.closed, team.leader.id, team.leader.email])
        expect(text).not.toContain(id);
    }
  });

  it('covers every route listed in the OpenAPI document', async () => {
    const doc = await request(app.server).get('/docs/json').expect(200);
    const listed = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = cases.map((routeCase) => `${routeCase.method.toUpperCase()} ${routeCase.route}`);
    expect(listed.sort()).toEqual([...new Set(covered)].sort());
  });
});
