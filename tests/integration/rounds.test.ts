import { runSchedulerTick } from '@resonance/api/scheduler/scheduler-tick';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import {
  answerBody,
  capturingMailer,
  createRoundViaApi,
  createTeam,
  HOUR,
  roundWindow,
  submitAnswers,
  tokenFromEmail,
} from '../support/round-factories';
import { createTestApp, TEST_WEB_URL, type TestApp, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('feedback rounds', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;
  const mailer = capturingMailer();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer });
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const deps = () => ({ db: database.db, ballotKeys: testBallotKeys, mailer, webUrl: TEST_WEB_URL });

  it('creates a draft, schedules it, and lists it with its state', async () => {
    const team = await createTeam(database.db, { orgId: admin.orgId });
    const draft = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      schedule: false,
      ...roundWindow(24),
    });
    expect(draft.state).toBe('draft');
    const scheduled = await request(app.server)
      .patch(`/api/v1/rounds/${draft.id}`)
      .set(...bearer(admin.accessToken))
      .send({ schedule: true, name: 'Renamed' })
      .expect(200);
    expect(scheduled.body).toMatchObject({
      state: 'scheduled',
      name: 'Renamed',
      allowedActions: ['edit', 'unschedule', 'open'],
    });
    const list = await request(app.server)
      .get('/api/v1/rounds')
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(list.body.items.find((r: { id: string }) => r.id === draft.id)).toMatchObject({
      state: 'scheduled',
      leaderCount: 1,
      participation: { status: 'insufficient' },
    });
  });

  it('opens on time, invites from the org chart, and closes into rollups', async () => {
    const team = await createTeam(database.db, { orgId: admin.orgId, reports: 4, peers: 2 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      schedule: true,
      ...roundWindow(1, 48),
    });
    const before = mailer.sent.length;
    const tooEarly = await runSchedulerTick(deps(), new Date(Date.now() + 0.5 * HOUR));
    expect(tooEarly.opened).not.toContain(round.id);
    const tick = await runSchedulerTick(deps(), new Date(Date.now() + 1.1 * HOUR));
    expect(tick.opened).toContain(round.id);
    // The open queued the emails; this process's mail sender sends them.
    await app.mailSender.drain();
    const emails = mailer.sent.slice(before);
    // 4 direct reports + 2 peers + manager + self
    expect(emails).toHaveLength(8);
    expect(new Set(emails.map((e) => e.to))).toEqual(
      new Set([...team.reports, ...team.peers, team.manager, team.leader].map((p) => p.email)),
    );
    expect(emails[0]!.text).toContain(`${TEST_WEB_URL}/survey#t=`);

    const detail = await request(app.server)
      .get(`/api/v1/rounds/${round.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(detail.body).toMatchObject({ state: 'open', invitationCount: 8 });

    const reportTokens = emails
      .filter((e) => team.reports.some((r) => r.email === e.to))
      .map((e) => tokenFromEmail(e.text));
    for (const [index, token] of reportTokens.entries()) {
      const response = await submitAnswers(
        app,
        token,
        answerBody(() => 3 + (index % 3)),
      );
      expect(response.status).toBe(201);
    }
    // Participation is not live: it shows the last fixed-time snapshot (0 answers at opening).
    const live = await request(app.server)
      .get(`/api/v1/rounds/${round.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(live.body.leaders[0].groups[0].participation).toEqual({ status: 'insufficient' });
    // The scheduler's next fixed snapshot (every 6 hours) takes the count. 12 h after opening a
    // snapshot time has surely passed (at +7 h none had when the test ran in the minutes before 05:00).
    await runSchedulerTick(deps(), new Date(Date.now() + 13.1 * HOUR));
    const after = await request(app.server)
      .get(`/api/v1/rounds/${round.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    const leaderRow = after.body.leaders[0];
    expect(leaderRow.groups).toEqual([
      {
        raterGroup: 'direct_report',
        identifiable: false,
        participation: { status: 'shown', invited: 4, answered: 4, rate: 1 },
      },
      { raterGroup: 'peer', identifiable: false, participation: { status: 'insufficient' } },
      { raterGroup: 'manager', identifiable: true, participation: { status: 'insufficient' } },
      { raterGroup: 'self', identifiable: true, participation: { status: 'insufficient' } },
    ]);

    const close = await runSchedulerTick(deps(), new Date(Date.now() + 50 * HOUR));
    expect(close.closed).toContain(round.id);
    const rollups = await database.db.resultRollup.count({ where: { roundId: round.id } });
    expect(rollups).toBe(9);

    const results = await request(app.server)
      .get(`/api/v1/results/leaders/${team.leader.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(results.body.round.id).toBe(round.id);
    expect(results.body.theses[0].others.status).toBe('shown');
    expect(
      results.body.theses[0].groups.find((g: { raterGroup: string }) => g.raterGroup === 'peer').stats,
    ).toEqual({
      status: 'insufficient',
    });
  });

  it('refuses an illegal transition with problem+json 409', async () => {
    const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
    const draft = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      schedule: false,
    });
    const problem = expectProblem(
      await request(app.server)
        .post(`/api/v1/rounds/${draft.id}/close`)
        .set(...bearer(admin.accessToken)),
      409,
    );
    expect(problem.type).toMatch(/invalid-transition$/);
  });

  describe('validation and the state machine', () => {
    const post = (body: object) =>
      request(app.server)
        .post('/api/v1/rounds')
        .set(...bearer(admin.accessToken))
        .send(body);
    let leaderId: string;
    beforeAll(async () => {
      leaderId = (await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 })).leader.id;
    });
    const valid = () => ({
      name: 'Valid',
      leaderIds: [leaderId],
      raterGroups: ['direct_report'],
      ...roundWindow(24),
    });

    it.each([
      ['closing before opening', () => ({ ...valid(), ...roundWindow(24, -2) }), 'body.closesAt'],
      ['a window shorter than an hour', () => ({ ...valid(), ...roundWindow(24, 0.5) }), 'body.closesAt'],
      ['closing within the hour', () => ({ ...valid(), ...roundWindow(-48, 48.5) }), 'body.closesAt'],
      [
        'an unknown leader',
        () => ({ ...valid(), leaderIds: [leaderId, '00000000-0000-4000-8000-000000000000'] }),
        'body.leaderIds.1',
      ],
      ['a leader twice', () => ({ ...valid(), leaderIds: [leaderId, leaderId] }), 'body.leaderIds'],
      ['no rater groups', () => ({ ...valid(), raterGroups: [] }), 'body.raterGroups'],
      ['an unknown rater group', () => ({ ...valid(), raterGroups: ['customers'] }), 'body.raterGroups.0'],
      ['a date that is not ISO 8601', () => ({ ...valid(), opensAt: 'next Monday' }), 'body.opensAt'],
      [
        'a reminder offset of zero',
        () => ({ ...valid(), reminderOffsetsHours: [0] }),
        'body.reminderOffsetsHours.0',
      ],
      ['an unknown recurrence', () => ({ ...valid(), recurrence: 'weekly' }), 'body.recurrence'],
      ['an unknown field', () => ({ ...valid(), state: 'open' }), 'body'],
    ])('rejects %s with problem+json field errors', async (_name, body, field) => {
      const problem = expectProblem(await post(body()), 400);
      expect(problem.type).toMatch(/validation$/);
      expect(problem.errors?.map((error) => error.field)).toContain(field);
    });

    it('answers unknown and malformed round ids with 404 and 400', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      expectProblem(
        await request(app.server)
          .get(`/api/v1/rounds/${missing}`)
          .set(...bearer(admin.accessToken)),
        404,
      );
      expectProblem(
        await request(app.server)
          .get('/api/v1/rounds/not-a-uuid')
          .set(...bearer(admin.accessToken)),
        400,
      );
      expectProblem(
        await request(app.server)
          .post(`/api/v1/rounds/${missing}/open`)
          .set(...bearer(admin.accessToken)),
        404,
      );
    });

    it('refuses every move the state machine does not allow', async () => {
      const call = (method: 'post' | 'patch', path: string, body?: object) =>
        request(app.server)
          [method](`/api/v1/rounds${path}`)
          .set(...bearer(admin.accessToken))
          .send(body);
      const draft = (await post(valid()).expect(201)).body.id as string;
      expect(expectProblem(await call('post', `/${draft}/open`), 409).type).toMatch(/invalid-transition$/);
      expect(expectProblem(await call('post', `/${draft}/remind`), 409).type).toMatch(/invalid-transition$/);
      await call('patch', `/${draft}`, { schedule: true }).expect(200);
      expect(expectProblem(await call('post', `/${draft}/close`), 409).type).toMatch(/invalid-transition$/);
      await call('patch', `/${draft}`, { schedule: false }).expect(200);
      await call('patch', `/${draft}`, { schedule: true }).expect(200);
      await call('post', `/${draft}/open`).expect(200);
      expect(expectProblem(await call('post', `/${draft}/open`), 409).type).toMatch(/invalid-transition$/);
      // Open: leaders and rater groups are promised by the invitations (round-calendar.test.ts has the rest).
      expect(expectProblem(await call('patch', `/${draft}`, { raterGroups: ['peer'] }), 400).type).toMatch(
        /validation$/,
      );
      await call('post', `/${draft}/close`).expect(200);
      expect(expectProblem(await call('post', `/${draft}/close`), 409).type).toMatch(/invalid-transition$/);
      expect(expectProblem(await call('post', `/${draft}/remind`), 409).type).toMatch(/invalid-transition$/);
      const detail = await request(app.server)
        .get(`/api/v1/rounds/${draft}`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(detail.body).toMatchObject({ state: 'closed', allowedActions: ['archive'] });
      expect(expectProblem(await call('patch', `/${draft}`, { name: 'Too late' }), 409).type).toMatch(
        /round-not-editable$/,
      );
    });
  });

  describe('the development outbox', () => {
    it('keeps invitation emails when no SMTP server is set, for admins outside production', async () => {
      const outboxApp = await createTestApp(database.db);
      try {
        expect(outboxApp.mailer.transport).toBe('outbox');
        const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
        const round = await createRoundViaApi(outboxApp, admin.accessToken, {
          leaderIds: [team.leader.id],
          raterGroups: ['direct_report'],
          schedule: true,
        });
        await request(outboxApp.server)
          .post(`/api/v1/rounds/${round.id}/open`)
          .set(...bearer(admin.accessToken))
          .expect(200);
        await outboxApp.mailSender.drain();
        const outbox = await request(outboxApp.server)
          .get('/api/v1/dev/outbox')
          .set(...bearer(admin.accessToken))
          .expect(200);
        const invitations = outbox.body.items.filter((email: { to: string }) =>
          team.reports.some((r) => r.email === email.to),
        );
        expect(invitations).toHaveLength(3);
        expect(invitations[0].text).toContain(`${TEST_WEB_URL}/survey#t=`);
        expect(invitations[0].html).toContain('<!doctype html>');
      } finally {
        await outboxApp.close();
      }
      const production = await createTestApp(database.db, {
        env: { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:2525' },
      });
      try {
        expectProblem(
          await request(production.server)
            .get('/api/v1/dev/outbox')
            .set(...bearer(admin.accessToken)),
          404,
        );
      } finally {
        await production.close();
      }
    });
  });
});
