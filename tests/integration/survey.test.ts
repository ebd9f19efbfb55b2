import { Writable } from 'node:stream';
import { buildApp } from '@resonance/api';
import { SURVEY_SUBMITS_PER_MINUTE } from '@resonance/api/survey/routes';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, type SignedUpAdmin, signUpAdmin } from '../support/factories';
import {
  answerBody,
  capturingMailer,
  createRoundViaApi,
  createTeam,
  submitAnswers,
  tokenFromEmail,
} from '../support/round-factories';
import { createTestApp, type TestApp, testAppEnv } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('anonymous answering', () => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: SignedUpAdmin;
  const mailer = capturingMailer();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database.db, { mailer });
    admin = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Opens a round for a new team and returns one invitation token per direct report. */
  async function openRoundWithTokens(reports = 3) {
    const team = await createTeam(database.db, { orgId: admin.orgId, reports, peers: 0 });
    const round = await createRoundViaApi(app, admin.accessToken, {
      leaderIds: [team.leader.id],
      raterGroups: ['direct_report', 'self'],
      schedule: true,
    });
    const before = mailer.sent.length;
    await request(app.server)
      .post(`/api/v1/rounds/${round.id}/open`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    await app.mailSender.drain();
    const emails = mailer.sent.slice(before);
    const tokens = team.reports.map((report) =>
      tokenFromEmail(emails.find((email) => email.to === report.email)!.text),
    );
    const selfToken = tokenFromEmail(emails.find((email) => email.to === team.leader.email)!.text);
    return { team, round, tokens, selfToken };
  }

  const closeViaApi = (roundId: string) =>
    request(app.server)
      .post(`/api/v1/rounds/${roundId}/close`)
      .set(...bearer(admin.accessToken))
      .expect(200);

  describe('submitting', () => {
    it('lets exactly one of 50 concurrent submits with one token win', async () => {
      const { round, tokens } = await openRoundWithTokens(3);
      // A separate app instance, so this burst does not use up the rate limit of the others.
      const burstApp = await createTestApp(database.db, { mailer });
      try {
        const body = answerBody(() => 4);
        const responses = await Promise.all(
          Array.from({ length: 50 }, () => submitAnswers(burstApp, tokens[0]!, body)),
        );
        const statuses = responses.map((response) => response.status).sort();
        expect(statuses.filter((status) => status === 201)).toHaveLength(1);
        expect(statuses.filter((status) => status === 409)).toHaveLength(49);
        for (const response of responses.filter((r) => r.status === 409)) {
          expect(expectProblem(response, 409).type).toMatch(/invitation-used$/);
        }
      } finally {
        await burstApp.close();
      }
      expect(await database.db.ballot.count({ where: { roundId: round.id } })).toBe(1);
      await closeViaApi(round.id);
      expect(await database.db.response.count({ where: { roundId: round.id } })).toBe(1);
      expect(await database.db.answer.count({ where: { response: { roundId: round.id } } })).toBe(27);
    });

    it('stores comments apart from the response, without person or time', async () => {
      const { round, tokens } = await openRoundWithTokens(3);
      await submitAnswers(
        app,
        tokens[0]!,
        answerBody(() => null, {
          comments: [
            { thesisKey: 'dialogue', text: '  Asks before deciding.  ' },
            { thesisKey: 'values', text: '   ' },
          ],
          keepDoing: 'Stand-ups',
        }),
      ).expect(201);
      // Sealed until the round closes, then stored apart from the response.
      expect(await database.db.comment.count({ where: { roundId: round.id } })).toBe(0);
      await closeViaApi(round.id);
      const comments = await database.db.comment.findMany({ where: { roundId: round.id } });
      expect(comments.map((c) => [c.kind, c.thesisKey, c.text]).sort()).toEqual([
        ['keep_doing', null, 'Stand-ups'],
        ['thesis', 'dialogue', 'Asks before deciding.'],
      ]);
      expect(Object.keys(comments[0]!).sort()).toEqual([
        'id',
        'kind',
        'leaderId',
        'raterGroup',
        'roundId',
        'text',
        'thesisKey',
      ]);
    });

    it('answers a second submit with 409', async () => {
      const { tokens } = await openRoundWithTokens(3);
      await submitAnswers(app, tokens[0]!, answerBody()).expect(201);
      expect(expectProblem(await submitAnswers(app, tokens[0]!, answerBody()), 409).type).toMatch(
        /invitation-used$/,
      );
    });
  });

  describe('invitation states', () => {
    it('gives each state its own problem type', async () => {
      const { round, tokens, selfToken } = await openRoundWithTokens(3);
      const get = (token?: string) => {
        const call = request(app.server).get('/api/v1/survey');
        return token === undefined ? call : call.set('X-Invite-Token', token);
      };
      expect(expectProblem(await get(), 401).type).toMatch(/invitation-token-missing$/);
      expect(expectProblem(await get('not-a-token'), 404).type).toMatch(/invitation-unknown$/);
      expect(expectProblem(await get('A'.repeat(43)), 404).type).toMatch(/invitation-unknown$/);
      // A token in the query string is never accepted.
      expectProblem(await request(app.server).get(`/api/v1/survey?token=${tokens[0]}`), 401);

      await submitAnswers(app, tokens[0]!, answerBody()).expect(201);
      expect(expectProblem(await get(tokens[0]), 409).type).toMatch(/invitation-used$/);

      await database.db.round.update({ where: { id: round.id }, data: { state: 'scheduled' } });
      expect(expectProblem(await get(tokens[1]), 409).type).toMatch(/survey-not-open$/);
      await database.db.round.update({
        where: { id: round.id },
        data: { state: 'open', closesAt: new Date(Date.now() - 1000) },
      });
      expect(expectProblem(await get(tokens[1]), 410).type).toMatch(/survey-closed$/);
      expect(expectProblem(await submitAnswers(app, tokens[1]!, answerBody()), 410).type).toMatch(
        /survey-closed$/,
      );
      await database.db.round.update({
        where: { id: round.id },
        data: { closesAt: new Date(Date.now() + 3_600_000) },
      });
      await request(app.server)
        .post(`/api/v1/rounds/${round.id}/close`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      expect(expectProblem(await get(selfToken), 410).type).toMatch(/survey-closed$/);
    });

    it("speaks the rater's language and words items for the self-assessment in the first person", async () => {
      const { tokens, selfToken } = await openRoundWithTokens(3);
      const german = await request(app.server)
        .get('/api/v1/survey')
        .set('X-Invite-Token', tokens[0]!)
        .set('Accept-Language', 'de-CH,de;q=0.9,en;q=0.5')
        .expect(200);
      expect(german.body.locale).toBe('de');
      expect(german.body.questionnaire.theses[0].items[0].text).toMatch(/^Meine Führungskraft/);
      expect(german.body.anonymity.explanation.join(' ')).toContain('mindestens 3 Personen');
      const self = await request(app.server)
        .get('/api/v1/survey?locale=en')
        .set('X-Invite-Token', selfToken)
        .expect(200);
      expect(self.body).toMatchObject({
        perspective: 'self',
        raterGroup: 'self',
        anonymity: { identifiableGroup: true },
      });
      expect(self.body.questionnaire.theses[0].items[0].text).toMatch(/^I /);
    });
  });

  describe('validation', () => {
    let token: string;
    beforeAll(async () => {
      ({
        tokens: [token = ''],
      } = await openRoundWithTokens(3));
    });
    const full = () => answerBody(() => 3);

    it.each([
      ['a missing item', () => ({ ...full(), answers: full().answers.slice(1) }), 'body.answers'],
      [
        'an unknown item',
        () => ({ ...full(), answers: [...full().answers.slice(1), { itemKey: 'charisma.1', score: 3 }] }),
        'body.answers.26.itemKey',
      ],
      [
        'an item answered twice',
        () => ({ ...full(), answers: [...full().answers, full().answers[0]] }),
        'body.answers.27.itemKey',
      ],
      [
        'a score of 6',
        () => ({ ...full(), answers: full().answers.map((a, i) => (i === 2 ? { ...a, score: 6 } : a)) }),
        'body.answers.2.score',
      ],
      [
        'a score of 0',
        () => ({ ...full(), answers: full().answers.map((a, i) => (i === 0 ? { ...a, score: 0 } : a)) }),
        'body.answers.0.score',
      ],
      [
        'a fractional score',
        () => ({ ...full(), answers: full().answers.map((a, i) => (i === 1 ? { ...a, score: 3.5 } : a)) }),
        'body.answers.1.score',
      ],
      [
        'a comment over 2,000 characters',
        () => ({ ...full(), comments: [{ thesisKey: 'values', text: 'x'.repeat(2001) }] }),
        'body.comments.0.text',
      ],
      [
        'a keep-doing text over 2,000 characters',
        () => ({ ...full(), keepDoing: 'y'.repeat(2001) }),
        'body.keepDoing',
      ],
      [
        'a comment on an unknown thesis',
        () => ({ ...full(), comments: [{ thesisKey: 'charisma', text: 'hi' }] }),
        'body.comments.0.thesisKey',
      ],
      [
        'two comments on one thesis',
        () => ({
          ...full(),
          comments: [
            { thesisKey: 'values', text: 'a' },
            { thesisKey: 'values', text: 'b' },
          ],
        }),
        'body.comments.1.thesisKey',
      ],
      ['an unknown field', () => ({ ...full(), raterName: 'Eve' }), 'body'],
      ['no answers at all', () => ({}), 'body.answers'],
    ])(
      'rejects %s as problem+json with field errors, without using up the invitation',
      async (_name, body, field) => {
        const problem = expectProblem(await submitAnswers(app, token, body()), 400);
        expect(problem.type).toMatch(/validation$/);
        expect(problem.errors?.map((error) => error.field)).toContain(field);
      },
    );

    it('rejects a body over 64 KiB with 413, invalid JSON with 400 and other media types with 415', async () => {
      expectProblem(await submitAnswers(app, token, { ...full(), keepDoing: 'z'.repeat(70 * 1024) }), 413);
      expectProblem(
        await request(app.server)
          .post('/api/v1/survey/response')
          .set('X-Invite-Token', token)
          .set('content-type', 'application/json')
          .send('{"answers": ['),
        400,
      );
      expectProblem(
        await request(app.server)
          .post('/api/v1/survey/response')
          .set('X-Invite-Token', token)
          .set('content-type', 'application/xml')
          .send('<answers/>'),
        415,
      );
    });

    it('still accepts the invitation after all those rejections', async () => {
      await submitAnswers(app, token, full()).expect(201);
    });
  });

  describe('logging and rate limiting', () => {
    it('logs no token, IP address or body for the survey routes', async () => {
      const { tokens } = await openRoundWithTokens(3);
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk, _encoding, callback) {
          lines.push(String(chunk));
          callback();
        },
      });
      const loggedApp = await buildApp({
        env: testAppEnv({ LOG_LEVEL: 'trace' }),
        db: database.db,
        mailer,
        logger: { level: 'trace', stream },
      });
      await loggedApp.ready();
      try {
        await request(loggedApp.server).get('/health').expect(200);
        const healthLines = lines.length;
        expect(lines.join('')).toContain('127.0.0.1');
        await request(loggedApp.server).get('/api/v1/survey').set('X-Invite-Token', tokens[0]!).expect(200);
        await submitAnswers(
          loggedApp,
          tokens[0]!,
          answerBody(() => 2, { keepDoing: 'secret-body-marker' }),
        ).expect(201);
        await submitAnswers(loggedApp, tokens[0]!, answerBody()).expect(409);
        await submitAnswers(loggedApp, 'x', { bogus: true }).expect(400);
        const surveyLogs = lines.slice(healthLines).join('');
        expect(surveyLogs).not.toContain(tokens[0]);
        expect(surveyLogs).not.toContain('127.0.0.1');
        expect(surveyLogs).not.toContain('secret-body-marker');
        expect(surveyLogs).not.toContain('/survey');
      } finally {
        await loggedApp.close();
      }
    });

    it('rate-limits submits per IP address', async () => {
      const limitedApp = await createTestApp(database.db, { mailer });
      try {
        const statuses: number[] = [];
        for (let index = 0; index < SURVEY_SUBMITS_PER_MINUTE; index++) {
          statuses.push((await submitAnswers(limitedApp, 'x', {})).status);
        }
        expect(statuses.every((status) => status === 400)).toBe(true);
        expectProblem(await submitAnswers(limitedApp, 'x', {}), 429);
      } finally {
        await limitedApp.close();
      }
    });

    it('counts per real client behind a trusted proxy (TRUST_PROXY), and ignores the header otherwise', async () => {
      const exhaust = async (target: TestApp, forwardedFor: string) => {
        for (let index = 0; index < SURVEY_SUBMITS_PER_MINUTE; index++) {
          await submitAnswers(target, 'x', {}).set('X-Forwarded-For', forwardedFor);
        }
        return submitAnswers(target, 'x', {}).set('X-Forwarded-For', forwardedFor);
      };
      const behindProxy = await createTestApp(database.db, {
        mailer,
        env: { TRUST_PROXY: '127.0.0.1, ::1, ::ffff:127.0.0.1' },
      });
      try {
        expectProblem(await exhaust(behindProxy, '203.0.113.7'), 429);
        // Another rater behind the same proxy still gets through.
        expect((await submitAnswers(behindProxy, 'x', {}).set('X-Forwarded-For', '203.0.113.8')).status).toBe(
          400,
        );
      } finally {
        await behindProxy.close();
      }
      const direct = await createTestApp(database.db, { mailer });
      try {
        expectProblem(await exhaust(direct, '203.0.113.7'), 429);
        // Without TRUST_PROXY the header is not believed: a forged address does not reset the limit.
        expectProblem(await submitAnswers(direct, 'x', {}).set('X-Forwarded-For', '203.0.113.9'), 429);
      } finally {
        await direct.close();
      }
    });
  });
});
