import { toGatedStatsView } from '@resonance/api/results/gated-stats-view';
import { assembleLeaderDashboard } from '@resonance/api/results/leader-dashboard';
import { groupsOf, loadRollups } from '@resonance/api/results/rollups';
import type { StoredLeaderRound } from '@resonance/api/results/stored-results';
import { heatmapSchema, type LeaderDashboard, leaderDashboardSchema } from '@resonance/contracts';
import {
  effectiveThreshold,
  type GatedStats,
  gateHeatmap,
  gateLeaderComments,
  gateLeaderRound,
  gateOrgBenchmark,
  type RaterGroup,
  THESIS_KEYS,
  type ThesisKey,
} from '@resonance/domain';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPerson,
  createUserWithPassword,
  logIn,
  type SignedUpAdmin,
  signUpAdmin,
} from '../support/factories';
import { capturingMailer, seedClosedRound, times } from '../support/round-factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Each group answers every item with its own score, so any figure reveals which groups it contains. */
const GROUP_SCORE = { direct_report: 5, peer: 3, manager: 1 } as const;
type Group = keyof typeof GROUP_SCORE;

describe('results never show a figure built from fewer than k responses', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;
  let day = 400;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer: capturingMailer() });
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('for any group sizes and any k, in the dashboard, the heatmap and the export', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.record({ direct_report: fc.nat(6), peer: fc.nat(5), manager: fc.nat(3) }),
        async (k, sizes) => {
          await request(app.server)
            .patch('/api/v1/org/settings')
            .set(...bearer(admin.accessToken))
            .send({ anonymityThreshold: k })
            .expect(200);
          const leader = await createPerson(database.db, { orgId: admin.orgId, role: 'leader' });
          day -= 2;
          const round = await seedClosedRound(database.db, {
            orgId: admin.orgId,
            opensAt: new Date(Date.now() - (day + 1) * 86_400_000),
            closesAt: new Date(Date.now() - day * 86_400_000),
            responses: {
              [leader.id]: Object.fromEntries(
                (Object.keys(GROUP_SCORE) as Group[]).map((group) => [
                  group,
                  times(sizes[group], {
                    score: GROUP_SCORE[group],
                    comments: [{ thesisKey: 'values', text: `from ${group}` }],
                  }),
                ]),
              ),
            },
          });

          const shownGroups = (Object.keys(GROUP_SCORE) as Group[]).filter((group) => sizes[group] >= k);
          const shownN = shownGroups.reduce((total, group) => total + sizes[group], 0);
          const expectedMean =
            shownGroups.reduce((total, group) => total + GROUP_SCORE[group] * sizes[group], 0) / shownN;

          const dashboard = await request(app.server)
            .get(`/api/v1/results/leaders/${leader.id}?round=${round.id}`)
            .set(...bearer(admin.accessToken))
            .expect(200);
          for (const thesis of dashboard.body.theses) {
            for (const group of thesis.groups) {
              expect(group.stats.status).toBe(
                sizes[group.raterGroup as Group] >= k ? 'shown' : 'insufficient',
              );
              if (group.stats.status === 'insufficient')
                expect(group.stats).toEqual({ status: 'insufficient' });
            }
            if (shownGroups.length === 0) {
              expect(thesis.others).toEqual({ status: 'insufficient' });
              expect(thesis.comments).toEqual([]);
            } else {
              expect(thesis.others.mean).toBeCloseTo(expectedMean, 2);
            }
          }
          const comments = dashboard.body.theses.flatMap((thesis: { comments: string[] }) => thesis.comments);
          expect(comments.sort()).toEqual(
            shownGroups
              .flatMap((group) => times(sizes[group], { score: 0 }).map(() => `from ${group}`))
              .sort(),
          );

          const heatmap = await request(app.server)
            .get(`/api/v1/results/rounds/${round.id}/heatmap`)
            .set(...bearer(admin.accessToken))
            .expect(200);
          for (const cell of heatmap.body.leaders[0].cells) {
            if (shownGroups.length === 0) expect(cell.stats).toEqual({ status: 'insufficient' });
            else expect(cell.stats.mean).toBeCloseTo(expectedMean, 2);
          }

          const csv = await request(app.server)
            .get(`/api/v1/results/rounds/${round.id}/export.csv`)
            .set(...bearer(admin.accessToken))
            .expect(200);
          for (const line of csv.text.trim().split('\r\n').slice(1)) {
            const cells = line.split(',');
            const group = cells[3] as Group | 'all';
            const shown = group === 'all' ? shownGroups.length > 0 : sizes[group] >= k;
            expect(cells[6]).toBe(shown ? 'shown' : 'insufficient');
            if (!shown) expect(cells.slice(7).join('')).toBe('');
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 180_000);

  it('the stored organisation benchmark equals what the gate computes from the rollups, for any k before and after', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.integer({ min: 3, max: 6 }),
        fc.array(fc.record({ reports: fc.nat(6), score: fc.integer({ min: 1, max: 5 }) }), {
          minLength: 2,
          maxLength: 5,
        }),
        async (kAtClose, kLater, leaders) => {
          const setK = (k: number) =>
            request(app.server)
              .patch('/api/v1/org/settings')
              .set(...bearer(admin.accessToken))
              .send({ anonymityThreshold: k })
              .expect(200);
          await setK(kAtClose);
          const people: { id: string }[] = [];
          for (const _ of leaders)
            people.push(await createPerson(database.db, { orgId: admin.orgId, role: 'leader' }));
          day -= 2;
          const round = await seedClosedRound(database.db, {
            orgId: admin.orgId,
            opensAt: new Date(Date.now() - (day + 1) * 86_400_000),
            closesAt: new Date(Date.now() - day * 86_400_000),
            responses: Object.fromEntries(
              leaders.map((leader, index) => [
                people[index]!.id,
                { direct_report: times(leader.reports, { score: leader.score }) },
              ]),
            ),
          });
          for (const k of [kAtClose, kLater]) {
            await setK(k);
            const rollups = await loadRollups(database.db, { roundIds: [round.id] });
            const expected = gateOrgBenchmark({ k, cells: rollups, minLeaders: 3 });
            const dashboard = await request(app.server)
              .get(`/api/v1/results/leaders/${people[0]!.id}?round=${round.id}`)
              .set(...bearer(admin.accessToken))
              .expect(200);
            for (const thesis of dashboard.body.theses) {
              expect(thesis.orgAverage).toEqual(
                toGatedStatsView(expected[thesis.thesis as keyof typeof expected]),
              );
            }
          }
          const stored = await database.db.roundBenchmark.findMany({ where: { roundId: round.id } });
          expect(new Set(stored.map((row) => row.k))).toEqual(new Set([kAtClose, kLater]));
        },
      ),
      { numRuns: 15 },
    );
  }, 180_000);
  it('stored dashboards, heatmap and export equal what the gate computes from the rollups, for any k before and after', async () => {
    const setK = (k: number) =>
      request(app.server)
        .patch('/api/v1/org/settings')
        .set(...bearer(admin.accessToken))
        .send({ anonymityThreshold: k })
        .expect(200);
    // One leader with a login takes part in every run, so their dashboard gathers rounds closed at
    // different k: trend, change and benchmarks per round are checked too, and the self view.
    const regular = await createUserWithPassword(database.db, { orgId: admin.orgId });
    const regularToken = (await logIn(app, regular.email)).accessToken;
    const groupSizes = fc.record({
      direct_report: fc.nat(6),
      peer: fc.nat(4),
      manager: fc.nat(3),
      self: fc.nat(1),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.integer({ min: 3, max: 6 }),
        fc.array(fc.record({ sizes: groupSizes, score: fc.integer({ min: 1, max: 5 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        // Small-team mode as the round opened with it, and the k it promised (null: from before k
        // was fixed at opening, so a later lower k applies too).
        fc.boolean(),
        fc.option(fc.integer({ min: 3, max: 5 }), { nil: null }),
        async (kAtClose, kLater, leaders, smallTeamMode, roundK) => {
          await setK(kAtClose);
          const people = [{ id: regular.id }];
          for (const _ of leaders.slice(1))
            people.push(await createPerson(database.db, { orgId: admin.orgId, role: 'leader' }));
          day -= 2;
          const round = await seedClosedRound(database.db, {
            orgId: admin.orgId,
            opensAt: new Date(Date.now() - (day + 1) * 86_400_000),
            closesAt: new Date(Date.now() - day * 86_400_000),
            smallTeamMode,
            anonymityThreshold: roundK,
            responses: Object.fromEntries(
              leaders.map((leader, index) => [
                people[index]!.id,
                Object.fromEntries(
                  (Object.keys(leader.sizes) as RaterGroup[]).map((group) => [
                    group,
                    times(leader.sizes[group], {
                      // Scores differ by group, so a figure with a wrong group in it is a wrong figure.
                      score: { direct_report: leader.score, peer: 3, manager: 1, self: 4 }[group],
                      comments: [{ thesisKey: 'dialogue', text: `${group} on dialogue` }],
                      keepDoing: `${group} keep`,
                    }),
                  ]),
                ),
              ]),
            ),
          });
          for (const orgK of [kAtClose, kLater]) {
            await setK(orgK);
            const k = effectiveThreshold(roundK, orgK);
            for (const [token, includeSelf] of [
              [admin.accessToken, false],
              [regularToken, true],
            ] as const) {
              const read = () =>
                request(app.server)
                  .get(`/api/v1/results/leaders/${regular.id}?round=${round.id}`)
                  .set(...bearer(token))
                  .expect(200);
              const body = (await read()).body as LeaderDashboard;
              // The reply is not re-validated on the way out: it must match the contract exactly.
              expect(leaderDashboardSchema.parse(body)).toEqual(body);
              const expected = await gatedDashboard(regular.id, round.id, includeSelf);
              expect(withSortedComments(body)).toEqual(withSortedComments(expected));
              // Shuffled once when stored: every read shows the same order.
              expect((await read()).body).toEqual(body);
            }

            const rollups = await loadRollups(database.db, { roundIds: [round.id] });
            const gated = gateHeatmap({ k, cells: rollups });
            const heatmap = await request(app.server)
              .get(`/api/v1/results/rounds/${round.id}/heatmap`)
              .set(...bearer(admin.accessToken))
              .expect(200);
            expect(heatmapSchema.parse(heatmap.body)).toEqual(heatmap.body);
            expect(heatmap.body.k).toBe(k);
            expect(heatmap.body.leaders).toHaveLength(people.length);
            for (const row of heatmap.body.leaders) {
              const cells = gated.leaders.find((leader) => leader.leaderId === row.leaderId)?.theses;
              expect(row.cells).toEqual(
                THESIS_KEYS.map((thesis) => ({
                  thesis,
                  stats: toGatedStatsView(cells?.[thesis] ?? { status: 'insufficient' }),
                })),
              );
            }
            expect(heatmap.body.orgAverage).toEqual(
              THESIS_KEYS.map((thesis) => ({ thesis, stats: toGatedStatsView(gated.orgAverage[thesis]) })),
            );

            const csv = await request(app.server)
              .get(`/api/v1/results/rounds/${round.id}/export.csv`)
              .set(...bearer(admin.accessToken))
              .expect(200);
            const names = new Map(
              (
                await database.db.person.findMany({
                  where: { id: { in: people.map((person) => person.id) } },
                  select: { id: true, name: true },
                })
              ).map((person) => [person.name, person.id]),
            );
            const lines = csv.text.trim().split('\r\n').slice(1);
            for (const line of lines) {
              expect(line.split(',')).toHaveLength(17);
              const [, leaderName, , group, , thesis, status, mean] = line.split(',');
              const leaderId = names.get(leaderName!);
              let figure: GatedStats;
              if (!leaderId) figure = gated.orgAverage[thesis as ThesisKey];
              else {
                const result = gateLeaderRound({
                  k,
                  groups: groupsOf(rollups, round.id, leaderId, ['direct_report', 'peer', 'manager', 'self']),
                  includeSelf: false,
                }).theses[thesis as ThesisKey];
                figure =
                  group === 'all'
                    ? result.others
                    : result.groups.find((entry) => entry.raterGroup === group)!.stats;
              }
              expect(status).toBe(figure.status);
              const view = toGatedStatsView(figure);
              expect(mean).toBe(view.status === 'shown' ? view.mean.toFixed(2) : '');
            }
            expect(lines.filter((line) => line.split(',')[3] === 'self')).toEqual([]);
          }
          // A row per leader and k the round was read with; none for a k it was never read with.
          const stored = await database.db.leaderResult.findMany({
            where: { roundId: round.id },
            select: { k: true, leaderId: true },
          });
          const readWith = new Set([kAtClose, kLater].map((orgK) => effectiveThreshold(roundK, orgK)));
          expect(new Set(stored.map((row) => row.k))).toEqual(readWith);
          expect(stored).toHaveLength(people.length * readWith.size);
        },
      ),
      { numRuns: 12 },
    );
  }, 300_000);

  /**
   * What the dashboard must show, computed the way it was before results were stored: every
   * figure gated from the rollups on the spot, comments gated (in any order).
   */
  async function gatedDashboard(leaderId: string, roundId: string, includeSelf: boolean) {
    const db = database.db;
    const org = await db.organisation.findUniqueOrThrow({
      where: { id: admin.orgId },
      select: { anonymityThreshold: true },
    });
    const rounds = await db.round.findMany({
      where: { orgId: admin.orgId, state: { in: ['closed', 'archived'] }, subjects: { some: { leaderId } } },
      select: {
        id: true,
        name: true,
        opensAt: true,
        closesAt: true,
        raterGroups: true,
        anonymityThreshold: true,
        smallTeamMode: true,
        questionnaire: { select: { version: true } },
      },
      orderBy: [{ closesAt: 'asc' }, { id: 'asc' }],
    });
    const rollups = await loadRollups(db, { roundIds: rounds.map((round) => round.id) });
    const comments = await db.comment.findMany({
      where: { roundId, leaderId },
      select: { raterGroup: true, kind: true, thesisKey: true, text: true },
    });
    const perThesis = <T>(build: (thesis: ThesisKey) => T) =>
      Object.fromEntries(THESIS_KEYS.map((thesis) => [thesis, build(thesis)])) as Record<ThesisKey, T>;
    const stored: StoredLeaderRound[] = rounds.map((round) => {
      const k = effectiveThreshold(round.anonymityThreshold, org.anonymityThreshold);
      const groups = groupsOf(rollups, round.id, leaderId, round.raterGroups);
      const mode = { smallTeamMode: round.smallTeamMode, roundK: round.anonymityThreshold };
      const gated = gateLeaderRound({ k, groups, includeSelf, ...mode });
      const released = (kind: string) =>
        gateLeaderComments({
          k,
          ...mode,
          groups: groups.map((group) => ({
            ...group,
            comments: comments
              .filter((comment) => comment.kind === kind && comment.raterGroup === group.raterGroup)
              .map((comment) => ({ thesis: comment.thesisKey as ThesisKey | null, text: comment.text })),
          })),
          random: () => 0,
        });
      return {
        id: round.id,
        name: round.name,
        opensAt: round.opensAt,
        closesAt: round.closesAt,
        questionnaireVersion: round.questionnaire.version,
        selected: round.id === roundId,
        k: gated.k,
        others: perThesis((thesis) => gated.theses[thesis].others),
        combinedGroups: gated.combinedGroups,
        groups: {
          groups: gated.groups,
          theses: perThesis((thesis) =>
            gated.theses[thesis].groups.map((group) => ({ ...group, stats: toGatedStatsView(group.stats) })),
          ),
        },
        comments: {
          theses: perThesis((thesis) =>
            released('thesis')
              .filter((comment) => comment.thesis === thesis)
              .map((comment) => comment.text),
          ),
          keepDoing: released('keep_doing').map((comment) => comment.text),
          startDoing: released('start_doing').map((comment) => comment.text),
        },
        self: includeSelf
          ? perThesis((thesis) => {
              const { self, selfOtherGap } = gated.theses[thesis];
              return self ? { score: self.score, selfOtherGap } : null;
            })
          : null,
        benchmark: gateOrgBenchmark({
          k,
          cells: rollups.filter((rollup) => rollup.roundId === round.id),
          minLeaders: 3,
        }),
      };
    });
    const leader = await db.person.findUniqueOrThrow({
      where: { id: leaderId },
      select: { id: true, name: true },
    });
    const index = stored.findIndex((round) => round.selected);
    return JSON.parse(JSON.stringify(assembleLeaderDashboard(leader, stored, index))) as LeaderDashboard;
  }

  function withSortedComments(dashboard: LeaderDashboard) {
    return {
      ...dashboard,
      theses: dashboard.theses.map((thesis) => ({ ...thesis, comments: [...thesis.comments].sort() })),
      keepDoing: [...dashboard.keepDoing].sort(),
      startDoing: [...dashboard.startDoing].sort(),
    };
  }
});
