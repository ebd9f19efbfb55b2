import type { GatedStats, LeaderDashboard, LeaderThesisResult } from '@resonance/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  expectProblem,
  logIn,
  type SignedUpAdmin,
  signUpAdmin,
} from '../support/factories';
import {
  capturingMailer,
  createRoundViaApi,
  createTeam,
  seedClosedRound,
  type Team,
  times,
} from '../support/round-factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DAY = 24 * 3_600_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);

/** Every `insufficient` object in a payload, wherever it is nested. */
function insufficientObjects(value: unknown, found: object[] = []): object[] {
  if (Array.isArray(value)) for (const item of value) insufficientObjects(item, found);
  else if (value && typeof value === 'object') {
    if ((value as { status?: unknown }).status === 'insufficient') found.push(value);
    for (const child of Object.values(value)) insufficientObjects(child, found);
  }
  return found;
}

describe('results through the privacy gate', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;
  let team: Team;
  let leaderToken: string;
  let rounds: { id: string }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer: capturingMailer() });
    admin = await signUpAdmin(app);
    team = await createTeam(database.db, { orgId: admin.orgId, reports: 6, peers: 2 });
    leaderToken = (await logIn(app, team.leader.email)).accessToken;
    const leader = team.leader.id;
    // Three closed rounds: dialogue rises clearly, values stays flat; peers (2) always below k.
    rounds = [];
    for (const [index, dialogue] of [2, 3, 5].entries()) {
      rounds.push(
        await seedClosedRound(database.db, {
          orgId: admin.orgId,
          name: `Round ${index + 1}`,
          opensAt: at(100 - index * 30 + 14),
          closesAt: at(100 - index * 30),
          responses: {
            [leader]: {
              direct_report: [
                ...times(3, {
                  score: { dialogue, values: 4 },
                  comments: [{ thesisKey: 'dialogue', text: `=HYPERLINK("x") r${index}` }],
                }),
                ...times(3, { score: { dialogue, values: 3 }, keepDoing: `Keep ${index}` }),
              ],
              peer: times(2, { score: 1, comments: [{ thesisKey: 'dialogue', text: 'peer only' }] }),
              manager: times(1, { score: 1 }),
              self: times(1, { score: { dialogue: 4, values: 5 } }),
            },
          },
        }),
      );
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const dashboard = (token: string, query = '') =>
    request(app.server)
      .get(`/api/v1/results/leaders/${team.leader.id}${query}`)
      .set(...bearer(token));
  const thesis = (body: LeaderDashboard, key: string) =>
    body.theses.find((t) => t.thesis === key) as LeaderThesisResult;
  const shown = (stats: GatedStats) => {
    if (stats.status !== 'shown') throw new Error('expected a shown figure');
    return stats;
  };

  it('shows the latest closed round with change, trend and self view to the leader', async () => {
    const { body } = await dashboard(leaderToken).expect(200);
    expect(body.round.id).toBe(rounds[2]!.id);
    expect(body.rounds.map((r: { id: string }) => r.id)).toEqual(rounds.map((r) => r.id));
    const dialogue = thesis(body, 'dialogue');
    expect(dialogue.others).toMatchObject({ status: 'shown', mean: 5, n: 6, favourablePercent: 100 });
    expect(dialogue.change).toMatchObject({ previousRoundId: rounds[1]!.id, previousMean: 3, delta: 2 });
    expect(dialogue.trend.map((point) => point.mean)).toEqual([2, 3, 5]);
    // The trend carries the self score per round; with one leader there is no organisation line.
    expect(dialogue.trend.map((point) => point.self)).toEqual([4, 4, 4]);
    expect(dialogue.trend.map((point) => point.orgMean)).toEqual([null, null, null]);
    expect(dialogue.self).toEqual({ score: 4 });
    expect(dialogue.selfOtherGap).toEqual({ gap: -1, kind: 'hidden_strength' });
    const values = thesis(body, 'values');
    expect(shown(values.others).mean).toBe(3.5);
    expect(values.change).toMatchObject({ delta: 0, beyondNoise: false });
    expect(shown(values.others).distributionPercent).toEqual([0, 0, 50, 50, 0]);
  });

  it('leaves groups below k out of every figure, comment and total', async () => {
    const { body } = await dashboard(leaderToken).expect(200);
    expect(body.groups).toEqual([
      {
        raterGroup: 'direct_report',
        identifiable: false,
        responses: { status: 'shown', count: 6 },
        withheld: false,
      },
      { raterGroup: 'peer', identifiable: false, responses: { status: 'insufficient' }, withheld: false },
      { raterGroup: 'manager', identifiable: true, responses: { status: 'insufficient' }, withheld: false },
    ]);
    // The peers' and manager's 1s would pull the total down if they were in it.
    expect(shown(thesis(body, 'dialogue').others).mean).toBe(5);
    expect(JSON.stringify(body)).not.toContain('peer only');
    expect(thesis(body, 'dialogue').comments).toHaveLength(3);
    expect(body.keepDoing).toEqual(['Keep 2', 'Keep 2', 'Keep 2']);
    for (const object of insufficientObjects(body)) expect(object).toEqual({ status: 'insufficient' });
    // Counts are shown openly, but only for groups that reach k: no count below 6 (the one shown
    // group) appears, and no raw sums or response counts at all.
    const counts = [...JSON.stringify(body).matchAll(/"(?:n|count)":(\d+)/g)].map((match) =>
      Number(match[1]),
    );
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((count) => count >= 6)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/"responseCount"|"sum"/);
  });

  it("hides the leader's self-assessment from admins", async () => {
    const { body } = await dashboard(admin.accessToken).expect(200);
    for (const entry of body.theses) {
      expect(entry.self).toBeNull();
      expect(entry.selfOtherGap).toBeNull();
      expect(entry.trend.every((point: { self: number | null }) => point.self === null)).toBe(true);
    }
  });

  it('leads with up to two strengths and two theses with potential, from shown figures only', async () => {
    const { body } = await dashboard(leaderToken).expect(200);
    const { strengths, potential } = (body as LeaderDashboard).highlights;
    // Dialogue (5.0) is the clear top; no thesis appears on both sides.
    expect(strengths[0]).toEqual({ thesis: 'dialogue', reason: 'highest_score' });
    expect(strengths.length).toBeLessThanOrEqual(2);
    expect(potential.length).toBeLessThanOrEqual(2);
    const picked = [...strengths, ...potential].map((highlight) => highlight.thesis);
    expect(new Set(picked).size).toBe(picked.length);
    for (const key of picked) expect(thesis(body, key).others.status).toBe('shown');
  });

  it('shows an older round on request, but nothing of a round that is not closed', async () => {
    const older = await dashboard(leaderToken, `?round=${rounds[0]!.id}`).expect(200);
    expect(thesis(older.body, 'dialogue').change).toBeNull();
    const open = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      schedule: true,
    });
    await request(app.server)
      .post(`/api/v1/rounds/${open.id}/open`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    for (const token of [leaderToken, admin.accessToken]) {
      expect(expectProblem(await dashboard(token, `?round=${open.id}`), 404).type).toMatch(
        /results-not-found$/,
      );
    }
    for (const path of ['heatmap', 'export.csv']) {
      const problem = expectProblem(
        await request(app.server)
          .get(`/api/v1/results/rounds/${open.id}/${path}`)
          .set(...bearer(admin.accessToken)),
        409,
      );
      expect(problem.type).toMatch(/results-not-released$/);
    }
  });

  it('follows the organisation threshold: with k = 7 the six direct reports are withheld too', async () => {
    await request(app.server)
      .patch('/api/v1/org/settings')
      .set(...bearer(admin.accessToken))
      .send({ anonymityThreshold: 7 })
      .expect(200);
    try {
      const { body } = await dashboard(leaderToken).expect(200);
      expect(body.k).toBe(7);
      expect(
        body.theses.every((entry: { others: { status: string } }) => entry.others.status === 'insufficient'),
      ).toBe(true);
      expect(body.theses.every((entry: { comments: string[] }) => entry.comments.length === 0)).toBe(true);
      expect(body.strongest).toBeNull();
    } finally {
      await request(app.server)
        .patch('/api/v1/org/settings')
        .set(...bearer(admin.accessToken))
        .send({ anonymityThreshold: 3 })
        .expect(200);
    }
  });

  it('benchmarks against the organisation only with at least three shown leaders', async () => {
    const { body } = await dashboard(leaderToken).expect(200);
    expect(thesis(body, 'dialogue').orgAverage).toEqual({ status: 'insufficient' });
    const others = [
      await createPerson(database.db, { orgId: admin.orgId, role: 'leader' }),
      await createPerson(database.db, { orgId: admin.orgId, role: 'leader' }),
    ];
    const round = await seedClosedRound(database.db, {
      orgId: admin.orgId,
      name: 'Benchmark round',
      opensAt: at(10),
      closesAt: at(5),
      responses: {
        [team.leader.id]: { direct_report: times(3, { score: 5 }) },
        [others[0]!.id]: { direct_report: times(3, { score: 3 }) },
        [others[1]!.id]: { direct_report: times(4, { score: 1 }) },
      },
    });
    const latest = await dashboard(leaderToken).expect(200);
    expect(latest.body.round.id).toBe(round.id);
    expect(thesis(latest.body, 'dialogue').orgAverage).toMatchObject({
      status: 'shown',
      mean: 2.8,
      n: 10,
    });
  });

  it('gives admins a heatmap and a CSV export built from the same gated figures', async () => {
    const heatmap = await request(app.server)
      .get(`/api/v1/results/rounds/${rounds[2]!.id}/heatmap`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(heatmap.body.leaders).toHaveLength(1);
    const cell = heatmap.body.leaders[0].cells.find((c: { thesis: string }) => c.thesis === 'dialogue');
    expect(cell.stats).toMatchObject({ status: 'shown', mean: 5 });

    const csv = await request(app.server)
      .get(`/api/v1/results/rounds/${rounds[2]!.id}/export.csv`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="resonance-round-3-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = csv.text
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const header = rows[0]!;
    expect(header).toEqual([
      'round',
      'leader',
      'leader_email',
      'rater_group',
      'identifiable',
      'thesis',
      'status',
      'mean',
      'ci95_low',
      'ci95_high',
      'favourable_percent',
      'n',
      'dist_1_percent',
      'dist_2_percent',
      'dist_3_percent',
      'dist_4_percent',
      'dist_5_percent',
    ]);
    const col = (name: string) => header.indexOf(name);
    const body = rows.slice(1);
    // 9 theses × (all + direct reports + peers + manager) + 9 organisation rows; never a self row.
    expect(body).toHaveLength(9 * 4 + 9);
    expect(body.some((row) => row[col('rater_group')] === 'self')).toBe(false);
    for (const row of body.filter(
      (r) => r[col('rater_group')] === 'peer' || r[col('rater_group')] === 'manager',
    )) {
      expect(row[col('status')]).toBe('insufficient');
      expect(row.slice(col('mean')).every((value) => value === '')).toBe(true);
    }
    const dialogueAll = body.find(
      (row) =>
        row[col('thesis')] === 'dialogue' &&
        row[col('rater_group')] === 'all' &&
        row[col('leader')] !== '(organisation average)',
    )!;
    expect(dialogueAll.slice(col('status'), col('mean') + 1)).toEqual(['shown', '5.00']);
    expect(body.find((row) => row[col('rater_group')] === 'manager')![col('identifiable')]).toBe('true');
    expect(csv.text).not.toContain('HYPERLINK');
  });
});
