import type { Mailer } from '@resonance/api/mail/mailer';
import { advanceRound } from '@resonance/api/scheduler/advance-round';
import { runSchedulerTick } from '@resonance/api/scheduler/scheduler-tick';
import { createPrismaClient } from '@resonance/db';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, expectProblem, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import { changes, parsePrometheusText, type Scrape, sampleValue } from '../support/prometheus-text';
import {
  answerBody,
  capturingMailer,
  createRoundViaApi,
  createTeam,
  HOUR,
  roundWindow,
  submitAnswers,
  type Team,
  tokenFromEmail,
} from '../support/round-factories';
import { createTestApp, TEST_WEB_URL, type TestApp, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const TOKEN = 'metrics-token-for-the-integration-test';
const HTTP = 'resonance_http_request_duration_seconds';
const JOBS = 'resonance_scheduler_jobs_total';
const JOB_SECONDS = 'resonance_scheduler_job_duration_seconds';

/** The resonance_ families a scrape holds; a new one must be reviewed for what it reveals. */
const RESONANCE_FAMILIES = [
  'resonance_db_pool_connections',
  'resonance_db_pool_max_connections',
  'resonance_db_pool_waiting_requests',
  'resonance_emails_failed_total',
  'resonance_emails_sent_total',
  HTTP,
  'resonance_mail_queue_pending',
  'resonance_reminder_runs_total',
  JOB_SECONDS,
  JOBS,
];

/**
 * GET /metrics: the format, the series, who may scrape — and attacks by someone who holds the
 * metrics token (in a small company that may well be the admin): the scrape must not tell a
 * submit from a page load, must not count reminder emails, and must hold no id, email or token.
 */
describe('Prometheus metrics', () => {
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

  async function scrape(on: TestApp = app): Promise<Scrape> {
    const response = await request(on.server).get('/metrics').expect(200);
    return parsePrometheusText(response.text);
  }

  const schedulerDeps = (on: TestApp = app) => ({
    db: database.db,
    ballotKeys: testBallotKeys,
    mailer: on.mailer,
    webUrl: TEST_WEB_URL,
    metrics: on.metrics.scheduler,
  });

  /** An open round of `reports` direct reports, invitations sent; the tokens by report. */
  async function openRound(
    reports: number,
    options: { reminderOffsetsHours?: number[] } = {},
  ): Promise<{ team: Team; roundId: string; tokens: string[] }> {
    const team = await createTeam(database.db, { orgId: admin.orgId, reports, peers: 0 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups: ['direct_report'],
      schedule: true,
      ...roundWindow(-1, 48),
      ...options,
    });
    await request(app.server)
      .post(`/api/v1/rounds/${round.id}/open`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    await app.mailSender.drain();
    const tokens = team.reports.map((report) =>
      tokenFromEmail(mailer.sent.findLast((email) => email.to === report.email)!.text),
    );
    return { team, roundId: round.id, tokens };
  }

  describe('the scrape', () => {
    it('is the Prometheus text format with every family, typed', async () => {
      const response = await request(app.server).get('/metrics').expect(200);
      expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const parsed = parsePrometheusText(response.text);
      const families = [...parsed.types.keys()];
      expect(families.filter((name) => name.startsWith('resonance_')).sort()).toEqual(
        [...RESONANCE_FAMILIES].sort(),
      );
      expect(parsed.types.get(HTTP)).toBe('histogram');
      expect(parsed.types.get(JOBS)).toBe('counter');
      expect(parsed.types.get('resonance_db_pool_connections')).toBe('gauge');
      // Default Node.js metrics: process memory and CPU, event loop lag.
      for (const name of [
        'process_cpu_user_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_heap_size_used_bytes',
      ]) {
        expect(families, name).toContain(name);
      }
      // Counters exist at zero before anything happened, so rate() works from the start.
      expect(sampleValue(parsed, JOBS, { job: 'close', outcome: 'failed' })).toBe(0);
      expect(
        sampleValue(parsed, 'resonance_emails_sent_total', { kind: 'invitation' }),
      ).toBeGreaterThanOrEqual(0);
    });

    it('times a request under its route template and status class, never its URL', async () => {
      const { roundId } = await openRound(3);
      const labels = { method: 'GET', route: '/api/v1/rounds/:id', status_class: '2xx' };
      const before = sampleValue(await scrape(), `${HTTP}_count`, labels) ?? 0;
      await request(app.server)
        .get(`/api/v1/rounds/${roundId}`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      await request(app.server)
        .get(`/api/v1/rounds/${roundId}?unknown=${roundId}`)
        .set(...bearer(admin.accessToken));
      await request(app.server).get(`/api/v1/no-such-thing/${roundId}`).expect(404);
      const after = await scrape();
      expect(sampleValue(after, `${HTTP}_count`, labels)).toBeGreaterThanOrEqual(before + 1);
      expect(
        sampleValue(after, `${HTTP}_bucket`, { ...labels, le: '+Inf' }),
        'the +Inf bucket counts every request',
      ).toBe(sampleValue(after, `${HTTP}_count`, labels));
      expect(
        sampleValue(after, `${HTTP}_count`, { method: 'ANY', route: 'unmatched', status_class: '4xx' }),
      ).toBeGreaterThanOrEqual(1);
      const routes = new Set(after.samples.filter((s) => s.name.startsWith(HTTP)).map((s) => s.labels.route));
      expect([...routes].every((route) => route === 'unmatched' || !route!.includes(roundId))).toBe(true);
      // The scrape does not time itself.
      expect(routes.has('/metrics')).toBe(false);
    });

    it('shows the database pool: in use and idle within its size, nobody waiting while idle', async () => {
      const parsed = await scrape();
      const max = sampleValue(parsed, 'resonance_db_pool_max_connections')!;
      const idle = sampleValue(parsed, 'resonance_db_pool_connections', { state: 'idle' })!;
      const inUse = sampleValue(parsed, 'resonance_db_pool_connections', { state: 'in_use' })!;
      expect(max).toBe(5); // the test database's pool size
      expect(idle).toBeGreaterThanOrEqual(0);
      // The scrape itself reads the mail queue, so at least that connection was open.
      expect(idle + inUse).toBeGreaterThanOrEqual(1);
      expect(idle + inUse).toBeLessThanOrEqual(max);
      expect(sampleValue(parsed, 'resonance_db_pool_waiting_requests')).toBe(0);
    });
  });

  describe('the scheduler', () => {
    it('counts and times the open and the close of a round, and counts the sweep', async () => {
      const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
      const round = await createRoundViaApi(app, admin.accessToken, {
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        schedule: true,
        ...roundWindow(1, 48),
      });
      const before = await scrape();
      const opened = await runSchedulerTick(schedulerDeps(), new Date(Date.now() + 1.5 * HOUR));
      expect(opened.opened).toContain(round.id);
      await app.mailSender.drain();
      const afterOpen = await scrape();
      const delta = (after: Scrape, from: Scrape, name: string, labels: Record<string, string>) =>
        (sampleValue(after, name, labels) ?? 0) - (sampleValue(from, name, labels) ?? 0);
      expect(delta(afterOpen, before, JOBS, { job: 'open', outcome: 'done' })).toBeGreaterThanOrEqual(1);
      expect(delta(afterOpen, before, `${JOB_SECONDS}_count`, { job: 'open' })).toBeGreaterThanOrEqual(1);
      expect(delta(afterOpen, before, JOBS, { job: 'sweep', outcome: 'done' })).toBe(1);

      // The same step again: another instance already made it.
      await advanceRound(
        { ...schedulerDeps(), db: database.db },
        { roundId: round.id, now: new Date(Date.now() + 50 * HOUR) },
      );
      const afterClose = await scrape();
      expect(delta(afterClose, afterOpen, JOBS, { job: 'close', outcome: 'done' })).toBe(1);
      expect(delta(afterClose, afterOpen, `${JOB_SECONDS}_count`, { job: 'close' })).toBe(1);
      // Durations at bucket resolution: the sum is a multiple of the smallest bound.
      const closeSum = sampleValue(afterClose, `${JOB_SECONDS}_sum`, { job: 'close' })!;
      expect(closeSum / 0.25).toBe(Math.round(closeSum / 0.25));
    });

    it('counts a sweep that could not read the rounds as failed', async () => {
      const broken = createPrismaClient({ connectionString: database.connectionString, poolSize: 1 });
      await broken.$disconnect();
      const before = sampleValue(await scrape(), JOBS, { job: 'sweep', outcome: 'failed' })!;
      await expect(runSchedulerTick({ ...schedulerDeps(), db: broken }, new Date())).rejects.toThrow();
      expect(sampleValue(await scrape(), JOBS, { job: 'sweep', outcome: 'failed' })).toBe(before + 1);
    });
  });

  describe('emails', () => {
    it('counts invitations sent from the queue, the queue depth, and login links', async () => {
      await app.mailSender.drain();
      const before = await scrape();
      const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
      const round = await createRoundViaApi(app, admin.accessToken, {
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        schedule: true,
      });
      await request(app.server)
        .post(`/api/v1/rounds/${round.id}/open`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      const queued = await scrape();
      expect(sampleValue(queued, 'resonance_mail_queue_pending')).toBe(3);
      expect(await app.mailSender.drain()).toMatchObject({ sent: 3 });
      const sent = await scrape();
      expect(sampleValue(sent, 'resonance_mail_queue_pending')).toBe(0);
      const invitations = { kind: 'invitation' };
      expect(sampleValue(sent, 'resonance_emails_sent_total', invitations)).toBe(
        sampleValue(before, 'resonance_emails_sent_total', invitations)! + 3,
      );

      const leader = await createPerson(database.db, { orgId: admin.orgId, role: 'leader' });
      await request(app.server)
        .post(`/api/v1/people/${leader.id}/invite-user`)
        .set(...bearer(admin.accessToken))
        .expect(201);
      expect(sampleValue(await scrape(), 'resonance_emails_sent_total', { kind: 'password-setup' })).toBe(
        sampleValue(before, 'resonance_emails_sent_total', { kind: 'password-setup' })! + 1,
      );
    });

    it('counts each failed attempt when the mail server refuses', async () => {
      const refusing: Mailer = {
        transport: 'smtp',
        async send() {
          throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
        },
        async close() {},
      };
      const failing = await createTestApp(database.db, { mailer: refusing });
      await app.mailSender.drain();
      try {
        const team = await createTeam(database.db, { orgId: admin.orgId, reports: 2, peers: 0 });
        const round = await createRoundViaApi(failing, admin.accessToken, {
          leaderIds: [team.leader.id],
          raterGroups: ['direct_report'],
          schedule: true,
        });
        await request(failing.server)
          .post(`/api/v1/rounds/${round.id}/open`)
          .set(...bearer(admin.accessToken))
          .expect(200);
        expect(await failing.mailSender.drain()).toMatchObject({ sent: 0, retrying: 2 });
        const parsed = await scrape(failing);
        expect(sampleValue(parsed, 'resonance_emails_failed_total', { kind: 'invitation' })).toBe(2);
        expect(sampleValue(parsed, 'resonance_emails_sent_total', { kind: 'invitation' })).toBe(0);
        expect(sampleValue(parsed, 'resonance_mail_queue_pending')).toBe(2);
      } finally {
        await failing.close();
        // Leave nothing pending for the other tests' queue counts.
        await database.db.mailQueueItem.deleteMany({ where: { state: 'pending' } });
      }
    });
  });

  describe('who may scrape', () => {
    let guarded: TestApp;
    beforeAll(async () => {
      guarded = await createTestApp(database.db, { env: { METRICS_TOKEN: TOKEN } });
    });
    afterAll(async () => {
      await guarded?.close();
    });

    it('with METRICS_TOKEN, answers 401 problem+json without the right bearer token', async () => {
      for (const authorization of [
        undefined,
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`,
        TOKEN,
        `Bearer ${admin.accessToken}`,
        'Bearer ',
      ]) {
        const call = request(guarded.server).get('/metrics');
        const response = await (authorization === undefined
          ? call
          : call.set('Authorization', authorization));
        expect(expectProblem(response, 401).type, String(authorization)).toMatch(/unauthenticated$/);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"');
        expect(response.text).not.toContain('resonance_');
      }
    });

    it('with METRICS_TOKEN, serves the scrape to the right token', async () => {
      const response = await request(guarded.server)
        .get('/metrics')
        .set('Authorization', `Bearer ${TOKEN}`)
        .expect(200);
      expect(parsePrometheusText(response.text).types.get(HTTP)).toBe('histogram');
    });

    it('in production, has no /metrics without a token, and guards it with one', async () => {
      const production = { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9' };
      const off = await createTestApp(database.db, { env: production });
      const on = await createTestApp(database.db, { env: { ...production, METRICS_TOKEN: TOKEN } });
      try {
        expectProblem(await request(off.server).get('/metrics'), 404);
        expectProblem(await request(on.server).get('/metrics'), 401);
        await request(on.server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      } finally {
        await off.close();
        await on.close();
      }
    });

    it('is in the OpenAPI document as text/plain behind the metrics token', async () => {
      const doc = (await request(app.server).get('/docs/json').expect(200)).body;
      const operation = doc.paths['/metrics'].get;
      expect(operation.operationId).toBe('getMetrics');
      expect(operation.security).toEqual([{ metricsToken: [] }]);
      expect(Object.keys(operation.responses['200'].content)).toEqual(['text/plain']);
      expect(Object.keys(operation.responses['401'].content)).toEqual(['application/problem+json']);
      expect(doc.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    });
  });

  describe('attacks by whoever holds the metrics token', () => {
    /** Everything the API itself counts; process-wide CPU/memory figures move with any work at all. */
    const ours = (name: string) => name.startsWith('resonance_');

    it('cannot tell a rater submitting from a rater opening the survey', async () => {
      const { tokens } = await openRound(4);
      // Warm up: the survey series exists before the comparison.
      await request(app.server).get('/api/v1/survey').set('X-Invite-Token', tokens[1]!).expect(200);

      const beforeLoad = await scrape();
      await request(app.server).get('/api/v1/survey').set('X-Invite-Token', tokens[0]!).expect(200);
      const afterLoad = await scrape();
      await submitAnswers(app, tokens[0]!, answerBody()).expect(201);
      const afterSubmit = await scrape();
      // A used link opened again (409) looks the same too.
      await request(app.server).get('/api/v1/survey').set('X-Invite-Token', tokens[0]!).expect(409);
      const afterUsed = await scrape();

      const load = changes(beforeLoad, afterLoad, ours);
      const submit = changes(afterLoad, afterSubmit, ours);
      const used = changes(afterSubmit, afterUsed, ours);
      expect(submit).toEqual(load);
      expect(used).toEqual(load);
      // And the comparison can fail: the one request did move the folded survey series.
      const surveyCount = [...load].filter(([key]) => key.startsWith(`${HTTP}_count{`));
      expect(surveyCount).toEqual([
        [`${HTTP}_count{method="ANY",route="/api/v1/survey/*",status_class="1xx-4xx"}`, 1],
      ]);
      expect(afterSubmit.samples.some((s) => s.labels.route?.includes('/survey/response'))).toBe(false);
    });

    it('cannot count reminder emails: four pending and one pending remind alike', async () => {
      const many = await openRound(4, { reminderOffsetsHours: [24] });
      const few = await openRound(4, { reminderOffsetsHours: [24] });
      for (const token of few.tokens.slice(0, 3)) await submitAnswers(app, token, answerBody()).expect(201);
      const remindAt = new Date(Date.now() + 24.5 * HOUR);

      const remind = async (roundId: string) => {
        const sentBefore = mailer.sent.length;
        const before = await scrape();
        const outcome = await advanceRound(schedulerDeps(), { roundId, now: remindAt });
        expect(outcome.reminded).toBe(true);
        return { emails: mailer.sent.length - sentBefore, delta: changes(before, await scrape(), ours) };
      };
      const toMany = await remind(many.roundId);
      const toFew = await remind(few.roundId);
      expect([toMany.emails, toFew.emails]).toEqual([4, 1]);
      expect(toFew.delta).toEqual(toMany.delta);
      expect(toMany.delta.get('resonance_reminder_runs_total{trigger="scheduled"}')).toBe(1);
      expect(toMany.delta.get(`${JOBS}{job="remind",outcome="done"}`)).toBe(1);
      expect(
        [...toMany.delta.keys()].some((key) => key.startsWith(`${JOB_SECONDS}_count{job="remind"`)),
      ).toBe(false);

      // The admin's button: the reply, and the scrape, are the same for either round.
      const manual = async (roundId: string) => {
        const before = await scrape();
        await request(app.server)
          .post(`/api/v1/rounds/${roundId}/remind`)
          .set(...bearer(admin.accessToken))
          .expect(200);
        await app.backgroundTasks.settled();
        return changes(before, await scrape(), ours);
      };
      const manualMany = await manual(many.roundId);
      expect(await manual(few.roundId)).toEqual(manualMany);
      expect(manualMany.get('resonance_reminder_runs_total{trigger="manual"}')).toBe(1);
    });

    it('finds no id, email, name or token anywhere in a scrape after a whole round', async () => {
      const { team, roundId, tokens } = await openRound(4, { reminderOffsetsHours: [24] });
      for (const token of tokens.slice(0, 3)) {
        await request(app.server).get('/api/v1/survey').set('X-Invite-Token', token).expect(200);
        await submitAnswers(app, token, answerBody()).expect(201);
      }
      await advanceRound(schedulerDeps(), { roundId, now: new Date(Date.now() + 24.5 * HOUR) });
      await request(app.server)
        .post(`/api/v1/rounds/${roundId}/close`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      await request(app.server)
        .get(`/api/v1/results/leaders/${team.leader.id}`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      const text = (await request(app.server).get('/metrics').expect(200)).text;

      const invitations = await database.db.invitation.findMany({ where: { roundId }, select: { id: true } });
      const people = [team.leader, team.manager, ...team.reports];
      const secrets = [
        roundId,
        admin.orgId,
        admin.email,
        admin.accessToken,
        ...tokens,
        ...invitations.map((invitation) => invitation.id),
        ...people.flatMap((person) => [person.id, person.email, person.name]),
      ];
      for (const secret of secrets) expect(text, secret).not.toContain(secret);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
      // A link token's shape (43 base64url characters); metric names are the only long words.
      const long = text.match(/[A-Za-z0-9_-]{43,}/g) ?? [];
      expect(long.filter((word) => !/^[a-z_]+$/.test(word))).toEqual([]);
      expect(text).not.toContain('@');
      // Nothing counts ballots, answers or comments.
      const families = [...parsePrometheusText(text).types.keys()];
      expect(families.filter((name) => /ballot|answer|response|comment|particip/i.test(name))).toEqual([]);
    });
  });
});
