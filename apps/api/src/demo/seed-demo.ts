import { randomUUID } from 'node:crypto';
import { type Db, isPrismaError, type Prisma, PrismaErrorCode } from '@resonance/db';
import {
  DEFAULT_TIME_ZONE,
  getQuestionnaire,
  periodLabel,
  type Questionnaire,
  type RaterGroup,
  shiftRoundWindow,
  THESIS_KEYS,
  type ThesisKey,
} from '@resonance/domain';
import { hashPassword } from '../auth/password';
import { type BallotContent, castBallot } from '../ballot-box/ballot-box';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import type { Env } from '../env';
import { createMailSender } from '../mail/mail-sender';
import { createMailer } from '../mail/mailer';
import { ensureQuestionnaires } from '../questionnaire/ensure-questionnaires';
import { closeRound } from '../rounds/close-round';
import { openRound } from '../rounds/open-round';
import { findLatestQuestionnaireVersion } from '../rounds/questionnaire-version';
import { DEMO_KEEP_DOING, DEMO_SELF_COMMENTS, DEMO_START_DOING, DEMO_THESIS_COMMENTS } from './demo-comments';
import {
  DEMO_ADMIN,
  DEMO_DIRECTOR,
  DEMO_ENGLISH_SPEAKERS,
  DEMO_LEADERS,
  DEMO_ORG_TREND,
  DEMO_ORGANISATION,
  DEMO_PASSWORD,
  DEMO_TEAM_MEMBERS,
  type DemoLeader,
  demoEmail,
} from './demo-organisation';
import { type SeededRandom, seededRandom } from './seeded-random';

const RATER_GROUPS: RaterGroup[] = ['direct_report', 'peer', 'manager', 'self'];
const CLOSED_ROUNDS = 4;
const DAY_MS = 86_400_000;

export interface SeedDemoResult {
  seeded: boolean;
  /** Why nothing was seeded. */
  reason?: string;
  orgId?: string;
  logins: { role: 'admin' | 'leader'; name: string; email: string; password: string }[];
}

/**
 * Seeds the demo organisation: ~40 people, four closed quarterly rounds with varied responses and
 * one open round with mostly unused invitations (their emails land in the outbox). Rounds are
 * opened and closed with the product's own `openRound` and `closeRound`, so invitations and
 * result rollups are exactly what the product computes. Answers come from a seeded PRNG: the same
 * `now` gives the same demo. Refuses in production and on a database that has any organisation.
 */
export async function seedDemo({
  db,
  ballotKeys,
  now = new Date(),
  nodeEnv,
  webUrl = 'http://127.0.0.1:3000',
}: {
  db: Db;
  ballotKeys: BallotKeys;
  now?: Date;
  nodeEnv: Env['NODE_ENV'];
  webUrl?: string;
}): Promise<SeedDemoResult> {
  if (nodeEnv === 'production') {
    throw new Error('Refusing to seed demo data with NODE_ENV=production.');
  }
  if ((await db.organisation.count()) > 0) {
    return { seeded: false, reason: 'the database already has an organisation', logins: [] };
  }
  await ensureQuestionnaires({ db });
  const version = await findLatestQuestionnaireVersion(db);
  if (!version) throw new Error('No questionnaire version in the database.');
  const questionnaire = getQuestionnaire(version.version);
  const random = seededRandom(20_260_401);

  let org: { id: string };
  try {
    org = await db.organisation.create({
      data: { ...DEMO_ORGANISATION, defaultLocale: 'de', anonymityThreshold: 3 },
      select: { id: true },
    });
  } catch (error) {
    // Another process is seeding at the same moment.
    if (isPrismaError(error, PrismaErrorCode.uniqueViolation)) {
      return { seeded: false, reason: 'the demo organisation already exists', logins: [] };
    }
    throw error;
  }
  // Everyone has been in the organisation and their team since long before the first demo round, as
  // in a real one; otherwise every demo round would warn that its groups are full of new people.
  const people = await createPeople(db, org.id, new Date(now.getTime() - 2 * 365 * 86_400_000));
  const logins = await createLogins(db, org.id, people);

  const rounds = await createRoundSeries(db, {
    orgId: org.id,
    versionId: version.id,
    leaderIds: people.leaderIds,
    now,
  });
  const leaderProfiles = new Map(DEMO_LEADERS.map((leader, index) => [people.leaderIds[index]!, leader]));
  const leniency = new Map(people.all.map((id) => [id, random.normal() * 0.3]));
  const context = { db, ballotKeys, questionnaire, random, leaderProfiles, leniency };

  for (const [index, round] of rounds.entries()) {
    const open = index === rounds.length - 1;
    // Past rounds' invitations were "sent" long ago; the open round's go to the outbox for trying out.
    await openRound({ db, ballotKeys, roundId: round.id, now: round.opensAt, queueEmails: open });
    if (open) {
      const mailer = createMailer({ env: { MAIL_FROM: 'Resonance <no-reply@resonance.local>' }, db });
      await createMailSender({ db, mailer, ballotKeys, webUrl }).drain({ now });
    }
    await answerRound(context, { roundId: round.id, roundIndex: index, open, answeredAt: round.opensAt });
    if (!open) await closeRound({ db, ballotKeys, roundId: round.id, now: round.closesAt });
  }
  return { seeded: true, orgId: org.id, logins };
}

interface DemoPeople {
  directorId: string;
  adminId: string;
  leaderIds: string[];
  all: string[];
}

async function createPeople(db: Db, orgId: string, joinedAt: Date): Promise<DemoPeople> {
  const person = (data: Omit<Prisma.PersonCreateManyInput, 'id' | 'orgId'>) => ({
    id: randomUUID(),
    orgId,
    createdAt: joinedAt,
    teamSince: joinedAt,
    ...data,
  });
  const director = person({ ...DEMO_DIRECTOR, role: 'leader', locale: 'de' });
  const admin = person({ ...DEMO_ADMIN, role: 'admin', locale: 'de', managerId: director.id });
  const leaders = DEMO_LEADERS.map((leader) =>
    person({ name: leader.name, email: leader.email, role: 'leader', locale: 'de', managerId: director.id }),
  );
  const members: ReturnType<typeof person>[] = [];
  let next = 0;
  for (const [index, leader] of DEMO_LEADERS.entries()) {
    for (let i = 0; i < leader.teamSize; i++) {
      const name = DEMO_TEAM_MEMBERS[next++]!;
      members.push(
        person({
          name,
          email: demoEmail(name),
          role: 'member',
          locale: DEMO_ENGLISH_SPEAKERS.has(name) ? 'en' : 'de',
          managerId: leaders[index]!.id,
        }),
      );
    }
  }
  // Managers first, so every manager id exists when its reports are inserted.
  await db.person.createMany({ data: [director, admin, ...leaders, ...members] });
  return {
    directorId: director.id,
    adminId: admin.id,
    leaderIds: leaders.map((leader) => leader.id),
    all: [director, admin, ...leaders, ...members].map((p) => p.id),
  };
}

async function createLogins(db: Db, orgId: string, people: DemoPeople): Promise<SeedDemoResult['logins']> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: SeedDemoResult['logins'] = [
    { role: 'admin', name: DEMO_ADMIN.name, email: DEMO_ADMIN.email, password: DEMO_PASSWORD },
    ...DEMO_LEADERS.map((leader) => ({
      role: 'leader' as const,
      name: `${leader.name} (${leader.team})`,
      email: leader.email,
      password: DEMO_PASSWORD,
    })),
  ];
  const personIds = [people.adminId, ...people.leaderIds];
  await db.user.createMany({
    data: logins.map((login, index) => ({
      orgId,
      personId: personIds[index]!,
      email: login.email,
      role: login.role,
      passwordHash,
      locale: 'de' as const,
    })),
  });
  return logins;
}

/** Five quarterly rounds ending with one open now; each links to its predecessor like a recurring series. */
async function createRoundSeries(
  db: Db,
  { orgId, versionId, leaderIds, now }: { orgId: string; versionId: string; leaderIds: string[]; now: Date },
) {
  const current = {
    opensAt: new Date(now.getTime() - 4 * DAY_MS),
    closesAt: new Date(now.getTime() + 10 * DAY_MS),
  };
  const rounds: { id: string; opensAt: Date; closesAt: Date }[] = [];
  const windowBack = (periodsBack: number) =>
    periodsBack === 0 ? current : shiftRoundWindow(current, 'quarterly', -periodsBack, DEFAULT_TIME_ZONE)!;
  const first = windowBack(CLOSED_ROUNDS);
  for (let periodsBack = CLOSED_ROUNDS; periodsBack >= 0; periodsBack--) {
    const window = windowBack(periodsBack);
    const round = await db.round.create({
      data: {
        orgId,
        name: `Führungsfeedback ${periodLabel('quarterly', window.opensAt, DEFAULT_TIME_ZONE)}`,
        questionnaireVersionId: versionId,
        state: 'scheduled',
        raterGroups: RATER_GROUPS,
        opensAt: window.opensAt,
        closesAt: window.closesAt,
        reminderOffsetsHours: [72, 24],
        recurrence: 'quarterly',
        previousRoundId: rounds.at(-1)?.id ?? null,
        seriesOpensAt: first.opensAt,
        seriesClosesAt: first.closesAt,
        seriesIndex: CLOSED_ROUNDS - periodsBack,
        subjects: { create: leaderIds.map((leaderId) => ({ leaderId })) },
      },
      select: { id: true, opensAt: true, closesAt: true },
    });
    rounds.push(round);
  }
  return rounds;
}

interface AnswerContext {
  db: Db;
  ballotKeys: BallotKeys;
  questionnaire: Questionnaire;
  random: SeededRandom;
  leaderProfiles: Map<string, DemoLeader>;
  leniency: Map<string, number>;
}

/** Raters answer as the survey stores it: one sealed ballot each, in the round's ballot box. */
async function answerRound(
  { db, ballotKeys, questionnaire, random, leaderProfiles, leniency }: AnswerContext,
  {
    roundId,
    roundIndex,
    open,
    answeredAt,
  }: { roundId: string; roundIndex: number; open: boolean; answeredAt: Date },
) {
  // Ids are random, emails are not: sort by emails so the PRNG meets the raters in the same order every time.
  const invitations = (
    await db.invitation.findMany({
      where: { roundId },
      select: {
        id: true,
        leaderId: true,
        raterId: true,
        raterGroup: true,
        rater: { select: { email: true } },
      },
    })
  )
    .map((invitation) => ({
      ...invitation,
      order: `${leaderProfiles.get(invitation.leaderId)!.email} ${invitation.raterGroup} ${invitation.rater.email}`,
    }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const answering = invitations.filter((invitation) => {
    const profile = leaderProfiles.get(invitation.leaderId)!;
    if (open) return random.chance(0.35);
    if (invitation.raterGroup === 'self' || invitation.raterGroup === 'manager') return true;
    if (invitation.raterGroup === 'peer') return random.chance(0.75);
    if (profile.participation === null) {
      // The small IT team: exactly two answer each round (a different two), fewer than k.
      const team = invitations.filter(
        (i) => i.leaderId === invitation.leaderId && i.raterGroup === 'direct_report',
      );
      return (team.indexOf(invitation) + roundIndex) % team.length < 2;
    }
    return random.chance(profile.participation);
  });

  const ballots: {
    invitationId: string;
    leaderId: string;
    raterGroup: RaterGroup;
    content: BallotContent;
  }[] = [];
  for (const invitation of answering) {
    const profile = leaderProfiles.get(invitation.leaderId)!;
    const { leaderId, raterGroup } = invitation;
    const content: BallotContent = { answers: [], comments: [] };
    const thesisScores = new Map<ThesisKey, number>();
    for (const thesis of questionnaire.theses) {
      const latent = latentScore(
        profile,
        thesis.key,
        raterGroup,
        roundIndex,
        leniency.get(invitation.raterId)!,
        random,
      );
      thesisScores.set(thesis.key, latent);
      for (const item of thesis.items) {
        const cantJudge = raterGroup !== 'self' && random.chance(cantJudgeChance(raterGroup, thesis.key));
        content.answers.push({
          itemKey: item.id,
          score: cantJudge ? null : clampScore(Math.round(latent + random.normal() * 0.35)),
        });
      }
    }
    for (const comment of demoComments(random, { roundId, leaderId, raterGroup, thesisScores })) {
      content.comments.push({ kind: comment.kind, thesisKey: comment.thesisKey ?? null, text: comment.text });
    }
    ballots.push({ invitationId: invitation.id, leaderId, raterGroup, content });
  }
  for (const ballot of ballots) {
    await castBallot(db.pool, ballotKeys, {
      invitationId: ballot.invitationId,
      unit: { roundId, leaderId: ballot.leaderId, raterGroup: ballot.raterGroup },
      content: ballot.content,
      now: answeredAt,
    });
  }
}

function latentScore(
  profile: DemoLeader,
  thesis: ThesisKey,
  group: RaterGroup,
  roundIndex: number,
  raterLeniency: number,
  random: SeededRandom,
): number {
  const trend = (DEMO_ORG_TREND[thesis] ?? 0) + (profile.trend[thesis] ?? 0);
  const seenByOthers = profile.base[thesis] + trend * roundIndex;
  if (group === 'self') {
    return seenByOthers + (profile.selfBias[thesis] ?? profile.selfBias.all ?? 0) + random.normal() * 0.15;
  }
  // Peers see less of the daily work and drift toward the middle; the manager is a little kinder.
  const groupView =
    group === 'peer'
      ? 0.7 * seenByOthers + 0.3 * 3.6
      : group === 'manager'
        ? seenByOthers + 0.2
        : seenByOthers;
  return groupView + raterLeniency + random.normal() * 0.45;
}

function cantJudgeChance(group: RaterGroup, thesis: ThesisKey): number {
  if (group === 'peer') return thesis === 'humanity' || thesis === 'presence' ? 0.15 : 0.06;
  if (group === 'manager') return thesis === 'channels' ? 0.2 : 0.05;
  return 0.04;
}

function clampScore(value: number): number {
  return Math.min(5, Math.max(1, value));
}

function demoComments(
  random: SeededRandom,
  {
    roundId,
    leaderId,
    raterGroup,
    thesisScores,
  }: { roundId: string; leaderId: string; raterGroup: RaterGroup; thesisScores: Map<ThesisKey, number> },
): Prisma.CommentCreateManyInput[] {
  const base = { roundId, leaderId, raterGroup };
  const comments: Prisma.CommentCreateManyInput[] = [];
  if (raterGroup === 'self') {
    if (random.chance(0.5))
      comments.push({ ...base, kind: 'start_doing', text: random.pick(DEMO_SELF_COMMENTS) });
    return comments;
  }
  if (random.chance(0.4)) {
    const thesisKey = random.pick(THESIS_KEYS);
    const pool = DEMO_THESIS_COMMENTS[thesisKey];
    const text = random.pick((thesisScores.get(thesisKey) ?? 3) >= 3.5 ? pool.positive : pool.critical);
    comments.push({ ...base, kind: 'thesis', thesisKey, text });
  }
  if (random.chance(0.45)) comments.push({ ...base, kind: 'keep_doing', text: random.pick(DEMO_KEEP_DOING) });
  if (random.chance(0.4))
    comments.push({ ...base, kind: 'start_doing', text: random.pick(DEMO_START_DOING) });
  return comments;
}
