import type { Db, Prisma } from '@resonance/db';
import {
  accumulateResponses,
  differencingVerdict,
  emptyAccumulator,
  getQuestionnaire,
  nextRoundName,
  nextRoundWindow,
  type RaterGroup,
  type Recurrence,
  type RoundWindow,
  type Score,
  shiftRoundWindow,
  transition,
} from '@resonance/domain';
import { emptyBallotBox, lockBallotBoxForClose } from '../ballot-box/ballot-box';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import { computeBenchmark } from '../results/round-benchmark';
import { secureRandom } from '../results/secure-random';
import type { RoundJobs } from '../scheduler/round-jobs';
import { findLatestQuestionnaireVersion } from './questionnaire-version';
import { applyRoundTransition } from './round-transition';

export interface CloseRoundResult {
  roundId: string;
  /** ResultRollup rows written: one per leader × rater group × thesis with responses. */
  rollupsWritten: number;
  /** The next round of a recurring series, scheduled by this close; null for one-off rounds. */
  nextRoundId: string | null;
}

/**
 * Closes an open round exactly once. In the same transaction as the state change it empties the
 * ballot box into responses (shuffled, fresh ids, ballots deleted — see emptyBallotBox), computes
 * the result rollups (mergeable sums per leader × rater group × thesis, the only thing results ever
 * read), records per leader × group how many answered and whether the group is withheld against
 * cross-round differencing, and, for a recurring round, schedules the next round of the series.
 * Throws the domain's invalid_transition error when the round is not open, so a second caller
 * does nothing. The ballot-box lock is taken first, so submits in flight finish before the box is
 * read, and later ones find the round closed.
 *
 * Used by the API, the scheduler and the demo seed (insert a round as `open` with its
 * responses, then call this).
 */
export async function closeRound({
  db,
  ballotKeys,
  roundId,
  orgId,
  now,
  jobs,
  random = secureRandom,
}: {
  db: Db;
  ballotKeys: BallotKeys;
  roundId: string;
  /** The caller's organisation; omit when acting for the system (scheduler, seed). */
  orgId?: string | undefined;
  now: Date;
  /** Plans the next round's timed work; omit where no scheduler runs. */
  jobs?: RoundJobs;
  /** Shuffles the ballots; the CSPRNG unless a test needs otherwise. */
  random?: () => number;
}): Promise<CloseRoundResult> {
  const result = await db.$transaction(
    async (tx) => {
      await lockBallotBoxForClose(tx, roundId);
      await applyRoundTransition(tx, { roundId, orgId, event: 'close', data: { closedAt: now } });
      const round = await tx.round.findUniqueOrThrow({
        where: { id: roundId },
        select: {
          orgId: true,
          name: true,
          opensAt: true,
          closesAt: true,
          raterGroups: true,
          reminderOffsetsHours: true,
          recurrence: true,
          questionnaireVersionId: true,
          questionnaire: { select: { version: true } },
          anonymityThreshold: true,
          organisation: { select: { anonymityThreshold: true } },
          subjects: { select: { leaderId: true, leader: { select: { active: true } } } },
        },
      });
      await emptyBallotBox(tx, ballotKeys, roundId, random);
      const rollupsWritten = await writeRollups(tx, roundId, round.questionnaire.version);
      const k = Math.max(round.anonymityThreshold ?? 0, round.organisation.anonymityThreshold);
      await settleRoundUnits(tx, { roundId, orgId: round.orgId, k, now });
      // Withheld flags are settled: the benchmark leaders will read is fixed now.
      await computeBenchmark(tx, roundId, k);
      const next = await scheduleNextRound(tx, { roundId, round, now });
      return { rollupsWritten, next };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (result.next && jobs) await jobs.planRound(result.next);
  return { roundId, rollupsWritten: result.rollupsWritten, nextRoundId: result.next?.id ?? null };
}

async function writeRollups(tx: Prisma.TransactionClient, roundId: string, version: number): Promise<number> {
  const questionnaire = getQuestionnaire(version);
  const responses = await tx.response.findMany({
    where: { roundId },
    select: { leaderId: true, raterGroup: true, answers: { select: { itemKey: true, score: true } } },
  });
  const byUnit = new Map<
    string,
    { leaderId: string; raterGroup: RaterGroup; answers: Parameters<typeof accumulateResponses>[0][number][] }
  >();
  for (const response of responses) {
    const key = `${response.leaderId}/${response.raterGroup}`;
    const unit = byUnit.get(key) ?? {
      leaderId: response.leaderId,
      raterGroup: response.raterGroup,
      answers: [],
    };
    unit.answers.push(
      response.answers.map((answer) => ({
        itemId: answer.itemKey,
        // Scores were validated on submit and are CHECKed 1..5 in the database.
        score: answer.score as Score | null,
      })),
    );
    byUnit.set(key, unit);
  }

  const rows: Prisma.ResultRollupCreateManyInput[] = [];
  for (const unit of byUnit.values()) {
    const accumulators = accumulateResponses(unit.answers, questionnaire);
    // Every thesis gets a row, even one nobody could judge, so the group's response count is kept.
    for (const thesis of questionnaire.theses) {
      const acc = accumulators[thesis.key] ?? emptyAccumulator();
      rows.push({
        roundId,
        leaderId: unit.leaderId,
        raterGroup: unit.raterGroup,
        thesisKey: thesis.key,
        responseCount: unit.answers.length,
        n: acc.n,
        sum: acc.sum,
        sumSquares: acc.sumSquares,
        favourable: acc.favourable,
        distribution: [...acc.distribution],
      });
    }
  }
  await tx.resultRollup.deleteMany({ where: { roundId } });
  if (rows.length > 0) await tx.resultRollup.createMany({ data: rows });
  return rows.length;
}

/**
 * Per leader × rater group of the round: how many answered, and whether the group is withheld
 * because comparing it with an earlier released round of the same leader and group would single
 * out the people who joined or left (see the domain's differencingVerdict). Earlier rounds count as
 * released when they had at least the k they promised and were not withheld themselves.
 */
async function settleRoundUnits(
  tx: Prisma.TransactionClient,
  { roundId, orgId, k, now }: { roundId: string; orgId: string; k: number; now: Date },
) {
  const counts = await tx.response.groupBy({
    by: ['leaderId', 'raterGroup'],
    where: { roundId },
    _count: { _all: true },
  });
  const units = await tx.roundUnit.findMany({
    where: { roundId },
    select: { id: true, leaderId: true, raterGroup: true },
  });
  const unitKey = (leaderId: string, raterGroup: string) => `${leaderId}/${raterGroup}`;
  const known = new Set(units.map((unit) => unitKey(unit.leaderId, unit.raterGroup)));
  // Responses without a unit only come from rounds opened before units existed.
  const missing = counts.filter((count) => !known.has(unitKey(count.leaderId, count.raterGroup)));
  if (missing.length > 0) {
    await tx.roundUnit.createMany({
      data: missing.map((count) => ({
        roundId,
        leaderId: count.leaderId,
        raterGroup: count.raterGroup,
        invitedCount: count._count._all,
        recentlyJoinedCount: 0,
      })),
    });
    units.push(
      ...(await tx.roundUnit.findMany({
        where: { roundId, OR: missing.map((m) => ({ leaderId: m.leaderId, raterGroup: m.raterGroup })) },
        select: { id: true, leaderId: true, raterGroup: true },
      })),
    );
  }
  const responseCount = new Map(
    counts.map((count) => [unitKey(count.leaderId, count.raterGroup), count._count._all]),
  );

  const rated = units.filter((unit) => unit.raterGroup !== 'self');
  const leaderIds = [...new Set(rated.map((unit) => unit.leaderId))];
  const earlier = await tx.roundUnit.findMany({
    where: {
      leaderId: { in: leaderIds },
      withheldReason: null,
      roundId: { not: roundId },
      round: { orgId, state: { in: ['closed', 'archived'] }, closedAt: { lte: now } },
    },
    select: {
      roundId: true,
      leaderId: true,
      raterGroup: true,
      responseCount: true,
      round: { select: { anonymityThreshold: true } },
    },
  });
  const released = earlier.filter(
    (unit) => unit.raterGroup !== 'self' && (unit.responseCount ?? 0) >= (unit.round.anonymityThreshold ?? 3),
  );
  const memberships = await tx.invitation.findMany({
    where: {
      leaderId: { in: leaderIds },
      roundId: { in: [roundId, ...new Set(released.map((unit) => unit.roundId))] },
    },
    select: { roundId: true, leaderId: true, raterGroup: true, raterId: true },
  });
  const membersOf = new Map<string, string[]>();
  for (const invitation of memberships) {
    const key = `${invitation.roundId}/${unitKey(invitation.leaderId, invitation.raterGroup)}`;
    membersOf.set(key, [...(membersOf.get(key) ?? []), invitation.raterId]);
  }

  for (const unit of units) {
    const key = unitKey(unit.leaderId, unit.raterGroup);
    let withheldReason: string | null = null;
    if (unit.raterGroup !== 'self') {
      const history = released
        .filter((r) => r.leaderId === unit.leaderId && r.raterGroup === unit.raterGroup)
        .map((r) => membersOf.get(`${r.roundId}/${key}`) ?? []);
      const verdict = differencingVerdict({
        k,
        candidate: membersOf.get(`${roundId}/${key}`) ?? [],
        released: history,
      });
      if (verdict.withheld) withheldReason = verdict.reason;
    }
    await tx.roundUnit.update({
      where: { id: unit.id },
      data: { responseCount: responseCount.get(key) ?? 0, withheldReason },
    });
  }
}

const HOUR_MS = 3_600_000;

async function scheduleNextRound(
  tx: Prisma.TransactionClient,
  {
    roundId,
    round,
    now,
  }: {
    roundId: string;
    round: {
      orgId: string;
      name: string;
      opensAt: Date;
      closesAt: Date;
      raterGroups: RaterGroup[];
      reminderOffsetsHours: number[];
      recurrence: Recurrence;
      questionnaireVersionId: string;
      subjects: { leaderId: string; leader: { active: boolean } }[];
    };
    now: Date;
  },
) {
  if (round.recurrence === 'none') return null;
  // previousRoundId is unique: a series step exists once, even if someone created it already.
  const existing = await tx.round.findUnique({ where: { previousRoundId: roundId }, select: { id: true } });
  if (existing) return null;
  const leaderIds = round.subjects
    .filter((subject) => subject.leader.active)
    .map((subject) => subject.leaderId);
  if (leaderIds.length === 0) return null;

  const current: RoundWindow = { opensAt: round.opensAt, closesAt: round.closesAt };
  let window = nextRoundWindow(current, round.recurrence);
  // A round closed long after its time must not schedule a successor that is already over.
  for (let periods = 2; window && window.closesAt.getTime() - now.getTime() < HOUR_MS; periods++) {
    window = shiftRoundWindow(current, round.recurrence, periods);
  }
  if (!window) return null;

  // The next round asks the newest questionnaire; this one keeps the version it ran with.
  const latest = await findLatestQuestionnaireVersion(tx);
  return tx.round.create({
    data: {
      orgId: round.orgId,
      name: nextRoundName(round.name, round.recurrence, window.opensAt),
      questionnaireVersionId: latest?.id ?? round.questionnaireVersionId,
      state: transition('draft', 'schedule'),
      raterGroups: round.raterGroups,
      opensAt: window.opensAt,
      closesAt: window.closesAt,
      reminderOffsetsHours: round.reminderOffsetsHours,
      recurrence: round.recurrence,
      previousRoundId: roundId,
      subjects: { create: leaderIds.map((leaderId) => ({ leaderId })) },
    },
    select: { id: true, state: true, opensAt: true, closesAt: true, reminderOffsetsHours: true },
  });
}
