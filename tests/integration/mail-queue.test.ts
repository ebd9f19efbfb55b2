import { hashInvitationToken } from '@resonance/api/ballot-box/ballot-keys';
import { claimDueMails } from '@resonance/api/mail/mail-queue';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import {
  answerBody,
  createRoundViaApi,
  createTeam,
  submitAnswers,
  type Team,
  tokenFromEmail,
} from '../support/round-factories';
import { type SmtpMailbox, startSmtpMailbox } from '../support/smtp-mailbox';
import { createTestApp, type TestApp, testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const MINUTE = 60_000;

/**
 * The durable mail queue: invitation emails are queued in the transaction that opens a round and
 * sent afterwards by the API's mail sender, over a real SMTP server; the queue survives failures of
 * the relay and restarts of the API, and tells a database reader nothing about who answered.
 */
describe('the mail queue', () => {
  let database: TestDatabase;
  let mailbox: SmtpMailbox;
  let app: TestApp;
  let admin: SignedUpAdmin;

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    database = await createTestDatabase();
    app = await createTestApp(database.db, { env: { SMTP_URL: mailbox.url } });
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await mailbox?.close();
  });

  const queueOf = (roundId: string) =>
    database.db.mailQueueItem.findMany({ where: { roundId }, orderBy: { id: 'asc' } });

  async function scheduledRound(reports = 3): Promise<{ team: Team; roundId: string }> {
    const team = await createTeam(database.db, { orgId: admin.orgId, reports, peers: 0 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups: ['direct_report'],
      schedule: true,
    });
    return { team, roundId: round.id };
  }

  const open = (roundId: string, on: TestApp = app) =>
    request(on.server)
      .post(`/api/v1/rounds/${roundId}/open`)
      .set(...bearer(admin.accessToken));

  it('queues one email per invitation in the opening transaction, and sends nothing itself', async () => {
    const { roundId } = await scheduledRound(3);
    const before = mailbox.messages.length;
    const opened = await open(roundId).expect(200);
    expect(opened.body).toEqual({ roundId, state: 'open', invitationsCreated: 3, emailsQueued: 3 });
    const invitations = await database.db.invitation.findMany({ where: { roundId }, select: { id: true } });
    const queue = await queueOf(roundId);
    expect(queue.map((row) => row.invitationId).sort()).toEqual(invitations.map((i) => i.id).sort());
    expect(
      queue.every((row) => row.state === 'pending' && row.kind === 'invitation' && row.attempts === 0),
    ).toBe(true);
    expect(mailbox.messages.length).toBe(before);

    expect(await app.mailSender.drain()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(mailbox.messages.length).toBe(before + 3);
    const sent = await queueOf(roundId);
    // Sent rows forget their invitation: only a count remains.
    expect(
      sent.every((row) => row.state === 'sent' && row.invitationId === null && row.sentAt !== null),
    ).toBe(true);
    expect(await app.mailSender.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('queues nothing when the open fails, and everything when it is tried again', async () => {
    const { roundId } = await scheduledRound(3);
    // The last statement of the open fails: the invitations inserted before it must go too.
    await database.db.$executeRawUnsafe(`
      CREATE FUNCTION fail_queue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'mail queue refused'; END $$`);
    await database.db.$executeRawUnsafe(
      `CREATE TRIGGER fail_queue BEFORE INSERT ON mail_queue FOR EACH ROW EXECUTE FUNCTION fail_queue()`,
    );
    try {
      expectProblem(await open(roundId), 500);
    } finally {
      await database.db.$executeRawUnsafe('DROP TRIGGER fail_queue ON mail_queue');
      await database.db.$executeRawUnsafe('DROP FUNCTION fail_queue()');
    }
    expect((await database.db.round.findUniqueOrThrow({ where: { id: roundId } })).state).toBe('scheduled');
    expect(await database.db.invitation.count({ where: { roundId } })).toBe(0);
    expect(await queueOf(roundId)).toEqual([]);

    expect((await open(roundId).expect(200)).body.emailsQueued).toBe(3);
    expect((await app.mailSender.drain()).sent).toBe(3);
  });

  it('retries after the mail server refuses, with backoff, and gives up on a final refusal', async () => {
    const { team, roundId } = await scheduledRound(3);
    await open(roundId).expect(200);
    const now = new Date();
    const before = mailbox.messages.length;
    mailbox.rejectNext(3, 451);
    expect(await app.mailSender.drain({ now })).toEqual({ sent: 0, retrying: 3, failed: 0 });
    const waiting = await queueOf(roundId);
    expect(waiting.every((row) => row.state === 'pending' && row.attempts === 1)).toBe(true);
    expect(waiting.every((row) => row.invitationId !== null && row.dueAt!.getTime() > now.getTime())).toBe(
      true,
    );
    // The stored reason is the error code and status, never the relay's text or an address.
    expect(new Set(waiting.map((row) => row.lastError))).toEqual(new Set(['EMESSAGE 451']));
    // Not due again before the backoff ends.
    expect(await app.mailSender.drain({ now: new Date(now.getTime() + 1_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });

    mailbox.rejectNext(1, 550);
    const retried = await app.mailSender.drain({ now: new Date(now.getTime() + MINUTE) });
    expect(retried).toEqual({ sent: 2, retrying: 0, failed: 1 });
    expect(mailbox.messages.length).toBe(before + 2);
    const settled = await queueOf(roundId);
    expect(settled.filter((row) => row.state === 'sent')).toHaveLength(2);
    const [dead] = settled.filter((row) => row.state === 'failed');
    // A dead row forgets its invitation too: it must not say whose email failed.
    expect(dead).toMatchObject({ invitationId: null, attempts: 2, lastError: 'EMESSAGE 550' });
    const counts = await request(app.server)
      .get('/api/v1/dev/outbox')
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(counts.body.queue.failed).toBeGreaterThanOrEqual(1);
    expect(counts.body.queue.pending).toBe(0);
    // The one who got no email is reminded like everyone else who has not answered.
    const reached = new Set(mailbox.messages.slice(before).flatMap((mail) => mail.to));
    expect(team.reports.filter((report) => !reached.has(report.email))).toHaveLength(1);
  });

  it('gives up after the last attempt', async () => {
    const stubborn = await createTestApp(database.db, { env: { SMTP_URL: mailbox.url } });
    try {
      const { roundId } = await scheduledRound(1);
      await open(roundId, stubborn).expect(200);
      const now = Date.now();
      mailbox.rejectNext(100, 421);
      let outcome = { sent: 0, retrying: 0, failed: 0 };
      for (let attempt = 1; attempt <= 8; attempt++) {
        outcome = await stubborn.mailSender.drain({ now: new Date(now + attempt * 2 * 3_600_000) });
      }
      mailbox.rejectNext(0, 421);
      expect(outcome).toEqual({ sent: 0, retrying: 0, failed: 1 });
      expect(await queueOf(roundId)).toMatchObject([{ state: 'failed', attempts: 8, invitationId: null }]);
    } finally {
      await stubborn.close();
    }
  });

  it('survives a restart: rows claimed by a sender that died are sent once their lease ends', async () => {
    const { team, roundId } = await scheduledRound(4);
    await open(roundId).expect(200);
    const now = new Date();
    // A sender claims the batch and dies before sending (the process is killed).
    const claimed = await claimDueMails(database.db, {
      now,
      leaseUntil: new Date(now.getTime() + 5 * MINUTE),
      limit: 100,
    });
    expect(claimed.filter((mail) => team.reports.some((r) => r.email === mail.to))).toHaveLength(4);
    await app.close();

    const before = mailbox.messages.length;
    app = await createTestApp(database.db, { env: { SMTP_URL: mailbox.url } });
    // Still leased: another sender must not send them twice meanwhile.
    expect((await app.mailSender.drain({ now: new Date(now.getTime() + MINUTE) })).sent).toBe(0);
    // The restarted API's own loop picks them up once the lease ended (here: its clock says so).
    expect((await app.mailSender.drain({ now: new Date(now.getTime() + 6 * MINUTE) })).sent).toBe(4);
    expect(new Set(mailbox.messages.slice(before).flatMap((mail) => mail.to))).toEqual(
      new Set(team.reports.map((report) => report.email)),
    );

    // The loop started with the server sends without anyone draining.
    const next = await scheduledRound(2);
    app.mailSender.start();
    const count = mailbox.messages.length;
    await open(next.roundId).expect(200);
    await mailbox.waitFor(count + 2);
    await app.mailSender.stop();
  });

  it('holds no token, and nothing in it or its dead rows says who answered', async () => {
    const { team, roundId } = await scheduledRound(5);
    const before = mailbox.messages.length;
    await open(roundId).expect(200);
    const queued = await database.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT q.*, q.xmin::text AS xmin FROM mail_queue q WHERE round_id = '${roundId}'`,
    );
    const tokens = (await database.db.invitation.findMany({ where: { roundId }, select: { id: true } })).map(
      (invitation) => testBallotKeys.invitationToken(invitation.id),
    );
    const secrets = [...tokens, ...tokens.map(hashInvitationToken)];
    const dump = () =>
      database.db
        .$queryRawUnsafe<{ row: string }[]>('SELECT q::text AS row FROM mail_queue q')
        .then((rows) => rows.map((r) => r.row).join('\n'));
    for (const secret of secrets) expect(await dump()).not.toContain(secret);
    expect(queued).toHaveLength(5);

    await app.mailSender.drain();
    const emails = mailbox.messages.slice(before);
    const tokenOf = (email: string) => tokenFromEmail(emails.find((mail) => mail.to.includes(email))!.text);
    const answerers = team.reports.slice(0, 3);
    for (const rater of answerers) await submitAnswers(app, tokenOf(rater.email), answerBody()).expect(201);
    await request(app.server)
      .post(`/api/v1/rounds/${roundId}/remind`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    await app.backgroundTasks.settled();
    await mailbox.waitFor(before + 5 + 2);

    // After sending and a reminder: the same five rows, each only "one invitation email of this round
    // was sent"; no row names an invitation, reminders added none, and no row shares a transaction
    // with a ballot.
    const rows = await database.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT q.*, q.xmin::text AS xmin FROM mail_queue q WHERE round_id = '${roundId}'`,
    );
    expect(rows).toHaveLength(5);
    const comparable = rows.map(({ id: _id, xmin: _xmin, sent_at: _sentAt, ...rest }) => rest);
    expect(new Set(comparable.map((row) => JSON.stringify(row))).size).toBe(1);
    expect(comparable[0]).toMatchObject({
      invitation_id: null,
      state: 'sent',
      last_error: null,
      due_at: null,
    });
    const ballotXmins = await database.db.$queryRawUnsafe<{ xmin: string }[]>(
      `SELECT xmin::text AS xmin FROM ballots WHERE round_id = '${roundId}'`,
    );
    expect(ballotXmins).toHaveLength(3);
    for (const row of rows) expect(ballotXmins.map((b) => b.xmin)).not.toContain(row.xmin);
    // Queuing and sending never touched an invitation row (no foreign-key lock in its xmax either).
    const touched = await database.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM invitations WHERE round_id = '${roundId}' AND xmax::text <> '0'`,
    );
    expect(Number(touched[0]!.n)).toBe(0);
    for (const secret of secrets) expect(await dump()).not.toContain(secret);
  });
});
