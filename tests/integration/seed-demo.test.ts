import { DEMO_PASSWORD } from '@resonance/api/demo/demo-organisation';
import { seedDemo } from '@resonance/api/demo/seed-demo';
import type { Db } from '@resonance/db';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../support/factories';
import { createTestApp, type TestApp, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const NOW = new Date('2026-11-20T09:00:00Z');

/** Rollups keyed by what is stable across databases: round position, leader email, group, thesis. */
async function rollupFingerprint(db: Db) {
  const rounds = await db.round.findMany({ select: { id: true }, orderBy: { opensAt: 'asc' } });
  const position = new Map(rounds.map((round, index) => [round.id, index]));
  const leaders = new Map(
    (await db.person.findMany({ select: { id: true, email: true } })).map((person) => [
      person.id,
      person.email,
    ]),
  );
  const rollups = await db.resultRollup.findMany({
    select: {
      roundId: true,
      leaderId: true,
      raterGroup: true,
      thesisKey: true,
      responseCount: true,
      n: true,
      sum: true,
      favourable: true,
      distribution: true,
    },
  });
  return rollups
    .map(({ roundId, leaderId, sum, ...rest }) => ({
      round: position.get(roundId),
      leader: leaders.get(leaderId),
      // Summation order may differ between databases; the last bits of a float do not matter.
      sum: Number(sum.toFixed(9)),
      ...rest,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('demo seed', () => {
  let database: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    const result = await seedDemo({ db: database.db, ballotKeys: testBallotKeys, now: NOW, nodeEnv: 'test' });
    expect(result.seeded).toBe(true);
    app = await createTestApp(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('creates ~40 people: a director, an admin and five leaders who are peers, with teams of 4–8', async () => {
    const db = database.db;
    expect(await db.person.count()).toBe(40);
    const leaders = await db.person.findMany({
      where: { email: { startsWith: 'leader' } },
      select: { managerId: true, _count: { select: { reports: true } } },
    });
    expect(leaders).toHaveLength(5);
    expect(new Set(leaders.map((leader) => leader.managerId)).size).toBe(1);
    for (const leader of leaders) {
      expect(leader._count.reports).toBeGreaterThanOrEqual(4);
      expect(leader._count.reports).toBeLessThanOrEqual(8);
    }
  });

  it('has everyone in their team since before the first round: no demo round warns of new people', async () => {
    const units = await database.db.roundUnit.findMany({ select: { recentlyJoinedCount: true } });
    expect(units.length).toBeGreaterThan(0);
    expect(units.filter((unit) => unit.recentlyJoinedCount > 0)).toEqual([]);
  });

  it('has four closed quarterly rounds with rollups and one open round with unused invitations', async () => {
    const rounds = await database.db.round.findMany({
      select: {
        state: true,
        recurrence: true,
        opensAt: true,
        closesAt: true,
        _count: { select: { rollups: true, invitations: true, ballots: true } },
      },
      orderBy: { opensAt: 'asc' },
    });
    expect(rounds.map((round) => round.state)).toEqual(['closed', 'closed', 'closed', 'closed', 'open']);
    expect(rounds.every((round) => round.recurrence === 'quarterly')).toBe(true);
    for (const round of rounds.slice(0, 4)) expect(round._count.rollups).toBeGreaterThan(100);
    const open = rounds[4]!;
    expect(open.opensAt.getTime()).toBeLessThan(NOW.getTime());
    expect(open.closesAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(open._count.rollups).toBe(0);
    expect(open._count.invitations).toBeGreaterThan(30);
    // Some raters already answered the open round: their sealed ballots wait in the box.
    expect(open._count.ballots).toBeGreaterThan(0);
    expect(open._count.ballots).toBeLessThan(open._count.invitations);
    for (const round of rounds.slice(0, 4)) expect(round._count.ballots).toBe(0);
    expect(await database.db.outboxEmail.count()).toBeGreaterThan(30);
  });

  it('keeps one leader’s direct reports below k in every closed round, so suppression shows', async () => {
    const thomas = await database.db.person.findFirstOrThrow({
      where: { email: 'leader4@demo.resonance.local' },
    });
    const rollups = await database.db.resultRollup.findMany({
      where: { leaderId: thomas.id, raterGroup: 'direct_report', thesisKey: 'visibility' },
      select: { responseCount: true },
    });
    expect(rollups.map((rollup) => rollup.responseCount)).toEqual([2, 2, 2, 2]);
  });

  it('gives Markus Hoffmann a visible blind spot on taking criticism', async () => {
    const markus = await database.db.person.findFirstOrThrow({
      where: { email: 'leader2@demo.resonance.local' },
    });
    const rollups = await database.db.resultRollup.findMany({
      where: { leaderId: markus.id, thesisKey: 'criticism', n: { gt: 0 } },
      select: { raterGroup: true, n: true, sum: true },
    });
    const mean = (group: string) => {
      const rows = rollups.filter((row) => row.raterGroup === group);
      return rows.reduce((total, row) => total + row.sum, 0) / rows.reduce((total, row) => total + row.n, 0);
    };
    expect(mean('self') - mean('direct_report')).toBeGreaterThan(0.8);
  });

  it('lets theses move over time: channels improve across the organisation', async () => {
    const fingerprint = await rollupFingerprint(database.db);
    const channels = (round: number) => {
      const rows = fingerprint.filter(
        (r) => r.round === round && r.thesisKey === 'channels' && r.raterGroup !== 'self',
      );
      return rows.reduce((total, row) => total + row.sum, 0) / rows.reduce((total, row) => total + row.n, 0);
    };
    expect(channels(3)).toBeGreaterThan(channels(0) + 0.3);
  });

  it('stores German comments', async () => {
    const comments = await database.db.comment.findMany({ select: { text: true }, take: 200 });
    expect(comments.length).toBeGreaterThan(50);
    expect(comments.some((comment) => /[äöüß]/.test(comment.text))).toBe(true);
  });

  it('prints logins that work with the demo password', async () => {
    const login = await request(app.server)
      .post('/api/v1/auth/login')
      .send({ email: 'admin@demo.resonance.local', password: DEMO_PASSWORD })
      .expect(200);
    const me = await request(app.server)
      .get('/api/v1/me')
      .set(...bearer(login.body.accessToken))
      .expect(200);
    expect(me.body).toMatchObject({ role: 'admin', organisation: { name: 'Nordlicht Logistik GmbH' } });
    await request(app.server)
      .post('/api/v1/auth/login')
      .send({ email: 'leader1@demo.resonance.local', password: DEMO_PASSWORD })
      .expect(200);
  });

  it('never seeds a database that already has an organisation', async () => {
    const before = await database.db.person.count();
    const again = await seedDemo({ db: database.db, ballotKeys: testBallotKeys, now: NOW, nodeEnv: 'test' });
    expect(again).toMatchObject({ seeded: false });
    expect(await database.db.person.count()).toBe(before);
  });

  it('refuses in production', async () => {
    await expect(
      seedDemo({ db: database.db, ballotKeys: testBallotKeys, now: NOW, nodeEnv: 'production' }),
    ).rejects.toThrow(/production/);
  });

  it('is deterministic: the same moment gives the same results', async () => {
    const other = await createTestDatabase();
    try {
      await seedDemo({ db: other.db, ballotKeys: testBallotKeys, now: NOW, nodeEnv: 'test' });
      expect(await rollupFingerprint(other.db)).toEqual(await rollupFingerprint(database.db));
    } finally {
      await other.close();
    }
  });
});
