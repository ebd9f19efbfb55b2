import { deleteDueRawAnswers } from '@resonance/api/retention/delete-raw-answers';
import { createRoundScheduler } from '@resonance/api/scheduler/round-scheduler';
import { createPrismaClient, type Db } from '@resonance/db';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, logIn, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import { capturingMailer, createTeam, seedClosedRound, type Team, times } from '../support/round-factories';
import { createTestApp, TEST_WEB_URL, type TestApp, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DAY = 86_400_000;

/**
 * Issue 12's retention of raw answers, on both databases: the job deletes the responses, answers and
 * comments of closed rounds past their organisation's retention period, and nothing any dashboard,
 * trend, heatmap, export or benchmark replies changes — not now, and not for a k raised later.
 */
describe('retention of raw answers', () => {
  let database: TestDatabase;
  let app: TestApp;
  /** A second API instance on the same database. */
  let otherDb: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    otherDb = createPrismaClient({ connectionString: database.connectionString, poolSize: 3 });
    app = await createTestApp(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await otherDb?.$disconnect();
    await database?.close();
  });

  const api = () => request(app.server);
  const db = () => database.db;

  /** Three leaders (the benchmark needs three), each with five reports who comment and two peers. */
  async function organisation(retentionDays?: number) {
    const admin = await signUpAdmin(app);
    if (retentionDays !== undefined) await setSettings(admin, { rawAnswerRetentionDays: retentionDays });
    const teams: Team[] = [];
    for (let index = 0; index < 3; index++)
      teams.push(await createTeam(db(), { orgId: admin.orgId, reports: 5 }));
    return { admin, teams };
  }

  const setSettings = (admin: SignedUpAdmin, settings: object) =>
    api()
      .patch('/api/v1/org/settings')
      .set(...bearer(admin.accessToken))
      .send(settings)
      .expect(200);

  /** A round closed `daysAgo` days ago (closed now, then its close moved back in SQL). */
  async function closedRound(teams: Team[], orgId: string, daysAgo: number, name: string) {
    const closesAt = new Date(Date.now() - 60_000);
    const round = await seedClosedRound(db(), {
      orgId,
      name,
      opensAt: new Date(closesAt.getTime() - 14 * DAY),
      closesAt,
      responses: Object.fromEntries(
        teams.map((team, index) => [
          team.leader.id,
          {
            direct_report: [3, 4, 5, 2, 4].map((score, report) => ({
              score: { visibility: score, dialogue: ((score + index) % 5) + 1 },
              comments: [{ thesisKey: 'dialogue', text: `${name} dialogue ${index}.${report}` }],
              keepDoing: `${name} keep ${index}.${report}`,
            })),
            peer: times(2, { score: 2, keepDoing: `${name} peer keep ${index}` }),
            manager: times(1, { score: 1 }),
            self: times(1, { score: 5 }),
          },
        ]),
      ),
    });
    const movedBy = `${daysAgo} days`;
    await db().$executeRaw`
      UPDATE rounds SET closed_at = closed_at - ${movedBy}::interval, closes_at = closes_at - ${movedBy}::interval,
                        opens_at = opens_at - ${movedBy}::interval
      WHERE id = ${round.id}::uuid`;
    return round.id;
  }

  async function rawCounts(roundId: string) {
    const [row] = await db().$queryRaw<{ responses: number; answers: number; comments: number }[]>`
      SELECT (SELECT count(*)::int FROM responses WHERE round_id = ${roundId}::uuid) AS responses,
             (SELECT count(*)::int FROM answers a JOIN responses r ON r.id = a.response_id
               WHERE r.round_id = ${roundId}::uuid) AS answers,
             (SELECT count(*)::int FROM comments WHERE round_id = ${roundId}::uuid) AS comments`;
    return row!;
  }

  /** Every reply that shows results: each leader's dashboard per round (as admin and as the leader), heatmap, CSV. */
  async function replies(admin: SignedUpAdmin, teams: Team[], roundIds: string[]) {
    const out: Record<string, unknown> = {};
    for (const team of teams) {
      const leaderToken = (await logIn(app, team.leader.email)).accessToken;
      for (const roundId of roundIds) {
        const path = `/api/v1/results/leaders/${team.leader.id}?round=${roundId}`;
        out[`admin ${path}`] = (
          await api()
            .get(path)
            .set(...bearer(admin.accessToken))
            .expect(200)
        ).body;
        out[`leader ${path}`] = (
          await api()
            .get(path)
            .set(...bearer(leaderToken))
            .expect(200)
        ).body;
      }
    }
    for (const roundId of roundIds) {
      const heatmap = `/api/v1/results/rounds/${roundId}/heatmap`;
      out[heatmap] = (
        await api()
          .get(heatmap)
          .set(...bearer(admin.accessToken))
          .expect(200)
      ).body;
      const csv = `/api/v1/results/rounds/${roundId}/export.csv`;
      out[csv] = (
        await api()
          .get(csv)
          .set(...bearer(admin.accessToken))
          .expect(200)
      ).text;
    }
    return out;
  }

  /** Where a dashboard carries comments: per thesis, and the two open questions. */
  const COMMENT_KEYS = new Set(['comments', 'keepDoing', 'startDoing']);

  /** Comments are shuffled once when a result is stored; two computations of it differ only in order. */
  const commentsSorted = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (key, item) =>
      COMMENT_KEYS.has(key) && Array.isArray(item) ? [...item].sort() : item,
    );

  /** Every comment text in the replies. */
  const shownComments = (all: Record<string, unknown>) => {
    const texts: string[] = [];
    JSON.parse(JSON.stringify(all), (key, item) => {
      if (COMMENT_KEYS.has(key) && Array.isArray(item)) texts.push(...item);
      return item;
    });
    return texts;
  };

  const runJob = (on: Db = db()) => deleteDueRawAnswers({ db: on }, new Date());

  it('deletes raw rows of rounds past the period, and every result reply stays the same, for any k raised later', async () => {
    const { admin, teams } = await organisation();
    const old = await closedRound(teams, admin.orgId, 60, 'Old');
    const due = await closedRound(teams, admin.orgId, 31, 'Due');
    const recent = await closedRound(teams, admin.orgId, 29, 'Recent');
    const rounds = [old, due, recent];
    const recentBefore = await rawCounts(recent);
    expect(recentBefore).toEqual({ responses: 27, answers: expect.any(Number), comments: 36 });

    const atK3 = await replies(admin, teams, rounds);
    expect(shownComments(atK3).length).toBeGreaterThan(0);
    // What a raised k shows while the raw comments still exist (computed from them on first read)…
    const raised: Record<number, Record<string, unknown>> = {};
    for (const k of [4, 5, 6, 10]) {
      await setSettings(admin, { anonymityThreshold: k });
      raised[k] = await replies(admin, teams, rounds);
    }
    expect(shownComments(raised[5]!).length).toBeGreaterThan(0);
    expect(shownComments(raised[6]!)).toEqual([]);
    await setSettings(admin, { anonymityThreshold: 3 });
    // …then forgotten again, as if nobody had read them: the job must store them itself.
    await db().$executeRaw`DELETE FROM leader_results WHERE round_id = ANY(${rounds}::uuid[]) AND k <> 3`;
    await db().$executeRaw`DELETE FROM round_heatmaps WHERE round_id = ANY(${rounds}::uuid[]) AND k <> 3`;
    await db().$executeRaw`DELETE FROM round_benchmarks WHERE round_id = ANY(${rounds}::uuid[]) AND k <> 3`;

    const summary = await runJob();
    expect(summary.failed).toEqual([]);
    expect(summary.deleted).toEqual(expect.arrayContaining([old, due]));
    expect(summary.deleted).not.toContain(recent);
    for (const roundId of [old, due])
      expect(await rawCounts(roundId)).toEqual({ responses: 0, answers: 0, comments: 0 });
    expect(await rawCounts(recent)).toEqual(recentBefore);

    expect(await replies(admin, teams, rounds)).toEqual(atK3);
    for (const k of [4, 5, 6, 10]) {
      await setSettings(admin, { anonymityThreshold: k });
      expect(commentsSorted(await replies(admin, teams, rounds))).toEqual(commentsSorted(raised[k]));
    }
    await setSettings(admin, { anonymityThreshold: 3 });

    const detail = (
      await api()
        .get(`/api/v1/rounds/${due}`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body;
    expect(detail.rawAnswers).toEqual({ retentionDays: 30, dueAt: null, deletedAt: expect.any(String) });
    const recentDetail = (
      await api()
        .get(`/api/v1/rounds/${recent}`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body;
    expect(new Date(recentDetail.rawAnswers.dueAt).getTime()).toBe(
      new Date(recentDetail.closedAt).getTime() + 30 * DAY,
    );
    expect(recentDetail.rawAnswers.deletedAt).toBeNull();

    // The audit log says what went, by the system, counting only groups that reach k (5 reports × 3 leaders).
    const audit = (
      await api()
        .get('/api/v1/audit?limit=200')
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body.items.filter((event: { action: string }) => event.action === 'round.raw_answers_deleted');
    expect(audit).toHaveLength(2);
    const dueEvent = audit.find((event: { target: { id: string } }) => event.target.id === due);
    expect(dueEvent.actor).toBeNull();
    expect(dueEvent.details).toEqual({
      retentionDays: 30,
      responses: 15,
      answers: expect.any(Number),
      comments: 30,
    });
  });

  it('is a no-op the second time, and deletes a round once when two instances run it together', async () => {
    const { admin, teams } = await organisation();
    const first = await closedRound(teams, admin.orgId, 40, 'Twice A');
    const second = await closedRound(teams, admin.orgId, 35, 'Twice B');
    const [a, b] = await Promise.all([runJob(), runJob(otherDb)]);
    expect([...a.failed, ...b.failed]).toEqual([]);
    const deleted = [...a.deleted, ...b.deleted].filter((id) => id === first || id === second);
    expect(deleted.sort()).toEqual([first, second].sort());
    const events = () =>
      db().auditEvent.count({ where: { orgId: admin.orgId, action: 'round.raw_answers_deleted' } });
    expect(await events()).toBe(2);
    const marks = await db().round.findMany({
      where: { id: { in: [first, second] } },
      select: { rawAnswersDeletedAt: true },
    });
    const again = await runJob();
    expect(again.deleted.filter((id) => id === first || id === second)).toEqual([]);
    expect(await events()).toBe(2);
    expect(
      await db().round.findMany({
        where: { id: { in: [first, second] } },
        select: { rawAnswersDeletedAt: true },
      }),
    ).toEqual(marks);
  });

  it('leaves alone an organisation keeping raw answers 90 days, and open rounds however overdue', async () => {
    const { admin, teams } = await organisation(90);
    const kept = await closedRound(teams, admin.orgId, 31, 'Kept');
    const keptBefore = await rawCounts(kept);
    // An open round the scheduler has not closed yet, its closing time long past, with raw rows.
    const open = await closedRound(teams, admin.orgId, 120, 'Still open');
    await db().round.update({ where: { id: open }, data: { state: 'open', closedAt: null } });
    const openBefore = await rawCounts(open);
    expect(openBefore.responses).toBeGreaterThan(0);

    await runJob();
    expect(await rawCounts(kept)).toEqual(keptBefore);
    expect(await rawCounts(open)).toEqual(openBefore);
    const detail = (
      await api()
        .get(`/api/v1/rounds/${open}`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body;
    expect(detail.rawAnswers).toEqual({ retentionDays: 90, dueAt: null, deletedAt: null });

    // A shorter period applies to the rounds already closed.
    await setSettings(admin, { rawAnswerRetentionDays: 30 });
    expect((await runJob()).deleted).toContain(kept);
    expect(await rawCounts(kept)).toEqual({ responses: 0, answers: 0, comments: 0 });
    expect(await rawCounts(open)).toEqual(openBefore);
  });

  it('refuses to compute a result again once the raw comments are gone, rather than show fewer', async () => {
    const { admin, teams } = await organisation();
    const roundId = await closedRound(teams, admin.orgId, 31, 'Guarded');
    await runJob();
    const { storeRoundResults } = await import('@resonance/api/results/stored-results');
    await db().$executeRaw`DELETE FROM leader_results WHERE round_id = ${roundId}::uuid AND k = 7`;
    await expect(storeRoundResults(db(), { roundId, k: 7, random: Math.random })).rejects.toThrow(
      /raw comments are deleted/,
    );
  });

  it('shows and changes the setting (default 30 days), audited, and refuses values out of 1..3650', async () => {
    const admin = await signUpAdmin(app);
    const settings = await api()
      .get('/api/v1/org/settings')
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(settings.body.rawAnswerRetentionDays).toBe(30);
    for (const value of [0, 3651, -1, 4.5, '30', null]) {
      const problem = expectProblem(
        await api()
          .patch('/api/v1/org/settings')
          .set(...bearer(admin.accessToken))
          .send({ rawAnswerRetentionDays: value }),
        400,
      );
      expect(problem.errors).toEqual([{ field: 'body.rawAnswerRetentionDays', message: expect.any(String) }]);
    }
    const org = await db().organisation.findUniqueOrThrow({ where: { id: admin.orgId } });
    expect(org.rawAnswerRetentionDays).toBe(30);
    for (const value of [1, 3650]) await setSettings(admin, { rawAnswerRetentionDays: value });
    const events = await db().auditEvent.findMany({
      where: { orgId: admin.orgId, action: 'org.settings_changed' },
      orderBy: { createdAt: 'asc' },
      select: { details: true },
    });
    expect(events.map((event) => event.details)).toEqual([
      { rawAnswerRetentionDays: { from: 30, to: 1 } },
      { rawAnswerRetentionDays: { from: 1, to: 3650 } },
    ]);
  });

  it('runs hourly in the durable scheduler, and once at its start, through the same job', async () => {
    const { admin, teams } = await organisation();
    const roundId = await closedRound(teams, admin.orgId, 31, 'Scheduled');
    const scheduler = createRoundScheduler({
      connectionString: database.connectionString,
      db: db(),
      ballotKeys: testBallotKeys,
      mailer: capturingMailer(),
      webUrl: TEST_WEB_URL,
    });
    await scheduler.start();
    try {
      const schedules = await db().$queryRaw<{ cron: string }[]>`
        SELECT cron FROM pgboss.schedule WHERE name = 'raw-answer-retention'`;
      expect(schedules).toEqual([{ cron: '17 * * * *' }]);
      // Started after downtime: it catches up at once instead of waiting for the next :17.
      await expect
        .poll(async () => (await rawCounts(roundId)).responses, { timeout: 30_000, interval: 250 })
        .toBe(0);
      expect(await rawCounts(roundId)).toEqual({ responses: 0, answers: 0, comments: 0 });
      const round = await db().round.findUniqueOrThrow({
        where: { id: roundId },
        select: { rawAnswersDeletedAt: true },
      });
      expect(round.rawAnswersDeletedAt).not.toBeNull();
      expect((await scheduler.retention()).deleted).not.toContain(roundId);
    } finally {
      await scheduler.stop();
    }
  });
});
