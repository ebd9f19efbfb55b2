import { runSchedulerTick } from '@resonance/api/scheduler/scheduler-tick';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, TEST_PASSWORD, unique } from '../support/factories';
import { answerBody, HOUR, tokenFromEmail } from '../support/round-factories';
import { type ReceivedMail, type SmtpMailbox, startSmtpMailbox } from '../support/smtp-mailbox';
import { createTestApp, TEST_WEB_URL, type TestApp, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The whole product once, through the public API and a real SMTP server: an admin signs up,
 * imports the org chart, schedules a round; it opens on time, raters answer through the links in
 * their emails, it closes on time, and the leader reads results in which groups below k are
 * suppressed.
 */
describe('the story: from signup to a leader reading results', () => {
  let database: TestDatabase;
  let app: TestApp;
  let mailbox: SmtpMailbox;
  const domain = `${unique('story')}.example`;
  const email = (name: string) => `${name}@${domain}`;
  const state: {
    admin?: string;
    leaToken?: string;
    people: Record<string, string>;
    roundId?: string;
    opensAt?: Date;
    closesAt?: Date;
    invitations: ReceivedMail[];
  } = { people: {}, invitations: [] };

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    database = await createTestDatabase();
    app = await createTestApp(database.db, { env: { SMTP_URL: mailbox.url } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await mailbox?.close();
  });

  const leaderEmails: Record<string, string> = { 'Lea Leader': email('lea'), 'Noah Newlead': email('noah') };
  /** Whom an invitation asks about: named in the subject, or the recipient for a self-assessment. */
  const isAbout = (mail: ReceivedMail, leader: string) =>
    mail.subject.includes(leader) ||
    (/self-assessment|Selbsteinschätzung/.test(mail.subject) && mail.to[0] === leaderEmails[leader]);
  const tick = (at: Date) =>
    runSchedulerTick(
      { db: database.db, ballotKeys: testBallotKeys, mailer: app.mailer, webUrl: TEST_WEB_URL },
      at,
    );
  const api = () => request(app.server);

  it('an admin signs up the organisation', async () => {
    const signup = await api()
      .post('/api/v1/auth/signup')
      .send({
        organisationName: 'Story GmbH',
        name: 'Ada Admin',
        email: email('ada'),
        password: TEST_PASSWORD,
        locale: 'en',
      })
      .expect(201);
    state.admin = signup.body.accessToken;
  });

  it('imports the org chart from a CSV exported by HR', async () => {
    const csv = [
      'email,name,manager_email,role',
      `${email('max')},Max Manager,,leader`,
      `${email('lea')},Lea Leader,${email('max')},leader`,
      `${email('noah')},Noah Newlead,${email('max')},leader`,
      `${email('pia')},Pia Peer,${email('max')},member`,
      ...[1, 2, 3, 4, 5].map((n) => `${email(`r${n}`)},Rita Report ${n},${email('lea')},member`),
      ...[1, 2].map((n) => `${email(`s${n}`)},Sam Small ${n},${email('noah')},member`),
    ].join('\n');
    const imported = await api()
      .post('/api/v1/people/import')
      .set(...bearer(state.admin!))
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(imported.body.created).toBe(11);
    const people = await api()
      .get('/api/v1/people?pageSize=100')
      .set(...bearer(state.admin!))
      .expect(200);
    for (const person of people.body.items) state.people[person.email.split('@')[0]] = person.id;
    // One rater reads German.
    await api()
      .patch(`/api/v1/people/${state.people.r5}`)
      .set(...bearer(state.admin!))
      .send({ locale: 'de' })
      .expect(200);
  });

  it('invites Lea to log in; she chooses her password from the email', async () => {
    await api()
      .post(`/api/v1/people/${state.people.lea}/invite-user`)
      .set(...bearer(state.admin!))
      .expect(201);
    const [setup] = await mailbox.waitFor(1);
    expect(setup!.to).toEqual([email('lea')]);
    const token = /\/set-password#t=([A-Za-z0-9_-]+)/.exec(setup!.text)?.[1];
    const session = await api()
      .post('/api/v1/auth/set-password')
      .set('X-Setup-Token', token!)
      .send({ password: 'leas own long password' })
      .expect(200);
    state.leaToken = session.body.accessToken;
  });

  it('schedules a quarterly round for Lea and Noah with all four rater groups', async () => {
    state.opensAt = new Date(Date.now() + HOUR);
    state.closesAt = new Date(state.opensAt.getTime() + 14 * 24 * HOUR);
    const round = await api()
      .post('/api/v1/rounds')
      .set(...bearer(state.admin!))
      .send({
        name: 'Q1 2027',
        leaderIds: [state.people.lea, state.people.noah],
        raterGroups: ['direct_report', 'peer', 'manager', 'self'],
        opensAt: state.opensAt.toISOString(),
        closesAt: state.closesAt.toISOString(),
        reminderOffsetsHours: [72],
        recurrence: 'quarterly',
        schedule: true,
      })
      .expect(201);
    expect(round.body).toMatchObject({ state: 'scheduled', leaderCount: 2, questionnaireVersion: 1 });
    state.roundId = round.body.id;
  });

  it('stays closed before its time, then opens on time and emails every rater over SMTP', async () => {
    expect((await tick(new Date(state.opensAt!.getTime() - 60_000))).opened).toEqual([]);
    expect((await tick(new Date(state.opensAt!.getTime() + 60_000))).opened).toEqual([state.roundId]);
    // The open queued the invitations in its transaction; the mail sender sends them over SMTP.
    expect(await app.mailSender.drain()).toEqual({ sent: 15, retrying: 0, failed: 0 });
    // Lea: 5 reports, 2 peers (Noah, Pia), Max, herself. Noah: 2 reports, 2 peers (Lea, Pia), Max, himself.
    const all = await mailbox.waitFor(1 + 9 + 6);
    state.invitations = all.slice(1);
    const invited = (leader: string) => state.invitations.filter((mail) => isAbout(mail, leader));
    expect(invited('Lea Leader')).toHaveLength(9);
    expect(invited('Noah Newlead')).toHaveLength(6);
    for (const mail of state.invitations) {
      // The token travels only in the fragment, never in a path or query.
      expect(mail.text).toMatch(new RegExp(`${TEST_WEB_URL}/survey#t=[A-Za-z0-9_-]{43}`));
      expect(mail.html).toContain('/survey#t=');
      expect(mail.text).not.toMatch(/[?&]t(oken)?=/);
    }
    const rita = state.invitations.find((mail) => mail.to[0] === email('r1'))!;
    expect(rita.text).toContain('Who sees what, and when');
    expect(rita.text).toContain('at least 3 people');
    const german = state.invitations.find((mail) => mail.to[0] === email('r5'))!;
    expect(german.subject).toBe('Ihr anonymes Feedback für Lea Leader');
    expect(german.text).toContain('Wer sieht was, und wann');
  });

  it('leaders see nothing of an open round', async () => {
    expectProblem(
      await api()
        .get(`/api/v1/results/leaders/${state.people.lea}`)
        .set(...bearer(state.leaToken!)),
      404,
    );
  });

  it('raters open the survey with the token from their email and answer once', async () => {
    const tokenFor = (rater: string, leader: string) =>
      tokenFromEmail(
        state.invitations.find((mail) => mail.to[0] === email(rater) && isAbout(mail, leader))!.text,
      );

    const survey = await api()
      .get('/api/v1/survey')
      .set('X-Invite-Token', tokenFor('r1', 'Lea Leader'))
      .expect(200);
    expect(survey.body).toMatchObject({
      perspective: 'other',
      leader: { name: 'Lea Leader' },
      raterGroup: 'direct_report',
      anonymity: { threshold: 3, identifiableGroup: false },
    });
    expect(survey.body.questionnaire.theses).toHaveLength(9);
    const self = await api()
      .get('/api/v1/survey?locale=de')
      .set('X-Invite-Token', tokenFor('lea', 'Lea Leader'))
      .expect(200);
    expect(self.body).toMatchObject({ perspective: 'self', locale: 'de', raterGroup: 'self' });
    expect(self.body.questionnaire.theses[0].items[0].text).toMatch(/^Ich /);

    // Lea's five direct reports: a clear strength on dialogue, weaker on channels.
    for (const [index, rater] of ['r1', 'r2', 'r3', 'r4', 'r5'].entries()) {
      const body = answerBody(
        (item) => (item.startsWith('dialogue') ? 5 : item.startsWith('channels') ? 2 : 3 + (index % 2)),
        {
          comments: [{ thesisKey: 'dialogue', text: `Listens well (${rater})` }],
          keepDoing: 'Weekly one-on-ones',
          startDoing: index === 0 ? 'Share the roadmap earlier' : '',
        },
      );
      await api()
        .post('/api/v1/survey/response')
        .set('X-Invite-Token', tokenFor(rater, 'Lea Leader'))
        .send(body)
        .expect(201);
    }
    // Two peers, the manager and Lea herself: all below k or identifiable.
    for (const rater of ['noah', 'pia', 'max']) {
      await api()
        .post('/api/v1/survey/response')
        .set('X-Invite-Token', tokenFor(rater, 'Lea Leader'))
        .send(answerBody(() => 1, { comments: [{ thesisKey: 'values', text: `Peer secret from ${rater}` }] }))
        .expect(201);
    }
    await api()
      .post('/api/v1/survey/response')
      .set('X-Invite-Token', tokenFor('lea', 'Lea Leader'))
      .send(answerBody((item) => (item.startsWith('channels') ? 5 : 4)))
      .expect(201);
    // Noah's two direct reports: a group below k.
    for (const rater of ['s1', 's2']) {
      await api()
        .post('/api/v1/survey/response')
        .set('X-Invite-Token', tokenFor(rater, 'Noah Newlead'))
        .send(answerBody(() => 2, { keepDoing: `Small team note from ${rater}` }))
        .expect(201);
    }
    const again = await api()
      .post('/api/v1/survey/response')
      .set('X-Invite-Token', tokenFor('r1', 'Lea Leader'))
      .send(answerBody());
    expect(expectProblem(again, 409).type).toMatch(/invitation-used$/);
  });

  it('while the round is open, the answers wait sealed in the ballot box', async () => {
    const ballots = await database.db.ballot.findMany({ where: { roundId: state.roundId! } });
    expect(ballots).toHaveLength(11);
    expect(await database.db.response.count({ where: { roundId: state.roundId! } })).toBe(0);
    for (const ballot of ballots)
      expect(Buffer.from(ballot.sealed).toString('latin1')).not.toMatch(/dialogue|channels/);
  });

  it('closes on time, computes the results and schedules the next quarter', async () => {
    const summary = await tick(new Date(state.closesAt!.getTime() + 60_000));
    expect(summary.closed).toEqual([state.roundId]);
    // The stored responses carry no person, invitation or time; the ballot box is empty.
    const columns = await database.db.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'responses' ORDER BY column_name`;
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'leader_id', 'rater_group', 'round_id']);
    const responses = await database.db.response.findMany({
      where: { roundId: state.roundId! },
      select: { id: true },
    });
    expect(responses).toHaveLength(11);
    for (const { id } of responses)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await database.db.ballot.count({ where: { roundId: state.roundId! } })).toBe(0);
    const rounds = await api()
      .get('/api/v1/rounds')
      .set(...bearer(state.admin!))
      .expect(200);
    const next = rounds.body.items.find(
      (round: { previousRoundId: string | null }) => round.previousRoundId === state.roundId,
    );
    expect(next).toMatchObject({ name: 'Q2 2027', state: 'scheduled', leaderCount: 2 });
    expect(new Date(next.opensAt).getUTCMonth()).toBe((state.opensAt!.getUTCMonth() + 3) % 12);
  });

  it('Lea reads her results: direct reports shown, peers and manager suppressed below k', async () => {
    const dashboard = await api()
      .get(`/api/v1/results/leaders/${state.people.lea}`)
      .set(...bearer(state.leaToken!))
      .expect(200);
    const body = dashboard.body;
    expect(body.round.id).toBe(state.roundId);
    expect(body.groups).toEqual([
      {
        raterGroup: 'direct_report',
        identifiable: false,
        responses: { status: 'shown', count: 5 },
        withheld: false,
      },
      { raterGroup: 'peer', identifiable: false, responses: { status: 'insufficient' }, withheld: false },
      { raterGroup: 'manager', identifiable: true, responses: { status: 'insufficient' }, withheld: false },
    ]);
    const dialogue = body.theses.find((t: { thesis: string }) => t.thesis === 'dialogue');
    // Others = direct reports only: the peers' and manager's 1s are left out of the total.
    expect(dialogue.others).toMatchObject({ status: 'shown', mean: 5, favourablePercent: 100, n: 5 });
    expect(dialogue.groups.find((g: { raterGroup: string }) => g.raterGroup === 'peer').stats).toEqual({
      status: 'insufficient',
    });
    expect(dialogue.comments.sort()).toEqual(
      ['r1', 'r2', 'r3', 'r4', 'r5'].map((r) => `Listens well (${r})`).sort(),
    );
    const channels = body.theses.find((t: { thesis: string }) => t.thesis === 'channels');
    expect(channels.self).toEqual({ score: 5 });
    expect(channels.selfOtherGap).toEqual({ gap: 3, kind: 'blind_spot' });
    expect(body.strongest).toBe('dialogue');
    expect(body.weakest).toBe('channels');
    expect(body.keepDoing).toHaveLength(5);
    expect(body.startDoing).toEqual(['Share the roadmap earlier']);
    expect(JSON.stringify(body)).not.toContain('Peer secret');
    console.info(
      `Lea's dashboard: dialogue ${dialogue.others.mean} (n = ${dialogue.others.n}), channels ${channels.others.mean} vs self ${channels.self.score} (${channels.selfOtherGap.kind}); peers and manager: insufficient`,
    );
  });

  it("Noah's only rater group is below k: every figure and comment is withheld", async () => {
    const dashboard = await api()
      .get(`/api/v1/results/leaders/${state.people.noah}`)
      .set(...bearer(state.admin!))
      .expect(200);
    for (const thesis of dashboard.body.theses) {
      expect(thesis.others).toEqual({ status: 'insufficient' });
      expect(thesis.comments).toEqual([]);
      expect(thesis.self).toBeNull();
    }
    expect(dashboard.body.keepDoing).toEqual([]);
    expect(dashboard.body.strongest).toBeNull();
  });

  it('Lea cannot open Noah’s results', async () => {
    expectProblem(
      await api()
        .get(`/api/v1/results/leaders/${state.people.noah}`)
        .set(...bearer(state.leaToken!)),
      404,
    );
  });

  it('the admin sees the heatmap and exports the same gated figures as CSV', async () => {
    const heatmap = await api()
      .get(`/api/v1/results/rounds/${state.roundId}/heatmap`)
      .set(...bearer(state.admin!))
      .expect(200);
    const lea = heatmap.body.leaders.find((l: { name: string }) => l.name === 'Lea Leader');
    const noah = heatmap.body.leaders.find((l: { name: string }) => l.name === 'Noah Newlead');
    expect(lea.cells.every((c: { stats: { status: string } }) => c.stats.status === 'shown')).toBe(true);
    expect(noah.cells.every((c: { stats: { status: string } }) => c.stats.status === 'insufficient')).toBe(
      true,
    );
    const csv = await api()
      .get(`/api/v1/results/rounds/${state.roundId}/export.csv`)
      .set(...bearer(state.admin!))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^round,leader,leader_email,rater_group,identifiable,thesis,status,mean/);
    expect(lines.filter((line) => line.includes('Noah Newlead') && line.includes(',shown,'))).toEqual([]);
    console.info(`Heatmap: Lea 9/9 cells shown, Noah 0/9 (below k); CSV ${lines.length - 1} rows`);
  });
});
