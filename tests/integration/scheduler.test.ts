import { buildApp } from '@resonance/api';
import { createRoundScheduler } from '@resonance/api/scheduler/round-scheduler';
import { runSchedulerTick } from '@resonance/api/scheduler/scheduler-tick';
import { createPrismaClient, type Db } from '@resonance/db';
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
import { createTestApp, TEST_WEB_URL, type TestApp, testAppEnv, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('the round scheduler', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;
  /** A second "API instance": its own connection pool and mailer on the same database. */
  let otherDb: Db;
  const mailer = capturingMailer();
  const otherMailer = capturingMailer();

  beforeAll(async () => {
    database = await createTestDatabase();
    otherDb = createPrismaClient({ connectionString: database.connectionString, poolSize: 3 });
    app = await createTestApp(database.db, { mailer });
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
    await otherDb?.$disconnect();
    await database?.close();
  });

  const instanceA = () => ({ db: database.db, ballotKeys: testBallotKeys, mailer, webUrl: TEST_WEB_URL });
  const instanceB = () => ({
    db: otherDb,
    ballotKeys: testBallotKeys,
    mailer: otherMailer,
    webUrl: TEST_WEB_URL,
  });
  const emailsTo = (roundEmails: { to: string }[], people: { email: string }[]) =>
    roundEmails.filter((email) => people.some((person) => person.email === email.to));

  async function scheduledRound(
    options: { reports?: number; hoursUntilOpen?: number; lengthHours?: number } & Record<
      string,
      unknown
    > = {},
  ) {
    const { reports = 4, hoursUntilOpen = 1, lengthHours = 48, ...rest } = options;
    const team = await createTeam(database.db, { orgId: admin.orgId, reports, peers: 0 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups: ['direct_report'],
      schedule: true,
      ...roundWindow(hoursUntilOpen, lengthHours),
      ...rest,
    });
    return { team, round };
  }

  it('opens, reminds and closes exactly once when two instances tick at the same moment', async () => {
    const { team, round } = await scheduledRound({ reminderOffsetsHours: [24], recurrence: 'monthly' });
    const sentBefore = mailer.sent.length + otherMailer.sent.length;
    const openAt = new Date(Date.now() + 1.5 * HOUR);
    const [a, b] = await Promise.all([
      runSchedulerTick(instanceA(), openAt),
      runSchedulerTick(instanceB(), openAt),
    ]);
    expect([...a.opened, ...b.opened].filter((id) => id === round.id)).toHaveLength(1);
    expect(await database.db.invitation.count({ where: { roundId: round.id } })).toBe(4);
    await app.mailSender.drain();
    const invitations = [...mailer.sent, ...otherMailer.sent].slice(sentBefore);
    expect(emailsTo(invitations, team.reports)).toHaveLength(4);

    // One report answers; the reminder goes to the other three, once.
    const answered = invitations.find((email) => email.to === team.reports[0]!.email)!;
    await submitAnswers(app, tokenFromEmail(answered.text), answerBody()).expect(201);
    const remindAt = new Date(Date.now() + 26 * HOUR);
    const beforeReminder = mailer.sent.length + otherMailer.sent.length;
    const [c, d] = await Promise.all([
      runSchedulerTick(instanceA(), remindAt),
      runSchedulerTick(instanceB(), remindAt),
    ]);
    expect([...c.reminded, ...d.reminded].filter((id) => id === round.id)).toHaveLength(1);
    const reminders = [...mailer.sent, ...otherMailer.sent].slice(beforeReminder);
    expect(reminders.map((email) => email.to).sort()).toEqual(
      team.reports
        .slice(1)
        .map((r) => r.email)
        .sort(),
    );
    expect(reminders[0]!.subject).toMatch(/^Reminder:/);
    // The reminder carries the same link as the invitation: the first email keeps working.
    const reminded = team.reports[1]!;
    const oldToken = tokenFromEmail(invitations.find((email) => email.to === reminded.email)!.text);
    const newToken = tokenFromEmail(reminders.find((email) => email.to === reminded.email)!.text);
    expect(newToken).toBe(oldToken);
    await request(app.server).get('/api/v1/survey').set('X-Invite-Token', oldToken).expect(200);
    await submitAnswers(app, oldToken, answerBody()).expect(201);
    expectProblem(await submitAnswers(app, newToken, answerBody()), 409);
    // A later tick does not send the same reminder again.
    expect((await runSchedulerTick(instanceA(), new Date(remindAt.getTime() + HOUR))).reminded).not.toContain(
      round.id,
    );

    const closeAt = new Date(Date.now() + 50 * HOUR);
    const [e, f] = await Promise.all([
      runSchedulerTick(instanceA(), closeAt),
      runSchedulerTick(instanceB(), closeAt),
    ]);
    expect([...e.closed, ...f.closed].filter((id) => id === round.id)).toHaveLength(1);
    expect(await database.db.resultRollup.count({ where: { roundId: round.id } })).toBe(9);
    expect(await database.db.round.count({ where: { previousRoundId: round.id, state: 'scheduled' } })).toBe(
      1,
    );
  });

  it('lets only one of a manual and a scheduled open through', async () => {
    const { round } = await scheduledRound({ hoursUntilOpen: -0.5 });
    const [manual, tick] = await Promise.all([
      request(app.server)
        .post(`/api/v1/rounds/${round.id}/open`)
        .set(...bearer(admin.accessToken)),
      runSchedulerTick(instanceB(), new Date()),
    ]);
    const winners = (manual.status === 200 ? 1 : 0) + tick.opened.filter((id) => id === round.id).length;
    expect(winners).toBe(1);
    if (manual.status !== 200) expect(expectProblem(manual, 409).type).toMatch(/invalid-transition$/);
    expect(await database.db.invitation.count({ where: { roundId: round.id } })).toBe(4);
  });

  it('opens a round at once when an edit moves its opening into the past', async () => {
    const { round } = await scheduledRound({ hoursUntilOpen: 24 });
    expect((await runSchedulerTick(instanceA(), new Date())).opened).not.toContain(round.id);
    await request(app.server)
      .patch(`/api/v1/rounds/${round.id}`)
      .set(...bearer(admin.accessToken))
      .send({ opensAt: new Date(Date.now() - 60_000).toISOString() })
      .expect(200);
    expect((await runSchedulerTick(instanceA(), new Date())).opened).toContain(round.id);
  });

  it('after downtime through a whole window, opens and closes the round without emailing anyone', async () => {
    const { round } = await scheduledRound({ hoursUntilOpen: 1, lengthHours: 2 });
    await app.mailSender.drain();
    const before = mailer.sent.length;
    const summary = await runSchedulerTick(instanceA(), new Date(Date.now() + 5 * HOUR));
    expect(summary.opened).toContain(round.id);
    expect(summary.closed).toContain(round.id);
    expect(await database.db.mailQueueItem.count({ where: { roundId: round.id } })).toBe(0);
    await app.mailSender.drain();
    expect(mailer.sent.length).toBe(before);
  });

  it('sends a manual reminder to non-responders at most once an hour, saying neither how many nor who', async () => {
    const { round } = await scheduledRound({ hoursUntilOpen: -0.5 });
    await request(app.server)
      .post(`/api/v1/rounds/${round.id}/open`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    const remind = await request(app.server)
      .post(`/api/v1/rounds/${round.id}/remind`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    await app.backgroundTasks.settled();
    expect(remind.body).toEqual({ status: 'sent', message: expect.any(String) });
    expect(JSON.stringify(remind.body)).not.toMatch(/\d/);
    const again = await request(app.server)
      .post(`/api/v1/rounds/${round.id}/remind`)
      .set(...bearer(admin.accessToken));
    await app.backgroundTasks.settled();
    expect(expectProblem(again, 409).type).toMatch(/reminder-recently-sent$/);
  });

  it('runs on pg-boss: a job opens a round on time, and a moved date moves the job', async () => {
    const scheduler = createRoundScheduler({
      connectionString: database.connectionString,
      db: database.db,
      ballotKeys: testBallotKeys,
      mailer,
      webUrl: TEST_WEB_URL,
    });
    const scheduledApp = await buildApp({
      env: testAppEnv(),
      db: database.db,
      ballotKeys: testBallotKeys,
      mailer,
      logger: false,
      roundJobs: scheduler,
    });
    await scheduledApp.ready();
    await scheduler.start();
    try {
      const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
      const soon = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
      const create = (opensAt: string) =>
        request(scheduledApp.server)
          .post('/api/v1/rounds')
          .set(...bearer(admin.accessToken))
          .send({
            name: 'Job-driven',
            leaderIds: [team.leader.id],
            raterGroups: ['direct_report'],
            opensAt,
            closesAt: soon(4 * 3600),
            schedule: true,
          })
          .expect(201);
      const punctual = await create(soon(2));
      const moved = await create(soon(2));
      await request(scheduledApp.server)
        .patch(`/api/v1/rounds/${moved.body.id}`)
        .set(...bearer(admin.accessToken))
        .send({ opensAt: soon(3600) })
        .expect(200);

      const deadline = Date.now() + 30_000;
      let state = 'scheduled';
      while (state !== 'open' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        state = (await database.db.round.findUniqueOrThrow({ where: { id: punctual.body.id } })).state;
      }
      expect(state).toBe('open');
      expect(await database.db.invitation.count({ where: { roundId: punctual.body.id } })).toBe(3);
      expect((await database.db.round.findUniqueOrThrow({ where: { id: moved.body.id } })).state).toBe(
        'scheduled',
      );
      const jobs = await database.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pgboss.job WHERE singleton_key = ${`${moved.body.id}:open`}`;
      expect(Number(jobs[0]!.n)).toBe(1);
    } finally {
      await scheduler.stop();
      await scheduledApp.close();
    }
  }, 60_000);
});
