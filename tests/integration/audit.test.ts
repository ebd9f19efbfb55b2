import { advanceRound } from '@resonance/api/scheduler/advance-round';
import type { AuditEvent, AuditList } from '@resonance/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createUserWithPassword,
  expectProblem,
  logIn,
  type SignedUpAdmin,
  signUpAdmin,
  unique,
  uniqueEmail,
} from '../support/factories';
import {
  answerBody,
  capturingMailer,
  createRoundViaApi,
  createTeam,
  HOUR,
  roundWindow,
  submitAnswers,
  tokenFromEmail,
} from '../support/round-factories';
import { createTestApp, TEST_WEB_URL, type TestApp, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('audit log', () => {
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

  const audit = (accessToken: string, query: Record<string, string | number> = {}) =>
    request(app.server)
      .get('/api/v1/audit')
      .query(query)
      .set(...bearer(accessToken));

  /** The whole log, walked page by page with the cursor, newest first. */
  async function walkLog(accessToken: string, limit = 200): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let before: string | null = null;
    do {
      const response = await audit(accessToken, { limit, ...(before ? { before } : {}) }).expect(200);
      const page = response.body as AuditList;
      events.push(...page.items);
      before = page.nextCursor;
    } while (before);
    return events;
  }

  const adminCall = (admin: SignedUpAdmin, method: 'post' | 'patch', path: string) =>
    request(app.server)
      [method](`/api/v1${path}`)
      .set(...bearer(admin.accessToken));

  it('records every admin action with the admin who did it and when', async () => {
    const admin = await signUpAdmin(app);
    const startedAt = Date.now() - 1000;

    await adminCall(admin, 'patch', '/org/settings')
      .send({ name: 'Audited AG', anonymityThreshold: 4 })
      .expect(200);

    const leaderEmail = uniqueEmail('leader');
    const reportEmail = uniqueEmail('report');
    const csv = `email,name,manager_email,role\n${leaderEmail},Lea Leader,,leader\n${reportEmail},Rita Report,${leaderEmail},member\n`;
    const importCsv = (query: string) =>
      adminCall(admin, 'post', `/people/import${query}`)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
    await importCsv('?dryRun=true');
    expect(await walkLog(admin.accessToken)).toHaveLength(1);
    await importCsv('');
    const leader = await database.db.person.findFirstOrThrow({ where: { email: leaderEmail } });
    const report = await database.db.person.findFirstOrThrow({ where: { email: reportEmail } });

    await adminCall(admin, 'patch', `/people/${report.id}`)
      .send({ role: 'leader', name: 'Rita R.' })
      .expect(200);
    await adminCall(admin, 'post', `/people/${leader.id}/invite-user`).expect(201);

    const round = await createRoundViaApi(app, admin.accessToken, {
      name: 'Audited round',
      leaderIds: [leader.id],
      raterGroups: ['direct_report'],
      schedule: false,
      ...roundWindow(24),
    });
    const roundPath = `/rounds/${round.id}`;
    await adminCall(admin, 'patch', roundPath).send({ name: 'Audited round, renamed' }).expect(200);
    await adminCall(admin, 'patch', roundPath).send({ schedule: true }).expect(200);
    await adminCall(admin, 'patch', roundPath).send({ schedule: false }).expect(200);
    await adminCall(admin, 'patch', roundPath)
      .send({ schedule: true, ...roundWindow(-1) })
      .expect(200);
    await adminCall(admin, 'post', `${roundPath}/open`).expect(200);
    await adminCall(admin, 'post', `${roundPath}/remind`).expect(200);
    await adminCall(admin, 'post', `${roundPath}/close`).expect(200);
    const finishedAt = Date.now() + 1000;

    const events = await walkLog(admin.accessToken);
    const chronological = [...events].reverse();
    expect(chronological.map((event) => event.action).sort()).toEqual(
      [
        'org.settings_changed',
        'people.imported',
        'person.updated',
        'user.login_link_sent',
        'round.created',
        'round.updated',
        'round.scheduled',
        'round.unscheduled',
        'round.updated',
        'round.scheduled',
        'round.opened',
        'round.reminded',
        'round.closed',
      ].sort(),
    );
    for (const event of events) {
      expect(event.actor).toEqual({ userId: admin.userId, email: admin.email });
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(startedAt);
      expect(Date.parse(event.at)).toBeLessThanOrEqual(finishedAt);
    }
    const times = chronological.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const only = (action: string) => {
      const found = events.filter((event) => event.action === action);
      expect(found, action).toHaveLength(1);
      return found[0]!;
    };
    expect(only('org.settings_changed')).toMatchObject({
      target: { type: 'organisation', id: admin.orgId },
      details: { name: { from: admin.orgName, to: 'Audited AG' }, anonymityThreshold: { from: 3, to: 4 } },
    });
    expect(only('people.imported')).toMatchObject({
      target: null,
      details: { format: 'csv', created: 2, updated: 0, unchanged: 0 },
    });
    expect(only('person.updated')).toMatchObject({
      target: { type: 'person', id: report.id },
      details: { role: { from: 'member', to: 'leader' }, name: { from: 'Rita Report', to: 'Rita R.' } },
    });
    expect(Object.keys(only('person.updated').details).sort()).toEqual(['name', 'role']);
    expect(only('user.login_link_sent')).toMatchObject({
      target: { type: 'person', id: leader.id },
      details: { role: 'leader' },
    });
    const roundTarget = { type: 'round', id: round.id };
    expect(only('round.created')).toMatchObject({
      target: roundTarget,
      details: {
        name: 'Audited round',
        state: 'draft',
        leaderCount: 1,
        raterGroups: ['direct_report'],
        reminderOffsetsHours: [],
        recurrence: 'none',
      },
    });
    const edits = events.filter((event) => event.action === 'round.updated').reverse();
    expect(edits.map((event) => event.details)).toEqual([
      { name: { from: 'Audited round', to: 'Audited round, renamed' } },
      {
        opensAt: { from: expect.any(String), to: expect.any(String) },
        closesAt: { from: expect.any(String), to: expect.any(String) },
      },
    ]);
    expect(only('round.unscheduled')).toMatchObject({ target: roundTarget, details: {} });
    expect(only('round.opened')).toMatchObject({ target: roundTarget, details: { invitationsCreated: 1 } });
    expect(only('round.reminded')).toMatchObject({ target: roundTarget, details: { manual: true } });
    expect(only('round.closed')).toMatchObject({ target: roundTarget, details: { nextRoundId: null } });
  });

  it('records the transitions the scheduler makes with the system as actor', async () => {
    const admin = await signUpAdmin(app);
    const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups: ['direct_report'],
      reminderOffsetsHours: [24],
      schedule: true,
      ...roundWindow(1),
    });
    const { opensAt, closesAt } = await database.db.round.findUniqueOrThrow({ where: { id: round.id } });
    const deps = { db: database.db, ballotKeys: testBallotKeys, mailer, webUrl: TEST_WEB_URL };
    const at = (time: number) => advanceRound(deps, { roundId: round.id, now: new Date(time) });
    expect((await at(opensAt.getTime() + 60_000)).opened).toBe(true);
    expect((await at(closesAt.getTime() - 23 * HOUR)).reminded).toBe(true);
    expect((await at(closesAt.getTime() + 60_000)).closed).toBe(true);

    const bySystem = (await walkLog(admin.accessToken)).filter((event) => event.actor === null);
    expect(bySystem.reverse().map(({ action, target, details }) => ({ action, target, details }))).toEqual([
      { action: 'round.opened', target: { type: 'round', id: round.id }, details: { invitationsCreated: 3 } },
      { action: 'round.reminded', target: { type: 'round', id: round.id }, details: { manual: false } },
      { action: 'round.closed', target: { type: 'round', id: round.id }, details: { nextRoundId: null } },
    ]);
  });

  it('walks every event exactly once with the cursor, even while new events are appended', async () => {
    const admin = await signUpAdmin(app);
    for (let index = 0; index < 7; index++) {
      await adminCall(admin, 'patch', '/org/settings')
        .send({ name: `Paged ${index}` })
        .expect(200);
    }
    const all = (await audit(admin.accessToken, { limit: 200 }).expect(200)).body as AuditList;
    expect(all.items).toHaveLength(7);
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((event) => event.details.name)).toEqual(
      [6, 5, 4, 3, 2, 1, 0].map((index) => ({
        from: index === 0 ? admin.orgName : `Paged ${index - 1}`,
        to: `Paged ${index}`,
      })),
    );

    const first = (await audit(admin.accessToken, { limit: 3 }).expect(200)).body as AuditList;
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    // Appended after the first page: it belongs to a fresh walk, not to the older pages.
    await adminCall(admin, 'patch', '/org/settings').send({ name: 'Paged later' }).expect(200);
    const seen = [...first.items];
    let before = first.nextCursor;
    while (before) {
      const page = (await audit(admin.accessToken, { limit: 3, before }).expect(200)).body as AuditList;
      seen.push(...page.items);
      before = page.nextCursor;
    }
    expect(seen.map((event) => event.id)).toEqual(all.items.map((event) => event.id));
    expect(new Set(seen.map((event) => event.id)).size).toBe(7);

    const walked = await walkLog(admin.accessToken, 2);
    expect(walked).toHaveLength(8);
    expect(new Set(walked.map((event) => event.id)).size).toBe(8);
    expect(walked[0]!.details.name).toEqual({ from: 'Paged 6', to: 'Paged later' });
  });

  it.each([
    ['garbage', 'not a cursor at all'],
    [
      'a date that is not one',
      Buffer.from('yesterday|0b9a3c4e-8f1d-4c2a-9e7b-5d6f7a8b9c0d').toString('base64url'),
    ],
    ['an id that is not one', Buffer.from('2027-03-01T10:20:30.456Z|42').toString('base64url')],
  ])('answers a malformed cursor (%s) with 400 problem+json', async (_name, before) => {
    const admin = await signUpAdmin(app);
    const problem = expectProblem(await audit(admin.accessToken, { before }), 400);
    expect(problem.errors).toEqual([{ field: 'querystring.before', message: expect.any(String) }]);
  });

  it('rejects a page size outside 1–200', async () => {
    const admin = await signUpAdmin(app);
    for (const limit of [0, 201]) expectProblem(await audit(admin.accessToken, { limit }), 400);
  });

  it('is for admins only, and each organisation sees only its own log', async () => {
    const admin = await signUpAdmin(app);
    await adminCall(admin, 'patch', '/org/settings').send({ anonymityThreshold: 5 }).expect(200);
    const leader = await createUserWithPassword(database.db, { orgId: admin.orgId, role: 'leader' });
    const session = await logIn(app, leader.email);
    expectProblem(await audit(session.accessToken), 403);
    expectProblem(await request(app.server).get('/api/v1/audit'), 401);

    const other = await signUpAdmin(app);
    const theirs = await walkLog(other.accessToken);
    const ours = await database.db.auditEvent.findMany({
      where: { orgId: admin.orgId },
      select: { id: true },
    });
    expect(ours.length).toBeGreaterThan(0);
    for (const { id } of ours) expect(theirs.map((event) => event.id)).not.toContain(id);
    expect(JSON.stringify(theirs)).not.toContain(admin.email);
  });

  it('refuses UPDATE and DELETE on stored events (append-only)', async () => {
    const admin = await signUpAdmin(app);
    await adminCall(admin, 'patch', '/org/settings').send({ anonymityThreshold: 6 }).expect(200);
    const [event] = await database.db.auditEvent.findMany({ where: { orgId: admin.orgId } });
    await expect(
      database.db.$executeRaw`
        UPDATE audit_events SET details = '{}'::jsonb, actor_email = 'someone@else' WHERE id = ${event!.id}::uuid`,
    ).rejects.toThrow(/append-only/);
    await expect(
      database.db.$executeRaw`DELETE FROM audit_events WHERE org_id = ${admin.orgId}::uuid`,
    ).rejects.toThrow(/append-only/);
    expect(await database.db.auditEvent.findUniqueOrThrow({ where: { id: event!.id } })).toEqual(event);
    const [listed] = ((await audit(admin.accessToken).expect(200)).body as AuditList).items;
    expect(listed).toMatchObject({ id: event!.id, details: { anonymityThreshold: { from: 3, to: 6 } } });
  });

  it('never holds answers, nor who answered or was reminded', async () => {
    const admin = await signUpAdmin(app);
    const team = await createTeam(database.db, { orgId: admin.orgId, reports: 4, peers: 2 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      schedule: true,
      ...roundWindow(-1),
    });
    const sentBefore = mailer.sent.length;
    await adminCall(admin, 'post', `/rounds/${round.id}/open`).expect(200);
    await app.mailSender.drain();
    const invitations = mailer.sent.slice(sentBefore);
    const raters = [...team.reports, ...team.peers, team.manager, team.leader];
    expect(invitations).toHaveLength(raters.length);

    const secrets = [unique('comment-text'), unique('keep-doing-text'), unique('start-doing-text')];
    for (const email of invitations
      .filter((sent) => team.reports.some((r) => r.email === sent.to))
      .slice(0, 3)) {
      await submitAnswers(
        app,
        tokenFromEmail(email.text),
        answerBody(() => 2, {
          comments: [{ thesisKey: 'visibility', text: secrets[0]! }],
          keepDoing: secrets[1]!,
          startDoing: secrets[2]!,
        }),
      ).expect(201);
    }
    const manager = invitations.find((sent) => sent.to === team.manager.email)!;
    await submitAnswers(
      app,
      tokenFromEmail(manager.text),
      answerBody(() => 5),
    ).expect(201);
    await adminCall(admin, 'post', `/rounds/${round.id}/remind`).expect(200);
    await adminCall(admin, 'post', `/rounds/${round.id}/close`).expect(200);

    const events = await walkLog(admin.accessToken);
    const roundEvents = events.filter((event) => event.target?.id === round.id);
    expect(roundEvents.map((event) => event.action).sort()).toEqual(
      ['round.closed', 'round.created', 'round.opened', 'round.reminded'].sort(),
    );
    expect(roundEvents.find((event) => event.action === 'round.reminded')!.details).toEqual({ manual: true });
    expect(roundEvents.find((event) => event.action === 'round.opened')!.details).toEqual({
      invitationsCreated: raters.length,
    });
    expect(Object.keys(roundEvents.find((event) => event.action === 'round.closed')!.details)).toEqual([
      'nextRoundId',
    ]);

    const stored = await database.db.auditEvent.findMany({ where: { orgId: admin.orgId } });
    const haystack = JSON.stringify([events.map((event) => event.details), stored.map((row) => row.details)]);
    for (const rater of raters) {
      expect(haystack).not.toContain(rater.email);
      expect(haystack).not.toContain(rater.id);
    }
    for (const secret of secrets) expect(haystack).not.toContain(secret);
    // No event points at a person of the round either.
    for (const event of events) expect(raters.map((rater) => rater.id)).not.toContain(event.target?.id);
  });
});
