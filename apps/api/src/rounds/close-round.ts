import type { Db, Prisma } from '@resonance/db';
import {
  nextRoundName,
  nextSeriesRound,
  type RaterGroup,
  type Recurrence,
  transition,
} from '@resonance/domain';
import { emptyBallotBox, lockBallotBoxForClose } from '../ballot-box/ballot-box';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import { writeFollowUpRollups } from '../focus/follow-up-items';
import { secureRandom } from '../results/secure-random';
import { storeRoundResults } from '../results/stored-results';
import { writeRollups } from '../results/write-rollups';
import type { RoundJobs } from '../scheduler/round-jobs';
import { findLatestQuestionnaireVersion } from './questionnaire-version';
import { applyRoundTransition } from './round-transition';
import { settleRoundUnits } from './settle-round-units';

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
  /** Shuffles the ballots and the released comments; the CSPRNG unless a test needs otherwise. */
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
          smallTeamMode: true,
          organisation: { select: { anonymityThreshold: true, timeZone: true } },
          seriesOpensAt: true,
          seriesClosesAt: true,
          seriesIndex: true,
          subjects: { select: { leaderId: true, leader: { select: { active: true } } } },
        },
      });
      await emptyBallotBox(tx, ballotKeys, roundId, random);
      const rollupsWritten = await writeRollups(tx, roundId, round.questionnaire.version);
      await writeFollowUpRollups(tx, roundId);
      const k = Math.max(round.anonymityThreshold ?? 0, round.organisation.anonymityThreshold);
      await settleRoundUnits(tx, {
        roundId,
        orgId: round.orgId,
        k,
        now,
        smallTeamMode: round.smallTeamMode,
        roundK: round.anonymityThreshold,
      });
      // Withheld flags are settled: what dashboards, heatmap and export will read is fixed now (the
      // benchmark, every leader's gated result, the heatmap), so reading them gates nothing again.
      await storeRoundResults(tx, { roundId, k, random });
      const next = await scheduleNextRound(tx, { roundId, round, now });
      return { rollupsWritten, next };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (result.next && jobs) await jobs.planRound(result.next);
  return { roundId, rollupsWritten: result.rollupsWritten, nextRoundId: result.next?.id ?? null };
}

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
      organisation: { timeZone: string };
      seriesOpensAt: Date | null;
      seriesClosesAt: Date | null;
      seriesIndex: number;
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

  // Computed from the series' first window in the organisation's zone, never from this round: a
  // clamped month end would drift, and UTC arithmetic would move 09:00 across a DST change.
  const anchor =
    round.seriesOpensAt && round.seriesClosesAt
      ? { opensAt: round.seriesOpensAt, closesAt: round.seriesClosesAt, index: round.seriesIndex }
      : { opensAt: round.opensAt, closesAt: round.closesAt, index: 0 };
  const next = nextSeriesRound({
    anchor,
    index: anchor.index,
    recurrence: round.recurrence,
    timeZone: round.organisation.timeZone,
    now,
  });
  if (!next) return null;
  const { window } = next;

  // The next round asks the newest questionnaire; this one keeps the version it ran with.
  const latest = await findLatestQuestionnaireVersion(tx);
  return tx.round.create({
    data: {
      orgId: round.orgId,
      name: nextRoundName(round.name, round.recurrence, window.opensAt, round.organisation.timeZone),
      questionnaireVersionId: latest?.id ?? round.questionnaireVersionId,
      state: transition('draft', 'schedule'),
      raterGroups: round.raterGroups,
      opensAt: window.opensAt,
      closesAt: window.closesAt,
      reminderOffsetsHours: round.reminderOffsetsHours,
      recurrence: round.recurrence,
      previousRoundId: roundId,
      seriesOpensAt: anchor.opensAt,
      seriesClosesAt: anchor.closesAt,
      seriesIndex: next.index,
      subjects: { create: leaderIds.map((leaderId) => ({ leaderId })) },
    },
    select: { id: true, state: true, opensAt: true, closesAt: true, reminderOffsetsHours: true },
  });
}
