import type { Db, Prisma } from '@resonance/db';
import {
  accumulateResponses,
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
 * Closes an open round exactly once. In the same transaction as the state change it computes the
 * result rollups (mergeable sums per leader × rater group × thesis, the only thing results ever
 * read) and, for a recurring round, schedules the next round of the series. Throws the domain's
 * invalid_transition error when the round is not open, so a second caller does nothing.
 *
 * Used by the API, the scheduler and the demo seed (insert a round as `open` with its
 * responses, then call this).
 */
export async function closeRound({
  db,
  roundId,
  orgId,
  now,
  jobs,
}: {
  db: Db;
  roundId: string;
  /** The caller's organisation; omit when acting for the system (scheduler, seed). */
  orgId?: string | undefined;
  now: Date;
  /** Plans the next round's timed work; omit where no scheduler runs. */
  jobs?: RoundJobs;
}): Promise<CloseRoundResult> {
  const result = await db.$transaction(
    async (tx) => {
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
          subjects: { select: { leaderId: true, leader: { select: { active: true } } } },
        },
      });
      const rollupsWritten = await writeRollups(tx, roundId, round.questionnaire.version);
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
