import type { Mailer, OutgoingEmail } from '@resonance/api/mail/mailer';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signUpAdmin } from '../support/factories';
import { createRoundViaApi, createTeam } from '../support/round-factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 7's reminder oracle by timing: if "send reminder" answered only after handing each email to
 * the relay, its latency would count the people who have not answered (deactivate everyone else,
 * remind, time the reply: did one chosen person answer?). The reply must not wait for the emails.
 */
describe('the manual reminder’s reply does not wait for its emails', () => {
  let database: TestDatabase;
  let app: TestApp;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const sent: OutgoingEmail[] = [];
  const mailer: Mailer = {
    transport: 'outbox',
    async send(email) {
      // Invitations go through; reminders hang until the test releases the relay.
      if (email.kind === 'reminder') await held;
      sent.push(email);
    },
    async close() {},
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer });
  });
  afterAll(async () => {
    release();
    await app?.close();
    await database?.close();
  });

  it('answers while the relay has not taken a single reminder', async () => {
    const admin = await signUpAdmin(app);
    const team = await createTeam(database.db, { orgId: admin.orgId, reports: 3, peers: 0 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups: ['direct_report'],
      schedule: true,
    });
    await request(app.server)
      .post(`/api/v1/rounds/${round.id}/open`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    await app.mailSender.drain();

    const reply = await request(app.server)
      .post(`/api/v1/rounds/${round.id}/remind`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(reply.body.status).toBe('sent');
    expect(sent.filter((email) => email.kind === 'reminder')).toHaveLength(0);

    release();
    await app.backgroundTasks.settled();
    expect(
      sent
        .filter((email) => email.kind === 'reminder')
        .map((email) => email.to)
        .sort(),
    ).toEqual(team.reports.map((person) => person.email).sort());
  });
});
