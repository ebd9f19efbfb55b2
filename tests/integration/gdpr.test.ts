import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, logIn, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import {
  answerBody,
  capturingMailer,
  createRoundViaApi,
  createTeam,
  submitAnswers,
  type Team,
  tokenFromEmail,
} from '../support/round-factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * GDPR rights over HTTP, on both databases, checked the way a data protection officer (or an
 * attacker with a database dump) would: an export that never says who answered, an erasure after
 * which the person's name, email and ids are nowhere in any table, other people's data and the
 * organisation's results byte-identical, and an organisation deletion that leaves no row behind.
 */
describe('GDPR: export, erasure, organisation deletion', () => {
  let database: TestDatabase;
  let app: TestApp;
  const mailer = capturingMailer();
  let admin: SignedUpAdmin;
  let teamA: Team;
  let teamB: Team;
  const api = () => request(app.server);

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer });
    admin = await signUpAdmin(app);
    teamA = await createTeam(database.db, { orgId: admin.orgId, reports: 4, peers: 3 });
    teamB = await createTeam(database.db, { orgId: admin.orgId, reports: 4, peers: 3 });
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await database.db.person.updateMany({
      where: { orgId: admin.orgId },
      data: { createdAt: longAgo, teamSince: longAgo },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Opens a round for the leaders; returns a function answering as a given invited email. */
  async function openRound(leaders: Team[]) {
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: leaders.map((team) => team.leader.id),
      schedule: true,
    });
    const before = mailer.sent.length;
    await api()
      .post(`/api/v1/rounds/${round.id}/open`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    await app.mailSender.drain();
    const emails = mailer.sent.slice(before);
    const answer = async (email: string, leaderName: string, score = 4) => {
      const mails = emails.filter((mail) => mail.to === email && mail.text.includes(leaderName));
      for (const mail of mails.length > 0 ? mails : emails.filter((m) => m.to === email)) {
        await submitAnswers(
          app,
          tokenFromEmail(mail.text),
          answerBody(() => score, { comments: [{ thesisKey: 'dialogue', text: `Listens well (${score})` }] }),
        ).expect(201);
      }
    };
    return { id: round.id, answer };
  }

  async function everyoneAnswers(
    round: { answer: (email: string, leader: string) => Promise<void> },
    team: Team,
  ) {
    for (const person of [...team.reports, ...team.peers, team.manager, team.leader]) {
      await round.answer(person.email, team.leader.name);
    }
  }

  const close = (roundId: string) =>
    api()
      .post(`/api/v1/rounds/${roundId}/close`)
      .set(...bearer(admin.accessToken))
      .expect(200);

  const exportOf = async (personId: string) =>
    (
      await api()
        .get(`/api/v1/people/${personId}/export`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body;

  /** Every row of every table as text, the way a pg_dump shows it. */
  async function dumpRows(): Promise<{ table: string; row: string }[]> {
    const client = new pg.Client({ connectionString: database.connectionString });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
      );
      const rows: { table: string; row: string }[] = [];
      for (const { table_name: table } of tables.rows) {
        const result = await client.query<{ row: string }>(
          `SELECT row_to_json(t)::text AS row FROM "${table}" t`,
        );
        for (const { row } of result.rows) rows.push({ table, row });
      }
      return rows;
    } finally {
      await client.end();
    }
  }
  const rowsMentioning = async (needles: string[]) =>
    (await dumpRows()).filter(({ row }) =>
      needles.some((needle) => row.toLowerCase().includes(needle.toLowerCase())),
    );

  async function resultsOf(roundId: string) {
    const heatmap = (
      await api()
        .get(`/api/v1/results/rounds/${roundId}/heatmap`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body;
    const csv = (
      await api()
        .get(`/api/v1/results/rounds/${roundId}/export.csv`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).text;
    const leaderB = (await logIn(app, teamB.leader.email)).accessToken;
    const dashboardB = (
      await api()
        .get(`/api/v1/results/leaders/${teamB.leader.id}?round=${roundId}`)
        .set(...bearer(leaderB))
        .expect(200)
    ).body;
    const benchmarks = await database.db.roundBenchmark.findMany({
      where: { roundId },
      orderBy: [{ k: 'asc' }, { thesisKey: 'asc' }],
    });
    const heatmaps = await database.db.roundHeatmap.findMany({ where: { roundId }, orderBy: { k: 'asc' } });
    return { heatmap, csv, dashboardB, benchmarks, heatmaps };
  }

  let closedRoundId: string;

  it('exports everything about a person, and nothing that says whether they answered', async () => {
    const first = await openRound([teamA, teamB]);
    await everyoneAnswers(first, teamA);
    await everyoneAnswers(first, teamB);
    await close(first.id);
    closedRoundId = first.id;

    const second = await openRound([teamA, teamB]);
    const rater = teamA.reports[0]!;
    const before = await exportOf(rater.id);
    await second.answer(rater.email, teamA.leader.name);
    const after = await exportOf(rater.id);

    // The attack: export, let the person answer, export again — the two must not differ.
    const { exportedAt: _before, ...beforeRest } = before;
    const { exportedAt: _after, ...afterRest } = after;
    expect(afterRest).toEqual(beforeRest);

    expect(before.person).toMatchObject({ id: rater.id, email: rater.email, name: rater.name });
    expect(before.login).toBeNull();
    expect(before.invitations).toHaveLength(2);
    expect(before.invitations.map((i: { use: string }) => i.use).sort()).toEqual([
      'unknown-after-close',
      'withheld-while-open',
    ]);
    expect(JSON.stringify(before)).not.toMatch(/"score"|"answers"|"used":/);
    expect(before.notIncluded.join(' ')).toMatch(/Answers and comments/);

    // An admin's export lists what they did, but not the details about the people they did it to.
    const adminExport = await exportOf(admin.personId);
    const acted = adminExport.auditEvents.filter((event: { role: string }) => event.role === 'actor');
    expect(acted.length).toBeGreaterThan(0);
    expect(acted.map((event: { details: object }) => event.details)).toEqual(acted.map(() => ({})));

    const leaderExport = await exportOf(teamA.leader.id);
    expect(leaderExport.login).toMatchObject({ role: 'leader', hasPassword: true });
    expect(leaderExport.roundsAsLeader).toHaveLength(2);
    expect(JSON.stringify(leaderExport)).not.toMatch(/passwordHash|tokenHash|scrypt/);

    await close(second.id);
  });

  it('erases a rater: their name and email are in no table, everything else unchanged', async () => {
    const rater = teamA.reports[1]!;
    const openRoundInFlight = await openRound([teamA, teamB]);
    const invitationIds = (
      await database.db.invitation.findMany({ where: { raterId: rater.id }, select: { id: true } })
    ).map(({ id }) => id);
    expect(invitationIds.length).toBeGreaterThan(0);
    await openRoundInFlight.answer(rater.email, teamA.leader.name);
    const unitsBefore = await database.db.roundUnit.findMany({
      where: { roundId: openRoundInFlight.id },
      orderBy: [{ leaderId: 'asc' }, { raterGroup: 'asc' }],
    });
    const resultsBefore = await resultsOf(closedRoundId);

    const erased = await api()
      .delete(`/api/v1/people/${rater.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(erased.body).toMatchObject({ personId: rater.id, outcome: 'anonymised', loginRemoved: false });
    expect(erased.body.invitationsKept).toBe(invitationIds.length);

    expect(await rowsMentioning([rater.email, rater.name])).toEqual([]);
    // What still carries their id: the nameless row, the invitations under it (the membership record
    // of rule 11) and the audit log's ids. The invitations' ids are nowhere else.
    const idTraces = await rowsMentioning([rater.id]);
    expect(new Set(idTraces.map(({ table }) => table))).toEqual(
      new Set(['people', 'invitations', 'audit_events']),
    );
    const tombstone = idTraces.find(({ table }) => table === 'people')!.row;
    expect(tombstone).toMatch(/erased-[0-9a-f-]+@erased\.invalid/);
    expect(tombstone).not.toContain('"manager_id":"');
    expect((await rowsMentioning(invitationIds)).map(({ table }) => table)).toEqual(
      invitationIds.map(() => 'invitations'),
    );

    // The round in flight keeps its counts (fixed at opening) and closes as usual.
    const unitsAfter = await database.db.roundUnit.findMany({
      where: { roundId: openRoundInFlight.id },
      orderBy: [{ leaderId: 'asc' }, { raterGroup: 'asc' }],
    });
    expect(unitsAfter).toEqual(unitsBefore);
    expect(await resultsOf(closedRoundId)).toEqual(resultsBefore);
    await close(openRoundInFlight.id);
    expectProblem(
      await api()
        .get(`/api/v1/people/${rater.id}/export`)
        .set(...bearer(admin.accessToken)),
      404,
    );
  });

  it('still withholds a group that differs from a released earlier one only by an erased rater (rule 11)', async () => {
    const team = await createTeam(database.db, { orgId: admin.orgId, reports: 4, peers: 0 });
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await database.db.person.updateMany({
      where: { id: { in: team.reports.map(({ id }) => id) } },
      data: { createdAt: longAgo, teamSince: longAgo },
    });
    const first = await openRound([team]);
    for (const report of team.reports) await first.answer(report.email, team.leader.name, 5);
    await close(first.id);
    const released = await database.db.roundUnit.findFirstOrThrow({
      where: { roundId: first.id, leaderId: team.leader.id, raterGroup: 'direct_report' },
    });
    expect(released).toMatchObject({ responseCount: 4, withheldReason: null });

    // The attack: erase one of the four, and let the other three answer the next round. Were the
    // erased rater's invitation gone, the earlier group would look like this one, both would be
    // released, and the difference of the two figures would be the erased rater's answers.
    const leaver = team.reports[3]!;
    await api()
      .delete(`/api/v1/people/${leaver.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    const second = await openRound([team]);
    for (const report of team.reports.slice(0, 3)) await second.answer(report.email, team.leader.name, 1);
    await close(second.id);
    const unit = await database.db.roundUnit.findFirstOrThrow({
      where: { roundId: second.id, leaderId: team.leader.id, raterGroup: 'direct_report' },
    });
    expect(unit.responseCount).toBe(3);
    expect(unit.withheldReason).not.toBeNull();
  });

  it('erases a rated leader: anonymised, login gone, the organisation’s results unchanged', async () => {
    const leader = teamA.leader;
    const session = await logIn(app, leader.email);
    await api()
      .put(`/api/v1/leaders/${leader.id}/focus/${closedRoundId}`)
      .set(...bearer(session.accessToken))
      .send({
        shared: false,
        theses: [{ thesisKey: 'dialogue', commitment: 'My secret plan to listen more' }],
      });
    const resultsBefore = await resultsOf(closedRoundId);

    const erased = await api()
      .delete(`/api/v1/people/${leader.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(erased.body).toMatchObject({ outcome: 'anonymised', loginRemoved: true });

    expect(await rowsMentioning([leader.email, leader.name, leader.userId, 'My secret plan'])).toEqual([]);
    const tombstone = await database.db.person.findUniqueOrThrow({ where: { id: leader.id } });
    expect(tombstone).toMatchObject({ active: false, managerId: null, locale: null });
    expect(tombstone.erasedAt).not.toBeNull();
    expect(tombstone.email).toMatch(/^erased-[0-9a-f-]+@erased\.invalid$/);
    // The leader's own answers (the self-assessment) are their personal data: gone.
    expect(await database.db.response.count({ where: { leaderId: leader.id, raterGroup: 'self' } })).toBe(0);
    const leaderRows = await database.db.leaderResult.findMany({
      where: { leaderId: leader.id },
      select: { selfScores: true },
    });
    expect(leaderRows.length).toBeGreaterThan(0);
    expect(leaderRows.every((row) => row.selfScores === null)).toBe(true);

    // Sessions die at once; the login is gone.
    expectProblem(
      await api()
        .get('/api/v1/me')
        .set(...bearer(session.accessToken)),
      401,
    );
    expectProblem(
      await api()
        .post('/api/v1/auth/login')
        .send({ email: leader.email, password: 'x'.repeat(12) }),
      401,
    );

    // Organisation figures and the other leader's report stay exactly as they were.
    const resultsAfter = await resultsOf(closedRoundId);
    expect(resultsAfter.benchmarks).toEqual(resultsBefore.benchmarks);
    expect(resultsAfter.heatmaps).toEqual(resultsBefore.heatmaps);
    expect(resultsAfter.dashboardB).toEqual(resultsBefore.dashboardB);
    expect(resultsAfter.heatmap.orgAverage ?? null).toEqual(resultsBefore.heatmap.orgAverage ?? null);
    // The erased person is not in the people list any more.
    const people = await api()
      .get('/api/v1/people?pageSize=200')
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(JSON.stringify(people.body)).not.toContain(leader.id);
  });

  it('takes an erased leader out of a round still open, which then closes consistently', async () => {
    const round = await openRound([teamB]);
    await everyoneAnswers(round, teamB);
    const erased = await api()
      .delete(`/api/v1/people/${teamB.leader.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(erased.body.removedFromRounds).toBe(1);
    expect(await database.db.ballot.count({ where: { roundId: round.id } })).toBe(0);
    expect(await database.db.invitation.count({ where: { roundId: round.id } })).toBe(0);
    await close(round.id);
    expect(await database.db.response.count({ where: { roundId: round.id } })).toBe(0);
  });

  it('refuses to erase the last admin, and an unknown or foreign person', async () => {
    expectProblem(
      await api()
        .delete(`/api/v1/people/${admin.personId}`)
        .set(...bearer(admin.accessToken)),
      409,
    );
    const other = await signUpAdmin(app);
    expectProblem(
      await api()
        .delete(`/api/v1/people/${other.personId}`)
        .set(...bearer(admin.accessToken)),
      404,
    );
    expectProblem(
      await api()
        .get(`/api/v1/people/${other.personId}/export`)
        .set(...bearer(admin.accessToken)),
      404,
    );
  });

  it('deletes a whole organisation after its slug is typed, leaving no row and other organisations intact', async () => {
    const other = await signUpAdmin(app);
    expectProblem(
      await api()
        .delete('/api/v1/org')
        .set(...bearer(admin.accessToken))
        .send({ confirm: 'not-the-slug' }),
      400,
    );
    expect(await database.db.organisation.count({ where: { id: admin.orgId } })).toBe(1);

    await api()
      .delete('/api/v1/org')
      .set(...bearer(admin.accessToken))
      .send({ confirm: admin.orgSlug })
      .expect(204);
    expect(await rowsMentioning([admin.orgId, admin.email, teamA.manager.email])).toEqual([]);
    expectProblem(
      await api()
        .get('/api/v1/me')
        .set(...bearer(admin.accessToken)),
      401,
    );
    await api()
      .get('/api/v1/me')
      .set(...bearer(other.accessToken))
      .expect(200);
  });
});
