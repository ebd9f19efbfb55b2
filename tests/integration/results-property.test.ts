import { toGatedStatsView } from '@resonance/api/results/gated-stats-view';
import { loadRollups } from '@resonance/api/results/rollups';
import { gateOrgBenchmark } from '@resonance/domain';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createPerson, type SignedUpAdmin, signUpAdmin } from '../support/factories';
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
});
