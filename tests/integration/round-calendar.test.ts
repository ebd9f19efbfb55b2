import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import { createRoundViaApi, createTeam, roundWindow } from '../support/round-factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface RoundBody {
  id: string;
  name: string;
  state: string;
  opensAt: string;
  closesAt: string;
  nextRoundId: string | null;
  allowedActions: string[];
}

describe('round calendars, open-round edits and archiving', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db);
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const as = (who: SignedUpAdmin) => ({
    get: (path: string) =>
      request(app.server)
        .get(`/api/v1${path}`)
        .set(...bearer(who.accessToken)),
    post: (path: string) =>
      request(app.server)
        .post(`/api/v1${path}`)
        .set(...bearer(who.accessToken)),
    patch: (path: string, body: object) =>
      request(app.server)
        .patch(`/api/v1${path}`)
        .set(...bearer(who.accessToken))
        .send(body),
  });

  /** Opens and closes a round by hand and returns the round its close scheduled. */
  async function runToNext(who: SignedUpAdmin, roundId: string): Promise<RoundBody> {
    await as(who).post(`/rounds/${roundId}/open`).expect(200);
    const closed = await as(who).post(`/rounds/${roundId}/close`).expect(200);
    expect(closed.body.nextRoundId).toEqual(expect.any(String));
    return (await as(who).get(`/rounds/${closed.body.nextRoundId}`).expect(200)).body as RoundBody;
  }

  describe("the organisation's time zone", () => {
    it('defaults to Europe/Berlin, is shown on /me, and accepts only zones Intl supports', async () => {
      const other = await signUpAdmin(app);
      expect((await as(other).get('/org/settings').expect(200)).body.timeZone).toBe('Europe/Berlin');
      for (const timeZone of ['Berlin', 'CET+1', 'Mars/Olympus_Mons', '', 'europe/berlin']) {
        const problem = expectProblem(await as(other).patch('/org/settings', { timeZone }), 400);
        expect(problem.errors?.map((error) => error.field)).toContain('body.timeZone');
      }
      const changed = await as(other).patch('/org/settings', { timeZone: 'America/New_York' }).expect(200);
      expect(changed.body.timeZone).toBe('America/New_York');
      expect((await as(other).get('/me').expect(200)).body.organisation.timeZone).toBe('America/New_York');
      const audit = await as(other).get('/audit').expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'org.settings_changed',
        details: { timeZone: { from: 'Europe/Berlin', to: 'America/New_York' } },
      });
    });
  });

  describe('a monthly series', () => {
    it('runs from 31 January over the month ends, at 09:00 Berlin time across the change to summer time', async () => {
      const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
      // 09:00 in Berlin (CET, UTC+1) on 31 January 2030; summer time starts on 31 March 2030.
      const first = await createRoundViaApi(app, admin.accessToken, {
        name: 'Puls Januar 2030',
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        opensAt: '2030-01-31T08:00:00.000Z',
        closesAt: '2030-02-14T17:00:00.000Z',
        recurrence: 'monthly',
        schedule: true,
      });
      const february = await runToNext(admin, first.id);
      expect(february).toMatchObject({
        name: 'Puls Februar 2030',
        state: 'scheduled',
        opensAt: '2030-02-28T08:00:00.000Z',
        closesAt: '2030-03-14T17:00:00.000Z',
      });
      const march = await runToNext(admin, february.id);
      // Not 28 March: computed from the series' first window, not from February's.
      expect(march).toMatchObject({
        name: 'Puls März 2030',
        opensAt: '2030-03-31T07:00:00.000Z',
        closesAt: '2030-04-14T16:00:00.000Z',
      });
      const april = await runToNext(admin, march.id);
      expect(april).toMatchObject({
        opensAt: '2030-04-30T07:00:00.000Z',
        closesAt: '2030-05-14T16:00:00.000Z',
      });
      const stored = await database.db.round.findUniqueOrThrow({
        where: { id: april.id },
        select: { seriesOpensAt: true, seriesIndex: true },
      });
      expect(stored).toEqual({ seriesOpensAt: new Date('2030-01-31T08:00:00.000Z'), seriesIndex: 3 });
    });

    it('keeps 09:00 in New York for an organisation in that zone', async () => {
      const other = await signUpAdmin(app);
      await as(other).patch('/org/settings', { timeZone: 'America/New_York' }).expect(200);
      const team = await createTeam(database.db, { orgId: other.orgId, reports: 3, peers: 0 });
      // 09:00 EST (UTC-5) on 20 February 2030; daylight saving time starts on 10 March 2030.
      const first = await createRoundViaApi(app, other.accessToken, {
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        opensAt: '2030-02-20T14:00:00.000Z',
        closesAt: '2030-03-06T22:00:00.000Z',
        recurrence: 'monthly',
        schedule: true,
      });
      const next = await runToNext(other, first.id);
      expect(next).toMatchObject({
        opensAt: '2030-03-20T13:00:00.000Z',
        closesAt: '2030-04-06T21:00:00.000Z',
      });
    });
  });

  describe('an open round', () => {
    it('can get a later closing time, a new name and other reminders, nothing its invitations promise', async () => {
      const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
      const round = await createRoundViaApi(app, admin.accessToken, {
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        ...roundWindow(-1, 48),
        schedule: true,
      });
      await as(admin).post(`/rounds/${round.id}/open`).expect(200);
      const opened = (await as(admin).get(`/rounds/${round.id}`).expect(200)).body as RoundBody;
      expect(opened.allowedActions).toEqual(['edit', 'close', 'remind']);

      const later = new Date(new Date(opened.closesAt).getTime() + 7 * 24 * 3_600_000).toISOString();
      const extended = await as(admin)
        .patch(`/rounds/${round.id}`, { closesAt: later, name: 'Extended', reminderOffsetsHours: [24] })
        .expect(200);
      expect(extended.body).toMatchObject({
        state: 'open',
        name: 'Extended',
        closesAt: later,
        reminderOffsetsHours: [24],
      });

      const earlier = new Date(new Date(later).getTime() - 3_600_000).toISOString();
      const cases: [object, string][] = [
        [{ closesAt: earlier }, 'body.closesAt'],
        [{ leaderIds: [team.leader.id, team.reports[0]!.id] }, 'body.leaderIds'],
        [{ raterGroups: ['direct_report', 'self'] }, 'body.raterGroups'],
        [{ opensAt: new Date().toISOString() }, 'body.opensAt'],
        [{ schedule: false }, 'body.schedule'],
      ];
      for (const [body, field] of cases) {
        const problem = expectProblem(await as(admin).patch(`/rounds/${round.id}`, body), 400);
        expect(problem.errors?.map((error) => error.field)).toContain(field);
      }
      const after = (await as(admin).get(`/rounds/${round.id}`).expect(200)).body;
      expect(after).toMatchObject({ closesAt: later, raterGroups: ['direct_report'], leaderCount: 1 });
    });
  });

  describe('archiving', () => {
    it('archives a closed round once: gone from the default list, listed on request, results kept', async () => {
      const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
      const round = await createRoundViaApi(app, admin.accessToken, {
        leaderIds: [team.leader.id],
        raterGroups: ['direct_report'],
        schedule: true,
      });
      expectProblem(await as(admin).post(`/rounds/${round.id}/archive`), 409);
      await as(admin).post(`/rounds/${round.id}/open`).expect(200);
      expectProblem(await as(admin).post(`/rounds/${round.id}/archive`), 409);
      await as(admin).post(`/rounds/${round.id}/close`).expect(200);
      const closed = (await as(admin).get(`/rounds/${round.id}`).expect(200)).body as RoundBody;
      expect(closed.allowedActions).toEqual(['archive']);

      const archived = await as(admin).post(`/rounds/${round.id}/archive`).expect(200);
      expect(archived.body).toEqual({ roundId: round.id, state: 'archived' });
      expectProblem(await as(admin).post(`/rounds/${round.id}/archive`), 409);
      expectProblem(await as(admin).patch(`/rounds/${round.id}`, { name: 'No' }), 409);

      const ids = async (query: string) =>
        ((await as(admin).get(`/rounds${query}`).expect(200)).body.items as RoundBody[]).map((r) => r.id);
      expect(await ids('')).not.toContain(round.id);
      expect(await ids('?archived=include')).toContain(round.id);
      expect(await ids('?archived=only')).toEqual([round.id]);
      expectProblem(await as(admin).get('/rounds?archived=maybe'), 400);

      const detail = (await as(admin).get(`/rounds/${round.id}`).expect(200)).body as RoundBody;
      expect(detail).toMatchObject({ state: 'archived', allowedActions: [] });
      const results = await as(admin).get(`/results/leaders/${team.leader.id}`).expect(200);
      expect(results.body.round.id).toBe(round.id);
      const audit = await as(admin).get('/audit').expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'round.archived',
        target: { type: 'round', id: round.id },
      });
    });
  });
});
