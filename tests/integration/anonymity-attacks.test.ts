import { execFileSync } from 'node:child_process';
import { allItemIds, getQuestionnaire } from '@resonance/domain';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, logIn, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import {
  capturingMailer,
  createRoundViaApi,
  createTeam,
  submitAnswers,
  type Team,
  tokenFromEmail,
} from '../support/round-factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testEnv } from '../support/test-env';

/**
 * Issue 7, tried the way an adversary would: over HTTP as an admin or leader, and by reading the
 * database like a DBA or a backup could (system columns, physical order, a dump). Each attack
 * reports how many raters it named; the old design named all of them. Runs on PostgreSQL and on
 * the embedded database.
 */
describe('anonymity attacks', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;
  const mailer = capturingMailer();
  const itemIds = allItemIds(getQuestionnaire(1));
  const report: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer });
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    console.log(
      `\nanonymity attacks (${testEnv.databaseUrl ? 'PostgreSQL' : 'embedded'}):\n${report.join('\n')}`,
    );
    await app?.close();
    await database?.close();
  });

  const api = () => request(app.server);
  const asAdmin = (req: request.Test) => req.set(...bearer(admin.accessToken));

  /** Everyone in the team joined long ago: no padding warning unless a test adds newcomers. */
  async function establishedTeam(reports: number, peers = 0): Promise<Team> {
    const team = await createTeam(database.db, { orgId: admin.orgId, reports, peers });
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await database.db.person.updateMany({
      where: {
        id: {
          in: [
            team.leader.id,
            team.manager.id,
            ...team.reports.map((r) => r.id),
            ...team.peers.map((p) => p.id),
          ],
        },
      },
      data: { createdAt: longAgo, teamSince: longAgo },
    });
    return team;
  }

  async function openRound(
    team: Team,
    raterGroups: ('direct_report' | 'peer' | 'manager' | 'self')[] = ['direct_report'],
  ) {
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups,
      schedule: true,
    });
    const before = mailer.sent.length;
    await asAdmin(api().post(`/api/v1/rounds/${round.id}/open`)).expect(200);
    await app.mailSender.drain();
    const emails = mailer.sent.slice(before);
    const tokenOf = (email: string) => tokenFromEmail(emails.find((mail) => mail.to === email)!.text);
    return { round, tokenOf };
  }

  const closeRound = (roundId: string) => asAdmin(api().post(`/api/v1/rounds/${roundId}/close`)).expect(200);

  /** Rater i scores every item of thesis t with a pattern unique to i, so their answers name them. */
  const fingerprint = (index: number) => {
    const digits = index.toString(5).padStart(3, '0');
    return itemIds.map((itemKey, position) => ({ itemKey, score: Number(digits[position % 3]) + 1 }));
  };
  const fingerprintOf = (answers: { itemKey: string; score: number | null }[]) => {
    const byItem = new Map(answers.map((a) => [a.itemKey, a.score]));
    const digits = [0, 1, 2].map((position) => (byItem.get(itemIds[position]!) ?? 1) - 1).join('');
    return Number.parseInt(digits, 5);
  };

  describe('a database reader, without the ballot secret', () => {
    const RATERS = 12;
    let team: Team;
    let roundId: string;
    /** rater index in submission order → person id */
    const submitted: string[] = [];

    beforeAll(async () => {
      team = await establishedTeam(RATERS);
      const opened = await openRound(team);
      roundId = opened.round.id;
      for (const [index, rater] of team.reports.entries()) {
        await submitAnswers(app, opened.tokenOf(rater.email), {
          answers: fingerprint(index),
          comments: [{ thesisKey: 'dialogue', text: `comment of rater ${index}` }],
        }).expect(201);
        submitted.push(rater.id);
      }
    });

    it('while the round is open: no row about a person shares a transaction, lock or plaintext with a ballot', async () => {
      const joined = await database.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM invitations i JOIN ballots b ON b.xmin = i.xmin OR b.xmin::text = i.xmax::text
        WHERE i.round_id = ${roundId}::uuid`;
      const locked = await database.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM invitations WHERE round_id = ${roundId}::uuid AND xmax::text <> '0'`;
      const invitationXmins = await database.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(DISTINCT xmin::text) AS n FROM invitations WHERE round_id = ${roundId}::uuid`;
      expect(Number(joined[0]!.n)).toBe(0);
      expect(Number(locked[0]!.n)).toBe(0);
      // Every invitation of the round was written by the one transaction that opened it.
      expect(Number(invitationXmins[0]!.n)).toBe(1);
      const ballots = await database.db.ballot.findMany({ where: { roundId } });
      expect(ballots).toHaveLength(RATERS);
      for (const ballot of ballots) {
        expect(Buffer.from(ballot.sealed).toString('latin1')).not.toMatch(/comment of rater|dialogue/);
      }
      // Padded to one size class: lengths do not tell ballots apart.
      expect(new Set(ballots.map((ballot) => ballot.sealed.length)).size).toBe(1);
      // No marker is derivable from what the database holds about the invitation.
      const invitations = await database.db.invitation.findMany({ where: { roundId } });
      const markers = new Set(ballots.map((ballot) => ballot.marker));
      for (const invitation of invitations) {
        expect(markers.has(invitation.id)).toBe(false);
        expect(markers.has(invitation.tokenHash)).toBe(false);
      }
      expect(await database.db.response.count({ where: { roundId } })).toBe(0);
      expect(await database.db.comment.count({ where: { roundId } })).toBe(0);
      report.push(
        `  open round, xmin/xmax join ballots × invitations: ${joined[0]!.n} of ${RATERS} raters named`,
      );
    });

    describe('after the round closed', () => {
      beforeAll(async () => {
        await closeRound(roundId);
      });

      /** How many raters an ordering of the responses names, against submission order. */
      function named(orderedFingerprints: number[]): number {
        return orderedFingerprints.filter((print, position) => print === position).length;
      }

      async function responsesIn(order: 'ctid' | 'xmin') {
        const rows =
          order === 'ctid'
            ? await database.db.$queryRaw<{ id: string }[]>`
                SELECT id::text FROM responses WHERE round_id = ${roundId}::uuid ORDER BY ctid`
            : await database.db.$queryRaw<{ id: string }[]>`
                SELECT id::text FROM responses WHERE round_id = ${roundId}::uuid ORDER BY xmin::text::bigint, id`;
        const answers = await database.db.answer.findMany({
          where: { responseId: { in: rows.map((row) => row.id) } },
          select: { responseId: true, itemKey: true, score: true },
        });
        const prints = rows.map((row) => fingerprintOf(answers.filter((a) => a.responseId === row.id)));
        // Control: the fingerprints really do name every rater, so a "0 named" below means something.
        expect([...prints].sort((a, b) => a - b)).toEqual(Array.from({ length: RATERS }, (_, i) => i));
        return prints;
      }

      it('the xmin/xmax join names no one: every response, answer and comment has the closing transaction', async () => {
        const xmins = await database.db.$queryRaw<{ table_name: string; n: bigint }[]>`
          SELECT 'responses' AS table_name, count(DISTINCT xmin::text) AS n FROM responses WHERE round_id = ${roundId}::uuid
          UNION ALL SELECT 'answers', count(DISTINCT a.xmin::text) FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.round_id = ${roundId}::uuid
          UNION ALL SELECT 'comments', count(DISTINCT xmin::text) FROM comments WHERE round_id = ${roundId}::uuid`;
        for (const row of xmins) expect(Number(row.n)).toBe(1);
        const joined = await database.db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM invitations i JOIN responses r ON r.xmin = i.xmin OR r.xmin::text = i.xmax::text
          WHERE i.round_id = ${roundId}::uuid`;
        const commentsJoined = await database.db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM invitations i JOIN comments c ON c.xmin = i.xmin OR c.xmin::text = i.xmax::text
          WHERE i.round_id = ${roundId}::uuid`;
        expect(Number(joined[0]!.n)).toBe(0);
        expect(Number(commentsJoined[0]!.n)).toBe(0);
        expect(await database.db.ballot.count({ where: { roundId } })).toBe(0);
        report.push(
          `  closed round, xmin/xmax join: ${joined[0]!.n} responses and ${commentsJoined[0]!.n} comments tied to an invitation`,
        );
      });

      it('physical order (ctid) and transaction-id order do not follow submission order', async () => {
        // A random order names about one rater by chance; 8 of 12 happens with p < 1e-5.
        const byCtid = named(await responsesIn('ctid'));
        const byXmin = named(await responsesIn('xmin'));
        expect(byCtid).toBeLessThan(8);
        expect(byXmin).toBeLessThan(8);
        const comments = await database.db.$queryRaw<{ text: string }[]>`
          SELECT text FROM comments WHERE round_id = ${roundId}::uuid ORDER BY ctid`;
        const commentOrder = comments.map((c) => Number(c.text.replace('comment of rater ', '')));
        expect(named(commentOrder)).toBeLessThan(8);
        report.push(
          `  ctid order: ${byCtid} of ${RATERS} named (chance ≈ 1); xmin order: ${byXmin}; comment ctid order: ${named(commentOrder)}`,
        );
      });

      it('a plain data dump lists responses and comments in an order unrelated to who answered', async () => {
        let responseIds: string[];
        let commentTexts: string[];
        if (testEnv.databaseUrl) {
          const dump = execFileSync(
            'pg_dump',
            [
              '--data-only',
              '--table=responses',
              '--table=comments',
              '--table=answers',
              database.connectionString,
            ],
            { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
          );
          const section = (table: string) => {
            const start = dump.indexOf(`COPY public.${table} `);
            return dump.slice(dump.indexOf('\n', start) + 1, dump.indexOf('\n\\.', start)).split('\n');
          };
          responseIds = section('responses').map((line) => line.split('\t')[0]!);
          commentTexts = section('comments').map((line) => line.split('\t').at(-1)!);
        } else {
          // pg_dump cannot talk to the embedded server's newer version; it would COPY each table in
          // physical order, which is what an unordered scan returns.
          responseIds = (await database.db.$queryRaw<{ id: string }[]>`SELECT id::text FROM responses`).map(
            (r) => r.id,
          );
          commentTexts = (await database.db.$queryRaw<{ text: string }[]>`SELECT text FROM comments`).map(
            (c) => c.text,
          );
        }
        const ours = await database.db.response.findMany({ where: { roundId }, select: { id: true } });
        const ourIds = new Set(ours.map((r) => r.id));
        const dumped = responseIds.filter((id) => ourIds.has(id));
        expect(dumped).toHaveLength(RATERS);
        const answers = await database.db.answer.findMany({ where: { responseId: { in: dumped } } });
        const order = dumped.map((id) => fingerprintOf(answers.filter((a) => a.responseId === id)));
        const commentOrder = commentTexts
          .filter((text) => text.startsWith('comment of rater '))
          .map((text) => Number(text.replace('comment of rater ', '')));
        expect(commentOrder).toHaveLength(RATERS);
        expect(named(order)).toBeLessThan(8);
        expect(named(commentOrder)).toBeLessThan(8);
        report.push(
          `  ${testEnv.databaseUrl ? 'pg_dump --data-only' : 'unordered scan (dump order)'}: ${named(order)} responses and ${named(commentOrder)} comments of ${RATERS} in submission position`,
        );
      });

      it('responses carry no time, person or invitation, and random v4 ids', async () => {
        const columns = await database.db.$queryRaw<{ table_name: string; column_name: string }[]>`
          SELECT table_name, column_name FROM information_schema.columns
          WHERE table_name IN ('responses', 'answers', 'comments', 'ballots') ORDER BY table_name, column_name`;
        const names = columns.map((c) => `${c.table_name}.${c.column_name}`);
        expect(names.filter((name) => /rater_id|person|invitation|_at$|time|ip|agent/.test(name))).toEqual(
          [],
        );
        const ids = await database.db.response.findMany({ where: { roundId }, select: { id: true } });
        for (const { id } of ids)
          expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      });
    });
  });

  describe('follow-up answers (issue 10), read from the database', () => {
    const RATERS = 12;
    let team: Team;
    let roundId: string;

    beforeAll(async () => {
      team = await establishedTeam(RATERS);
      const first = await openRound(team);
      for (const [index, rater] of team.reports.entries()) {
        await submitAnswers(app, first.tokenOf(rater.email), { answers: fingerprint(index) }).expect(201);
      }
      await closeRound(first.round.id);
      const leader = await logIn(app, team.leader.email);
      await api()
        .put(`/api/v1/leaders/${team.leader.id}/focus/${first.round.id}`)
        .set(...bearer(leader.accessToken))
        .send({ shared: true, theses: [{ thesis: 'dialogue', commitment: 'Ask before I decide' }] })
        .expect(200);
      const second = await openRound(team);
      roundId = second.round.id;
      for (const [index, rater] of team.reports.entries()) {
        await submitAnswers(app, second.tokenOf(rater.email), {
          answers: [...fingerprint(index), { itemKey: 'follow-up.dialogue', score: (index % 4) + 1 }],
        }).expect(201);
      }
      // Sealed like every answer while the round is open: nothing about follow-ups outside the ballots.
      const ballots = await database.db.ballot.findMany({ where: { roundId } });
      for (const ballot of ballots)
        expect(Buffer.from(ballot.sealed).toString('latin1')).not.toMatch(/follow-up/);
      expect(await database.db.followUpRollup.count({ where: { roundId } })).toBe(0);
      await closeRound(roundId);
    });

    it('follow-up answers are stored like any answer: the closing transaction, random order, no new link', async () => {
      const rows = await database.db.$queryRaw<{ response_id: string; xmin: string }[]>`
        SELECT a.response_id::text, a.xmin::text FROM answers a JOIN responses r ON r.id = a.response_id
        WHERE r.round_id = ${roundId}::uuid AND a.item_key = 'follow-up.dialogue' ORDER BY a.ctid`;
      expect(rows).toHaveLength(RATERS);
      const closingXmins = await database.db.$queryRaw<{ xmin: string }[]>`
        SELECT DISTINCT xmin::text FROM responses WHERE round_id = ${roundId}::uuid`;
      expect(new Set(rows.map((row) => row.xmin))).toEqual(new Set(closingXmins.map((row) => row.xmin)));
      const answers = await database.db.answer.findMany({
        where: { responseId: { in: rows.map((row) => row.response_id) } },
        select: { responseId: true, itemKey: true, score: true },
      });
      const order = rows.map((row) => fingerprintOf(answers.filter((a) => a.responseId === row.response_id)));
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: RATERS }, (_, i) => i));
      const named = order.filter((print, position) => print === position).length;
      expect(named).toBeLessThan(8);
      report.push(`  follow-up answers in physical order: ${named} of ${RATERS} in submission position`);
    });

    it('the new tables hold no rater: follow-up rollups per group only, focus and items about the leader', async () => {
      const columns = await database.db.$queryRaw<{ table_name: string; column_name: string }[]>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_name IN ('follow_up_rollups', 'round_follow_ups', 'leader_focuses', 'leader_focus_theses')`;
      expect(
        columns
          .map((c) => `${c.table_name}.${c.column_name}`)
          .filter((name) => /rater_id|invitation|person|response_id|marker/.test(name)),
      ).toEqual([]);
      const rollups = await database.db.followUpRollup.findMany({ where: { roundId } });
      expect(rollups.map((r) => [r.raterGroup, r.responseCount, r.n, r.counts])).toEqual([
        ['direct_report', RATERS, RATERS, [3, 3, 3, 3]],
      ]);
    });
  });

  describe('an admin, over the API', () => {
    it('reminders say neither how many nor who: the deactivate-everyone-else trick reads the same either way', async () => {
      const bodies: unknown[] = [];
      for (const targetAnswers of [true, false]) {
        const team = await establishedTeam(5);
        const { round, tokenOf } = await openRound(team);
        const target = team.reports[0]!;
        if (targetAnswers)
          await submitAnswers(app, tokenOf(target.email), { answers: fingerprint(1) }).expect(201);
        for (const other of team.reports.slice(1)) {
          await asAdmin(api().patch(`/api/v1/people/${other.id}`))
            .send({ active: false })
            .expect(200);
        }
        const remind = await asAdmin(api().post(`/api/v1/rounds/${round.id}/remind`)).expect(200);
        await app.backgroundTasks.settled();
        bodies.push(remind.body);
        for (const other of team.reports.slice(1)) {
          await asAdmin(api().patch(`/api/v1/people/${other.id}`))
            .send({ active: true })
            .expect(200);
        }
        // Deactivating people during the round changed no invited count.
        const detail = await asAdmin(api().get(`/api/v1/rounds/${round.id}`)).expect(200);
        expect(detail.body.invitationCount).toBe(5);
      }
      expect(bodies[0]).toEqual(bodies[1]);
      expect(JSON.stringify(bodies[0])).not.toMatch(/\d/);
      report.push(
        `  remind with everyone else deactivated: the same reply whether the person answered or not`,
      );
    });

    it('participation counts stay hidden below k and do not move when people are deactivated', async () => {
      const team = await establishedTeam(4);
      const { round, tokenOf } = await openRound(team);
      for (const rater of team.reports.slice(0, 2)) {
        await submitAnswers(app, tokenOf(rater.email), { answers: fingerprint(2) }).expect(201);
      }
      const participation = async () =>
        (await asAdmin(api().get(`/api/v1/rounds/${round.id}`)).expect(200)).body.leaders[0].groups;
      const before = await participation();
      expect(before[0].participation).toEqual({ status: 'insufficient' });
      await asAdmin(api().patch(`/api/v1/people/${team.reports[3]!.id}`))
        .send({ active: false })
        .expect(200);
      expect(await participation()).toEqual(before);
    });

    it('watching the participation count while one colleague answers shows nothing: counts change only at fixed times', async () => {
      const { runSchedulerTick } = await import('@resonance/api/scheduler/scheduler-tick');
      const { testBallotKeys, TEST_WEB_URL } = await import('../support/test-app');
      const tick = (at: Date) =>
        runSchedulerTick({ db: database.db, ballotKeys: testBallotKeys, mailer, webUrl: TEST_WEB_URL }, at);
      const team = await establishedTeam(6);
      const { round, tokenOf } = await openRound(team);
      for (const [index, rater] of team.reports.slice(0, 4).entries()) {
        await submitAnswers(app, tokenOf(rater.email), { answers: fingerprint(index) }).expect(201);
      }
      const period = 6 * 3_600_000;
      const nextPeriod = new Date((Math.floor(Date.now() / period) + 1) * period + 60_000);
      await tick(nextPeriod);
      const groups = async () =>
        (await asAdmin(api().get(`/api/v1/rounds/${round.id}`)).expect(200)).body.leaders[0].groups;
      const watched = await groups();
      expect(watched[0].participation).toMatchObject({ status: 'shown', answered: 4, invited: 6 });
      // The admin watches a colleague send the survey, then looks again, and again.
      await submitAnswers(app, tokenOf(team.reports[4]!.email), { answers: fingerprint(4) }).expect(201);
      expect(await groups()).toEqual(watched);
      await tick(new Date(nextPeriod.getTime() + 3_600_000));
      expect(await groups()).toEqual(watched);
      // Only the next fixed snapshot, hours later, counts it — together with everyone else since.
      await tick(new Date(nextPeriod.getTime() + period));
      expect((await groups())[0].participation).toMatchObject({ answered: 5 });
      report.push(
        `  admin watching participation while one person answers: no change until the next 6-hour snapshot`,
      );
    });

    it('every link stays valid until used, and after close every link answers the same', async () => {
      const team = await establishedTeam(4);
      const { round, tokenOf } = await openRound(team);
      const used = tokenOf(team.reports[0]!.email);
      const unused = tokenOf(team.reports[1]!.email);
      await submitAnswers(app, used, { answers: fingerprint(3) }).expect(201);
      await asAdmin(api().post(`/api/v1/rounds/${round.id}/remind`)).expect(200);
      await app.backgroundTasks.settled();
      // The first email's link still works after a reminder.
      await api().get('/api/v1/survey').set('X-Invite-Token', unused).expect(200);
      await closeRound(round.id);
      const afterUsed = await api().get('/api/v1/survey').set('X-Invite-Token', used);
      const afterUnused = await api().get('/api/v1/survey').set('X-Invite-Token', unused);
      expect(expectProblem(afterUsed, 410).type).toMatch(/survey-closed$/);
      expect(afterUnused.status).toBe(410);
      expect(afterUnused.body).toEqual(afterUsed.body);
      const submitUsed = await submitAnswers(app, used, { answers: fingerprint(3) });
      const submitUnused = await submitAnswers(app, unused, { answers: fingerprint(3) });
      expect(submitUsed.status).toBe(410);
      expect(submitUnused.body).toEqual(submitUsed.body);
      report.push(`  after close: used and unused link both ${afterUsed.status}, identical bodies`);
    });

    it('a promise is kept: lowering k after a round ran with k = 5 shows nothing more of it', async () => {
      await asAdmin(api().patch('/api/v1/org/settings')).send({ anonymityThreshold: 5 }).expect(200);
      const team = await establishedTeam(4);
      const { round, tokenOf } = await openRound(team, ['direct_report', 'self']);
      for (const [index, rater] of team.reports.entries()) {
        await submitAnswers(app, tokenOf(rater.email), {
          answers: fingerprint(index),
          comments: [{ thesisKey: 'values', text: `four-person group ${index}` }],
        }).expect(201);
      }
      await closeRound(round.id);
      await asAdmin(api().patch('/api/v1/org/settings')).send({ anonymityThreshold: 3 }).expect(200);
      const leaderToken = (await logIn(app, team.leader.email)).accessToken;
      const dashboard = await api()
        .get(`/api/v1/results/leaders/${team.leader.id}`)
        .set(...bearer(leaderToken))
        .expect(200);
      expect(dashboard.body.k).toBe(5);
      expect(dashboard.body.groups[0].responses).toEqual({ status: 'insufficient' });
      expect(JSON.stringify(dashboard.body)).not.toContain('four-person group');
      const detail = await asAdmin(api().get(`/api/v1/rounds/${round.id}`)).expect(200);
      expect(detail.body).toMatchObject({ anonymityThreshold: 5, k: 5 });
      const heatmap = await asAdmin(api().get(`/api/v1/results/rounds/${round.id}/heatmap`)).expect(200);
      expect(heatmap.body.k).toBe(5);
      expect(
        heatmap.body.leaders[0].cells.every(
          (c: { stats: { status: string } }) => c.stats.status === 'insufficient',
        ),
      ).toBe(true);
      report.push(
        `  k lowered 5 → 3 after close: the 4-person group stays hidden (k used: ${dashboard.body.k})`,
      );
    });

    it('padding a team is visible to raters and to the admin before opening', async () => {
      const team = await establishedTeam(2);
      // The admin adds two addresses they control to the team of two.
      const planted = [];
      for (const name of ['Plant One', 'Plant Two']) {
        const created = await database.db.person.create({
          data: {
            orgId: admin.orgId,
            email: `${name.replace(' ', '.').toLowerCase()}@example.test`,
            name,
            managerId: team.leader.id,
          },
        });
        planted.push(created);
      }
      const round = await createRoundViaApi(app, admin.accessToken, {
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        schedule: true,
      });
      const before = await asAdmin(api().get(`/api/v1/rounds/${round.id}`)).expect(200);
      expect(before.body.paddingWarnings).toEqual([
        expect.objectContaining({
          leaderId: team.leader.id,
          raterGroup: 'direct_report',
          invited: 4,
          recentlyJoined: 2,
        }),
      ]);
      const sentBefore = mailer.sent.length;
      await asAdmin(api().post(`/api/v1/rounds/${round.id}/open`)).expect(200);
      await app.mailSender.drain();
      const realRater = team.reports[0]!;
      const token = tokenFromEmail(mailer.sent.slice(sentBefore).find((m) => m.to === realRater.email)!.text);
      const survey = await api().get('/api/v1/survey').set('X-Invite-Token', token).expect(200);
      expect(survey.body.anonymity.group).toEqual({ invited: 4, recentlyJoined: 2, recentDays: 30 });
      expect(survey.body.anonymity.explanation.join(' ')).toMatch(/2 of them joined/);
      report.push(
        `  padded team of 2 with 2 new addresses: survey says "4 invited, 2 joined in the last 30 days"`,
      );
    });
  });

  describe('a leader, across rounds', () => {
    it('cannot difference a team of 4 against the same 4 plus one joiner', async () => {
      const team = await establishedTeam(4);
      const leaderToken = (await logIn(app, team.leader.email)).accessToken;
      const first = await openRound(team, ['direct_report']);
      for (const [index, rater] of team.reports.entries()) {
        await submitAnswers(app, first.tokenOf(rater.email), { answers: fingerprint(index) }).expect(201);
      }
      await closeRound(first.round.id);
      const joiner = await database.db.person.create({
        data: {
          orgId: admin.orgId,
          email: `joiner-${Date.now()}@example.test`,
          name: 'Joiner',
          managerId: team.leader.id,
        },
      });
      const second = await openRound(team, ['direct_report']);
      for (const [index, rater] of [...team.reports, joiner].entries()) {
        await submitAnswers(app, second.tokenOf(rater.email), { answers: fingerprint(index + 40) }).expect(
          201,
        );
      }
      await closeRound(second.round.id);
      const dashboard = await api()
        .get(`/api/v1/results/leaders/${team.leader.id}`)
        .set(...bearer(leaderToken))
        .expect(200);
      expect(dashboard.body.round.id).toBe(second.round.id);
      expect(dashboard.body.groups[0]).toMatchObject({
        responses: { status: 'insufficient' },
        withheld: true,
      });
      for (const thesis of dashboard.body.theses) {
        expect(thesis.others).toEqual({ status: 'insufficient' });
        expect(thesis.change).toBeNull();
        expect(thesis.trend.at(-1).mean).toBeNull();
      }
      // The first round stays as it was released.
      const earlier = await api()
        .get(`/api/v1/results/leaders/${team.leader.id}?round=${first.round.id}`)
        .set(...bearer(leaderToken))
        .expect(200);
      expect(earlier.body.groups[0].responses).toEqual({ status: 'shown', count: 4 });
      report.push(`  team 4 → 4 + 1 joiner: second round withheld, 0 of 9 theses can be differenced`);
    });
  });

  describe('races and failure', () => {
    it('a submit racing the close lands before the shuffle or answers "closed"; nothing is half stored', async () => {
      const team = await establishedTeam(12);
      const { round, tokenOf } = await openRound(team);
      const early = team.reports.slice(0, 3);
      for (const [index, rater] of early.entries()) {
        await submitAnswers(app, tokenOf(rater.email), { answers: fingerprint(index) }).expect(201);
      }
      const racing = team.reports
        .slice(3)
        .map((rater, index) =>
          submitAnswers(app, tokenOf(rater.email), { answers: fingerprint(index + 3) }).then((r) => r),
        );
      const close = new Promise((resolve) => setTimeout(resolve, 5)).then(() =>
        asAdmin(api().post(`/api/v1/rounds/${round.id}/close`)).then((r) => r),
      );
      const [closed, ...results] = await Promise.all([close, ...racing]);
      expect(closed.status).toBe(200);
      const accepted = early.length + results.filter((r) => r.status === 201).length;
      expect(results.every((r) => r.status === 201 || r.status === 410)).toBe(true);
      expect(await database.db.response.count({ where: { roundId: round.id } })).toBe(accepted);
      expect(await database.db.answer.count({ where: { response: { roundId: round.id } } })).toBe(
        accepted * itemIds.length,
      );
      expect(await database.db.ballot.count({ where: { roundId: round.id } })).toBe(0);
      report.push(
        `  9 submits racing the close (after 3 earlier ones): ${accepted} accepted and counted, ${12 - accepted} told "closed", 0 lost`,
      );
    });

    it('a round open during the upgrade: answered invitations get no reminder, pending ones a working link', async () => {
      const team = await establishedTeam(3);
      const { round } = await openRound(team);
      const [answered, pending] = team.reports;
      // What the migration leaves: a used invitation's hash retired, a pending one with a random token.
      await database.db.invitation.updateMany({
        where: { roundId: round.id, raterId: answered!.id },
        data: { tokenHash: `retired:${answered!.id}` },
      });
      await database.db.invitation.updateMany({
        where: { roundId: round.id, raterId: pending!.id },
        data: { tokenHash: 'f'.repeat(64) },
      });
      const before = mailer.sent.length;
      await asAdmin(api().post(`/api/v1/rounds/${round.id}/remind`)).expect(200);
      await app.backgroundTasks.settled();
      const reminders = mailer.sent.slice(before);
      expect(reminders.map((mail) => mail.to)).not.toContain(answered!.email);
      const token = tokenFromEmail(reminders.find((mail) => mail.to === pending!.email)!.text);
      await submitAnswers(app, token, { answers: fingerprint(5) }).expect(201);
    });

    it('a lost or changed ballot secret stops the start with a clear message', async () => {
      const { deriveBallotKeys } = await import('@resonance/api/ballot-box/ballot-keys');
      const { BallotSecretError, verifyBallotSecret } = await import(
        '@resonance/api/ballot-box/ballot-secret'
      );
      const { testBallotKeys } = await import('../support/test-app');
      await verifyBallotSecret(database.db, testBallotKeys);
      await verifyBallotSecret(database.db, testBallotKeys);
      const wrong = deriveBallotKeys('a-different-ballot-secret-0123456789abcdef');
      await expect(verifyBallotSecret(database.db, wrong)).rejects.toThrow(BallotSecretError);
      await expect(verifyBallotSecret(database.db, wrong)).rejects.toThrow(/does not match/);
    });
  });
});
