import type { LeaderDashboard, LeaderFocus, LeaderFocusList, Survey } from '@resonance/contracts';
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

const ITEMS = allItemIds(getQuestionnaire(1));

/**
 * Closing the loop, end to end through the API: round 1 closes → Lea sets two focus theses with
 * commitments and shares them (Noah sets one and keeps it to himself) → round 2 opens, its survey
 * shows Lea's commitments and asks the follow-up items → raters answer → round 2 closes → Lea's
 * focus shows the follow-up results through the gate, and her dashboard the trend since the focus.
 */
describe('the loop: focus, commitments, follow-up, progress', () => {
  let database: TestDatabase;
  let app: TestApp;
  const mailer = capturingMailer();
  let admin: SignedUpAdmin;
  let lea: Team;
  let noah: Team;
  const sessions = {} as Record<'lea' | 'noah', string>;
  const rounds = {} as Record<'first' | 'second', string>;
  let secondRoundInvites: { token: string; survey: Survey }[] = [];

  const api = () => request(app.server);
  const asAdmin = <T extends request.Test>(test: T) => test.set(...bearer(admin.accessToken));
  const LEA_FOCUS = {
    shared: true,
    theses: [
      { thesis: 'dialogue', commitment: 'I will ask for opinions before I decide, in every team meeting' },
      {
        thesis: 'criticism',
        commitment: 'I will thank whoever tells me I got something wrong',
        dueDate: '2027-06-30',
      },
    ],
  };

  /** Opens a round for both leaders and returns each invitation's token with its survey. */
  async function openRound(name: string) {
    const round = await createRoundViaApi(app, admin.accessToken, {
      name,
      leaderIds: [lea.leader.id, noah.leader.id],
      raterGroups: ['direct_report', 'manager', 'self'],
      schedule: true,
    });
    const before = mailer.sent.length;
    await asAdmin(api().post(`/api/v1/rounds/${round.id}/open`)).expect(200);
    await app.mailSender.drain();
    const invites = [];
    for (const email of mailer.sent.slice(before)) {
      const token = tokenFromEmail(email.text);
      const survey = (await api().get('/api/v1/survey?locale=en').set('X-Invite-Token', token).expect(200))
        .body as Survey;
      invites.push({ token, survey });
    }
    return { id: round.id, invites };
  }

  const body = (score: (item: string) => number | null, followUps: Record<string, number | null> = {}) => ({
    answers: [
      ...ITEMS.map((itemKey) => ({ itemKey, score: score(itemKey) })),
      ...Object.entries(followUps).map(([itemKey, value]) => ({ itemKey, score: value })),
    ],
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer });
    admin = await signUpAdmin(app);
    lea = await createTeam(database.db, { orgId: admin.orgId, reports: 5, peers: 0 });
    noah = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
    sessions.lea = (await logIn(app, lea.leader.email)).accessToken;
    sessions.noah = (await logIn(app, noah.leader.email)).accessToken;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('round 1 runs and closes; a focus cannot be set while it is open', async () => {
    const first = await openRound('Round 1');
    rounds.first = first.id;
    await api()
      .put(`/api/v1/leaders/${lea.leader.id}/focus/${first.id}`)
      .set(...bearer(sessions.lea))
      .send(LEA_FOCUS)
      .expect(409);
    expect(first.invites.every((invite) => invite.survey.followUp === null)).toBe(true);
    // Dialogue is weak in round 1.
    for (const { token } of first.invites)
      await submitAnswers(
        app,
        token,
        body((item) => (item.startsWith('dialogue.') ? 2 : 4)),
      ).expect(201);
    await asAdmin(api().post(`/api/v1/rounds/${first.id}/close`)).expect(200);
  });

  it('Lea sets two focus theses with commitments and shares them; Noah keeps his one to himself', async () => {
    const saved = await api()
      .put(`/api/v1/leaders/${lea.leader.id}/focus/${rounds.first}`)
      .set(...bearer(sessions.lea))
      .send(LEA_FOCUS)
      .expect(200);
    const focus = saved.body as LeaderFocus;
    expect(focus).toMatchObject({ shared: true, editable: true, followUp: null });
    expect(focus.theses.map((t) => [t.thesis, t.progress, t.dueDate])).toEqual([
      ['dialogue', 'not_started', null],
      ['criticism', 'not_started', '2027-06-30'],
    ]);
    await api()
      .put(`/api/v1/leaders/${noah.leader.id}/focus/${rounds.first}`)
      .set(...bearer(sessions.noah))
      .send({ shared: false, theses: [{ thesis: 'visibility', commitment: 'Lunch with the team weekly' }] })
      .expect(200);
    // Three at most, each thesis once.
    const four = ['dialogue', 'values', 'presence', 'renewal'].map((thesis) => ({ thesis, commitment: 'x' }));
    expectProblem(
      await api()
        .put(`/api/v1/leaders/${lea.leader.id}/focus/${rounds.first}`)
        .set(...bearer(sessions.lea))
        .send({ shared: true, theses: four }),
      400,
    );
    expectProblem(
      await api()
        .put(`/api/v1/leaders/${lea.leader.id}/focus/${rounds.first}`)
        .set(...bearer(sessions.lea))
        .send({ shared: true, theses: [LEA_FOCUS.theses[0], LEA_FOCUS.theses[0]] }),
      400,
    );
  });

  it("is the leader's own: admins read it but cannot change it, other leaders see nothing", async () => {
    const read = await asAdmin(api().get(`/api/v1/leaders/${lea.leader.id}/focus`)).expect(200);
    expect((read.body as LeaderFocusList).focuses).toHaveLength(1);
    await asAdmin(api().put(`/api/v1/leaders/${lea.leader.id}/focus/${rounds.first}`).send(LEA_FOCUS)).expect(
      403,
    );
    await api()
      .get(`/api/v1/leaders/${lea.leader.id}/focus`)
      .set(...bearer(sessions.noah))
      .expect(404);
    const through = await asAdmin(api().get(`/api/v1/rounds/${rounds.first}/follow-through`)).expect(200);
    expect(through.body).toMatchObject({ leaders: 2, withFocus: 2, shared: 1 });
  });

  it('round 2 opens: the survey shows what Lea shared and asks the follow-up items; the focus is fixed', async () => {
    const second = await openRound('Round 2');
    rounds.second = second.id;
    secondRoundInvites = second.invites;
    const leaReport = second.invites.find(
      (invite) =>
        invite.survey.leader.name === lea.leader.name && invite.survey.raterGroup === 'direct_report',
    )!.survey;
    expect(leaReport.followUp?.shared).toEqual([
      { thesis: 'dialogue', title: expect.any(String), commitment: LEA_FOCUS.theses[0]!.commitment },
      { thesis: 'criticism', title: expect.any(String), commitment: LEA_FOCUS.theses[1]!.commitment },
    ]);
    expect(leaReport.followUp?.items.map((item) => item.key)).toEqual([
      'follow-up.dialogue',
      'follow-up.criticism',
    ]);
    expect(leaReport.followUp?.items[0]?.text).toMatch(/^Since the last round, have you noticed a change in/);
    expect(leaReport.followUp?.options.map((option) => option.score)).toEqual([4, 3, 2, 1]);
    const leaSelf = second.invites.find(
      (invite) => invite.survey.leader.name === lea.leader.name && invite.survey.raterGroup === 'self',
    )!.survey;
    expect(leaSelf.followUp).toBeNull();
    // Not shared: nothing of Noah's commitment reaches his raters, only the neutral question.
    const noahReport = second.invites.find(
      (invite) =>
        invite.survey.leader.name === noah.leader.name && invite.survey.raterGroup === 'direct_report',
    )!.survey;
    expect(noahReport.followUp?.shared).toEqual([]);
    expect(JSON.stringify(noahReport)).not.toContain('Lunch with the team');

    // Fixed now: commitments cannot change, progress can.
    expectProblem(
      await api()
        .put(`/api/v1/leaders/${lea.leader.id}/focus/${rounds.first}`)
        .set(...bearer(sessions.lea))
        .send({ ...LEA_FOCUS, theses: [{ thesis: 'dialogue', commitment: 'Something else' }] }),
      409,
    );
    const progressed = await api()
      .put(`/api/v1/leaders/${lea.leader.id}/focus/${rounds.first}`)
      .set(...bearer(sessions.lea))
      .send({
        ...LEA_FOCUS,
        theses: [
          { ...LEA_FOCUS.theses[0]!, progress: 'under_way', progressNote: 'Started in March' },
          LEA_FOCUS.theses[1],
        ],
      })
      .expect(200);
    expect(progressed.body).toMatchObject({
      editable: false,
      followUp: { round: { id: second.id }, results: null },
    });
    expect(progressed.body.theses[0]).toMatchObject({
      progress: 'under_way',
      progressNote: 'Started in March',
    });
    await api()
      .delete(`/api/v1/leaders/${lea.leader.id}/focus/${rounds.first}`)
      .set(...bearer(sessions.lea))
      .expect(409);
  });

  it('raters must answer the follow-up items (can’t judge allowed), within their scale', async () => {
    const invite = secondRoundInvites.find(
      (i) => i.survey.leader.name === lea.leader.name && i.survey.raterGroup === 'direct_report',
    )!;
    expectProblem(
      await submitAnswers(
        app,
        invite.token,
        body(() => 4),
      ),
      400,
    );
    expectProblem(
      await submitAnswers(
        app,
        invite.token,
        body(() => 4, { 'follow-up.dialogue': 5, 'follow-up.criticism': null }),
      ),
      400,
    );
  });

  it('raters answer; round 2 closes; the follow-up results pass the gate', async () => {
    // Lea's five reports on dialogue: clearly, clearly, somewhat, no change, can't judge; on criticism
    // only two judge (below k). Her manager (one person) says clearly better on both.
    const dialogue = [4, 4, 3, 2, null];
    const criticism = [null, null, null, 4, 4];
    let report = 0;
    for (const { token, survey } of secondRoundInvites) {
      const followUps: Record<string, number | null> = {};
      for (const item of survey.followUp?.items ?? []) followUps[item.key] = 2;
      if (survey.leader.name === lea.leader.name && survey.raterGroup === 'direct_report') {
        followUps['follow-up.dialogue'] = dialogue[report]!;
        followUps['follow-up.criticism'] = criticism[report]!;
        report++;
      }
      if (survey.leader.name === lea.leader.name && survey.raterGroup === 'manager') {
        followUps['follow-up.dialogue'] = 4;
        followUps['follow-up.criticism'] = 4;
      }
      await submitAnswers(
        app,
        token,
        body((item) => (item.startsWith('dialogue.') ? 4 : 4), followUps),
      ).expect(201);
    }
    await asAdmin(api().post(`/api/v1/rounds/${rounds.second}/close`)).expect(200);

    const list = (
      await api()
        .get(`/api/v1/leaders/${lea.leader.id}/focus`)
        .set(...bearer(sessions.lea))
        .expect(200)
    ).body as LeaderFocusList;
    const [focus] = list.focuses;
    const [onDialogue, onCriticism] = focus!.followUp!.results!;
    expect(onDialogue).toEqual({
      thesis: 'dialogue',
      // 3 of 4 who judged noticed a change; the one "can't judge" is answered but no judgement.
      others: {
        status: 'shown',
        n: 4,
        noticed: 3,
        counts: { clearly_better: 2, somewhat_better: 1, no_change: 1, worse: 0 },
        cantJudge: 1,
      },
      groups: [
        {
          raterGroup: 'direct_report',
          identifiable: false,
          result: expect.objectContaining({ status: 'shown', n: 4 }),
        },
        // The manager is one person: below k, not in the total, labelled identifiable.
        { raterGroup: 'manager', identifiable: true, result: { status: 'insufficient' } },
      ],
    });
    expect(onCriticism!.others).toEqual({ status: 'insufficient' });
    expect(JSON.stringify(onCriticism)).not.toMatch(/"n"|noticed|counts/);
    // Noah's three reports all judged "no change": a group of exactly k is shown.
    const noahList = (await asAdmin(api().get(`/api/v1/leaders/${noah.leader.id}/focus`)).expect(200))
      .body as LeaderFocusList;
    expect(noahList.focuses[0]!.followUp!.results![0]!.others).toMatchObject({
      status: 'shown',
      n: 3,
      noticed: 0,
    });
  });

  it('the dashboard shows the thesis trend since the focus was set', async () => {
    const dashboard = (
      await api()
        .get(`/api/v1/results/leaders/${lea.leader.id}`)
        .set(...bearer(sessions.lea))
        .expect(200)
    ).body as LeaderDashboard;
    expect(dashboard.round.id).toBe(rounds.second);
    const trend = dashboard.theses.find((thesis) => thesis.thesis === 'dialogue')!.trend;
    const since = trend.slice(trend.findIndex((point) => point.roundId === rounds.first));
    expect(since.map((point) => point.roundId)).toEqual([rounds.first, rounds.second]);
    expect(since[1]!.mean! - since[0]!.mean!).toBeCloseTo(2, 5);
  });
});
