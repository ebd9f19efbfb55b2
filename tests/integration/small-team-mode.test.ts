import { toGatedStatsView } from '@resonance/api/results/gated-stats-view';
import { groupsOf, loadRollups } from '@resonance/api/results/rollups';
import { leaderDashboardSchema } from '@resonance/contracts';
import { type GatedStats, gateLeaderRound, THESIS_KEYS, type ThesisKey } from '@resonance/domain';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  logIn,
  type SignedUpAdmin,
  signUpAdmin,
  uniqueEmail,
} from '../support/factories';
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

/** Each group scores every item alike, so a figure's mean tells which groups are in it. */
const SCORE = { direct_report: 5, peer: 3, manager: 1, self: 2 } as const;
type Group = keyof typeof SCORE;

/**
 * Issue 10's small-team mode, end to end over HTTP on both databases: a leader whose groups are
 * each below k gets one combined figure per round, only when the round opened with the mode on,
 * and never a group of their own, in the dashboard, the heatmap or the export.
 */
describe('small-team mode', () => {
  let database: TestDatabase;
  let app: TestApp;
  const mailer = capturingMailer();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const api = () => request(app.server);

  async function organisation(settings: { anonymityThreshold: number; smallTeamMode: boolean }) {
    const admin = await signUpAdmin(app);
    await setSettings(admin, settings);
    return admin;
  }
  const setSettings = (admin: SignedUpAdmin, settings: object) =>
    api()
      .patch('/api/v1/org/settings')
      .set(...bearer(admin.accessToken))
      .send(settings)
      .expect(200);

  /** Everyone joined long ago: no padding warnings get in the way. */
  async function establishedTeam(admin: SignedUpAdmin, reports: number, peers: number): Promise<Team> {
    const team = await createTeam(database.db, { orgId: admin.orgId, reports, peers });
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await database.db.person.updateMany({
      where: { orgId: admin.orgId },
      data: { createdAt: longAgo, teamSince: longAgo },
    });
    return team;
  }

  const roundView = async (admin: SignedUpAdmin, roundId: string) =>
    (
      await api()
        .get(`/api/v1/rounds/${roundId}`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body as { smallTeamMode: boolean | null };

  async function openRound(admin: SignedUpAdmin, team: Team, raterGroups: Group[]) {
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups,
      schedule: true,
    });
    // Before it opens, the round has no mode of its own yet: it takes the organisation's at opening.
    expect((await roundView(admin, round.id)).smallTeamMode).toBeNull();
    const before = mailer.sent.length;
    await api()
      .post(`/api/v1/rounds/${round.id}/open`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    await app.mailSender.drain();
    const emails = mailer.sent.slice(before);
    /** `followUp`: answers to the round's follow-up items (issue 10), by item key; null = can't judge. */
    const answer = async (email: string, group: Group, followUp: Record<string, number | null> = {}) => {
      const mail = emails.find((m) => m.to === email);
      if (!mail) throw new Error(`no invitation for ${email}`);
      const body = answerBody(() => SCORE[group], {
        comments: [{ thesisKey: 'dialogue', text: `${group} on dialogue` }],
        keepDoing: `${group} keep`,
      });
      const followUpAnswers = Object.entries(followUp).map(([itemKey, score]) => ({ itemKey, score }));
      await submitAnswers(app, tokenFromEmail(mail.text), {
        ...body,
        answers: [...body.answers, ...followUpAnswers],
      }).expect(201);
    };
    /** What the rater is told before answering: the survey page's notice and the email's. */
    const notice = async (email: string) => {
      const mail = emails.find((m) => m.to === email)!;
      const survey = await api()
        .get('/api/v1/survey')
        .set('X-Invite-Token', tokenFromEmail(mail.text))
        .expect(200);
      return { page: (survey.body.anonymity.explanation as string[]).join(' '), email: mail.text };
    };
    return { round, answer, notice };
  }

  async function everyoneAnswers(team: Team, answer: (email: string, group: Group) => Promise<void>) {
    for (const person of team.reports) await answer(person.email, 'direct_report');
    for (const person of team.peers) await answer(person.email, 'peer');
    await answer(team.manager.email, 'manager');
    await answer(team.leader.email, 'self');
  }

  const close = (admin: SignedUpAdmin, roundId: string) =>
    api()
      .post(`/api/v1/rounds/${roundId}/close`)
      .set(...bearer(admin.accessToken))
      .expect(200);

  async function dashboard(team: Team, roundId: string) {
    const token = (await logIn(app, team.leader.email)).accessToken;
    const body = (
      await api()
        .get(`/api/v1/results/leaders/${team.leader.id}?round=${roundId}`)
        .set(...bearer(token))
        .expect(200)
    ).body;
    expect(leaderDashboardSchema.parse(body)).toEqual(body);
    return body;
  }

  async function heatmapAndExport(admin: SignedUpAdmin, roundId: string) {
    const heatmap = (
      await api()
        .get(`/api/v1/results/rounds/${roundId}/heatmap`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body;
    const csv = await api()
      .get(`/api/v1/results/rounds/${roundId}/export.csv`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    return { heatmap, csvRows: csv.text.trim().split('\r\n').slice(1) };
  }

  const ALL_GROUPS: Group[] = ['direct_report', 'peer', 'manager', 'self'];

  it('combines 2 direct reports, 2 peers and 1 manager (k = 3) into one figure, and shows no group alone', async () => {
    const admin = await organisation({ anonymityThreshold: 3, smallTeamMode: true });
    const team = await establishedTeam(admin, 2, 2);
    const { round, answer, notice } = await openRound(admin, team, ALL_GROUPS);
    // The round keeps the mode it opened with: switching it off now changes nothing for it.
    await setSettings(admin, { smallTeamMode: false });
    // The round page says which mode the round runs in: the one it opened with.
    expect((await roundView(admin, round.id)).smallTeamMode).toBe(true);
    // Raters are told before they answer that small groups may be combined.
    const told = await notice(team.reports[0]!.email);
    expect(told.page).toMatch(/small groups can be combined/);
    expect(told.email).toMatch(/small groups can be combined/);
    await everyoneAnswers(team, answer);
    await close(admin, round.id);

    const body = await dashboard(team, round.id);
    expect(body.combinedGroups).toBe(true);
    expect(body.k).toBe(3);
    expect(body.groups.map((group: { responses: unknown }) => group.responses)).toEqual([
      { status: 'insufficient' },
      { status: 'insufficient' },
      { status: 'insufficient' },
    ]);
    for (const thesis of body.theses) {
      // 2 × 5 + 2 × 3 + 1 × 1 over 5 raters; the self-assessment (2) is not in it.
      expect(thesis.others).toMatchObject({ status: 'shown', n: 5, mean: 3.4 });
      expect(thesis.self).toEqual({ score: 2 });
      for (const group of thesis.groups) expect(group.stats).toEqual({ status: 'insufficient' });
    }
    const comments = body.theses.flatMap((thesis: { comments: string[] }) => thesis.comments);
    expect(comments.sort()).toEqual(
      [
        'direct_report on dialogue',
        'direct_report on dialogue',
        'manager on dialogue',
        'peer on dialogue',
        'peer on dialogue',
      ].sort(),
    );
    expect(body.keepDoing).not.toContain('self keep');
    expect(JSON.stringify(body)).not.toContain('self on dialogue');

    // Admins' views are built from groups that reach k on their own: none here.
    const { heatmap, csvRows } = await heatmapAndExport(admin, round.id);
    const row = heatmap.leaders.find((leader: { leaderId: string }) => leader.leaderId === team.leader.id);
    for (const cell of row.cells) expect(cell.stats).toEqual({ status: 'insufficient' });
    const leaderRows = csvRows
      .map((line) => line.split(','))
      .filter((cells) => cells[2] === team.leader.email);
    // 'all' and the three groups on each of the nine theses, every one without numbers.
    expect(leaderRows).toHaveLength(4 * THESIS_KEYS.length);
    for (const cells of leaderRows) {
      expect(cells[6]).toBe('insufficient');
      expect(cells.slice(7).join('')).toBe('');
    }

    // What the close stored is what the gate computes from the rollups with the round's mode.
    const rollups = await loadRollups(database.db, { roundIds: [round.id] });
    const gated = gateLeaderRound({
      k: 3,
      groups: groupsOf(rollups, round.id, team.leader.id, ALL_GROUPS),
      smallTeamMode: true,
      roundK: 3,
    });
    const stored = await database.db.leaderResult.findUniqueOrThrow({
      where: { roundId_leaderId_k: { roundId: round.id, leaderId: team.leader.id, k: 3 } },
      select: { combined: true, others: true },
    });
    const combined = stored.combined as unknown as Record<ThesisKey, GatedStats>;
    for (const thesis of THESIS_KEYS) {
      expect(toGatedStatsView(combined[thesis])).toEqual(toGatedStatsView(gated.theses[thesis].others));
      expect((stored.others as unknown as Record<ThesisKey, GatedStats>)[thesis]).toEqual({
        status: 'insufficient',
      });
    }
  });

  it('shows nothing for the same team when the round opened with the mode off', async () => {
    const admin = await organisation({ anonymityThreshold: 3, smallTeamMode: false });
    const team = await establishedTeam(admin, 2, 2);
    const { round, answer, notice } = await openRound(admin, team, ALL_GROUPS);
    // Switching the mode on after opening does not reach this round: its raters were not told.
    await setSettings(admin, { smallTeamMode: true });
    expect((await roundView(admin, round.id)).smallTeamMode).toBe(false);
    expect((await notice(team.reports[0]!.email)).page).not.toMatch(/combined/);
    await everyoneAnswers(team, answer);
    await close(admin, round.id);

    const body = await dashboard(team, round.id);
    expect(body.combinedGroups).toBe(false);
    for (const thesis of body.theses) {
      expect(thesis.others).toEqual({ status: 'insufficient' });
      expect(thesis.comments).toEqual([]);
      for (const group of thesis.groups) expect(group.stats).toEqual({ status: 'insufficient' });
    }
    expect(body.keepDoing).toEqual([]);
    const { heatmap } = await heatmapAndExport(admin, round.id);
    for (const cell of heatmap.leaders[0].cells) expect(cell.stats).toEqual({ status: 'insufficient' });
  });

  it('combines a stable team round after round, and withholds a combination that differs by one person', async () => {
    // k = 4: 3 direct reports and 2 peers are each below k, together 5.
    const admin = await organisation({ anonymityThreshold: 4, smallTeamMode: true });
    const team = await establishedTeam(admin, 3, 2);
    const first = await openRound(admin, team, ['direct_report', 'peer']);
    for (const person of team.reports) await first.answer(person.email, 'direct_report');
    for (const person of team.peers) await first.answer(person.email, 'peer');
    await close(admin, first.round.id);
    expect((await dashboard(team, first.round.id)).combinedGroups).toBe(true);
    // The same people again: the same combination, nothing to difference.
    const again = await openRound(admin, team, ['direct_report', 'peer']);
    for (const person of team.reports) await again.answer(person.email, 'direct_report');
    for (const person of team.peers) await again.answer(person.email, 'peer');
    await close(admin, again.round.id);
    expect((await dashboard(team, again.round.id)).combinedGroups).toBe(true);

    // One more peer: still below k on their own, but round 2 minus round 1 would be that person.
    const joiner = await createPerson(database.db, {
      orgId: admin.orgId,
      role: 'leader',
      managerId: team.manager.id,
      email: uniqueEmail('peer'),
    });
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await database.db.person.update({
      where: { id: joiner.id },
      data: { createdAt: longAgo, teamSince: longAgo },
    });
    const second = await openRound(admin, team, ['direct_report', 'peer']);
    for (const person of team.reports) await second.answer(person.email, 'direct_report');
    for (const person of [...team.peers, joiner]) await second.answer(person.email, 'peer');
    await close(admin, second.round.id);

    const body = await dashboard(team, second.round.id);
    expect(body.combinedGroups).toBe(false);
    expect(body.groups.every((group: { withheld: boolean }) => group.withheld)).toBe(true);
    for (const thesis of body.theses) {
      expect(thesis.others).toEqual({ status: 'insufficient' });
      expect(thesis.comments).toEqual([]);
      expect(thesis.change).toBeNull();
    }
    // The first round stays as released.
    expect((await dashboard(team, first.round.id)).combinedGroups).toBe(true);
  });

  it('combines the follow-up answers on a focus like the scores: all raters together, no group alone', async () => {
    const admin = await organisation({ anonymityThreshold: 3, smallTeamMode: true });
    const team = await establishedTeam(admin, 2, 2);
    const first = await openRound(admin, team, ['direct_report', 'peer']);
    for (const person of team.reports) await first.answer(person.email, 'direct_report');
    for (const person of team.peers) await first.answer(person.email, 'peer');
    await close(admin, first.round.id);
    const leader = (await logIn(app, team.leader.email)).accessToken;
    await api()
      .put(`/api/v1/leaders/${team.leader.id}/focus/${first.round.id}`)
      .set(...bearer(leader))
      .send({ shared: true, theses: [{ thesis: 'dialogue', commitment: 'I ask before I decide' }] })
      .expect(200);

    const second = await openRound(admin, team, ['direct_report', 'peer']);
    // Clearly better, somewhat better, no change, can't judge: 4 answered, 3 judged, 2 noticed.
    const followUps = [4, 3, 2, null];
    const raters = [...team.reports, ...team.peers];
    for (const [index, person] of raters.entries()) {
      await second.answer(person.email, index < team.reports.length ? 'direct_report' : 'peer', {
        'follow-up.dialogue': followUps[index]!,
      });
    }
    await close(admin, second.round.id);
    expect((await dashboard(team, second.round.id)).combinedGroups).toBe(true);

    const focus = (
      await api()
        .get(`/api/v1/leaders/${team.leader.id}/focus`)
        .set(...bearer(leader))
        .expect(200)
    ).body.focuses.find((entry: { round: { id: string } }) => entry.round.id === first.round.id);
    expect(focus.followUp.combinedGroups).toBe(true);
    const [dialogue] = focus.followUp.results;
    expect(dialogue.thesis).toBe('dialogue');
    expect(dialogue.others).toEqual({
      status: 'shown',
      n: 3,
      noticed: 2,
      counts: { clearly_better: 1, somewhat_better: 1, no_change: 1, worse: 0 },
      cantJudge: 1,
    });
    expect(dialogue.groups.map((group: { result: { status: string } }) => group.result.status)).toEqual([
      'insufficient',
      'insufficient',
    ]);
  });
});
