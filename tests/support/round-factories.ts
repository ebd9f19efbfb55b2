import type { Mailer, OutgoingEmail } from '@resonance/api/mail/mailer';
import type { Db, RaterGroup } from '@resonance/db';
import { allItemIds, getQuestionnaire } from '@resonance/domain';
import request from 'supertest';
import { createPerson, createUserWithPassword, uniqueEmail } from './factories';
import { type TestApp, testBallotKeys } from './test-app';

/** A mailer that keeps every email in memory, for tests that read links without SMTP. */
export function capturingMailer(): Mailer & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    transport: 'outbox',
    sent,
    async send(email) {
      sent.push(email);
    },
    async close() {},
  };
}

/** The invitation token from an email: it travels only in the link's fragment (`#t=`). */
export function tokenFromEmail(text: string): string {
  const match = /\/survey#t=([A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error(`no survey link in email:\n${text}`);
  return match[1];
}

export interface Team {
  leader: { id: string; email: string; name: string; userId: string };
  manager: { id: string; email: string; name: string };
  reports: { id: string; email: string; name: string }[];
  peers: { id: string; email: string; name: string }[];
}

/**
 * A leader (with a login) under a manager, with `reports` direct reports and `peers` colleagues who
 * share the leader's manager.
 */
export async function createTeam(
  db: Db,
  { orgId, reports = 4, peers = 2 }: { orgId: string; reports?: number; peers?: number },
): Promise<Team> {
  const manager = await createPerson(db, { orgId, role: 'leader', email: uniqueEmail('manager') });
  const leader = await createUserWithPassword(db, { orgId, role: 'leader', managerId: manager.id });
  const teamReports = [];
  for (let index = 0; index < reports; index++) {
    teamReports.push(await createPerson(db, { orgId, managerId: leader.id, email: uniqueEmail('report') }));
  }
  const teamPeers = [];
  for (let index = 0; index < peers; index++) {
    teamPeers.push(
      await createPerson(db, { orgId, role: 'leader', managerId: manager.id, email: uniqueEmail('peer') }),
    );
  }
  return { leader, manager, reports: teamReports, peers: teamPeers };
}

export const HOUR = 3_600_000;

export function roundWindow(fromNowHours: number, lengthHours = 24 * 14, now = Date.now()) {
  const opensAt = new Date(now + fromNowHours * HOUR);
  const closesAt = new Date(opensAt.getTime() + lengthHours * HOUR);
  return { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() };
}

/** Creates a round through the API and returns its detail. */
export async function createRoundViaApi(
  app: TestApp,
  accessToken: string,
  body: {
    name?: string;
    leaderIds: string[];
    raterGroups?: RaterGroup[];
    opensAt?: string;
    closesAt?: string;
    reminderOffsetsHours?: number[];
    recurrence?: string;
    schedule?: boolean;
  },
) {
  const response = await request(app.server)
    .post('/api/v1/rounds')
    .set('Authorization', `Bearer ${accessToken}`)
    .send({
      name: body.name ?? 'Q1 2027',
      raterGroups: body.raterGroups ?? ['direct_report', 'peer', 'manager', 'self'],
      ...roundWindow(-1),
      ...body,
    });
  if (response.status !== 201)
    throw new Error(`create round: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; state: string };
}

/** A complete, valid answer body: every item of the questionnaire scored by `score(itemId, index)`. */
export function answerBody(
  score: (itemId: string, index: number) => number | null = () => 4,
  extra: { comments?: { thesisKey: string; text: string }[]; keepDoing?: string; startDoing?: string } = {},
  version = 1,
) {
  return {
    answers: allItemIds(getQuestionnaire(version)).map((itemKey, index) => ({
      itemKey,
      score: score(itemKey, index),
    })),
    ...extra,
  };
}

export function submitAnswers(app: TestApp, token: string, body: object) {
  return request(app.server).post('/api/v1/survey/response').set('X-Invite-Token', token).send(body);
}

export interface SeededResponse {
  /** Score for every item, or per thesis key; null = can't judge. */
  score: number | null | Partial<Record<string, number | null>>;
  comments?: { thesisKey: string; text: string }[];
  keepDoing?: string;
}

/**
 * A closed round straight in the database, the way the demo seed builds history: the round is
 * inserted as open with its responses, then closed through the real `closeRound` use case.
 */
export async function seedClosedRound(
  db: Db,
  {
    orgId,
    name = 'Seeded round',
    opensAt,
    closesAt,
    raterGroups = ['direct_report', 'peer', 'manager', 'self'],
    responses,
    smallTeamMode = false,
    anonymityThreshold = null,
  }: {
    orgId: string;
    name?: string;
    opensAt: Date;
    closesAt: Date;
    raterGroups?: RaterGroup[];
    /** leaderId → rater group → responses */
    responses: Record<string, Partial<Record<RaterGroup, SeededResponse[]>>>;
    /** The small-team mode the round opened with (opening fixes it from the organisation). */
    smallTeamMode?: boolean;
    /** The k the round promised at opening; null as for rounds from before k was fixed. */
    anonymityThreshold?: number | null;
  },
) {
  const { ensureQuestionnaires } = await import('@resonance/api/questionnaire/ensure-questionnaires');
  const { closeRound } = await import('@resonance/api/rounds/close-round');
  await ensureQuestionnaires({ db });
  const version = await db.questionnaireVersion.findUniqueOrThrow({
    where: { version: 1 },
    select: { id: true },
  });
  const itemIds = allItemIds(getQuestionnaire(1));
  const round = await db.round.create({
    data: {
      orgId,
      name,
      questionnaireVersionId: version.id,
      state: 'open',
      raterGroups,
      opensAt,
      closesAt,
      smallTeamMode,
      anonymityThreshold,
      subjects: { create: Object.keys(responses).map((leaderId) => ({ leaderId })) },
    },
    select: { id: true },
  });
  for (const [leaderId, groups] of Object.entries(responses)) {
    for (const [raterGroup, list] of Object.entries(groups) as [RaterGroup, SeededResponse[]][]) {
      for (const response of list) {
        const scoreOf = (itemId: string) =>
          typeof response.score === 'object' && response.score !== null
            ? (response.score[itemId.split('.')[0]!] ?? null)
            : response.score;
        await db.response.create({
          data: {
            roundId: round.id,
            leaderId,
            raterGroup,
            answers: { create: itemIds.map((itemKey) => ({ itemKey, score: scoreOf(itemKey) })) },
          },
        });
        const comments = [
          ...(response.comments ?? []).map((c) => ({
            kind: 'thesis' as const,
            thesisKey: c.thesisKey,
            text: c.text,
          })),
          ...(response.keepDoing
            ? [{ kind: 'keep_doing' as const, thesisKey: null, text: response.keepDoing }]
            : []),
        ];
        if (comments.length > 0) {
          await db.comment.createMany({
            data: comments.map((c) => ({ ...c, roundId: round.id, leaderId, raterGroup })),
          });
        }
      }
    }
  }
  await closeRound({ db, ballotKeys: testBallotKeys, roundId: round.id, now: closesAt });
  return round;
}

export const times = (count: number, response: SeededResponse): SeededResponse[] =>
  Array.from({ length: count }, () => response);
