import type { RoundDetail, UpdateRoundInput } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { type RoundState, transition } from '@resonance/domain';
import { AppError } from '../errors/problem';
import type { RoundJobs } from '../scheduler/round-jobs';
import { assertKnownLeaders, assertValidSchedule, uniqueGroups } from './round-input';
import { loadRoundDetail } from './round-view';

const EDITABLE: readonly RoundState[] = ['draft', 'scheduled', 'open'];

/**
 * What an open round still allows. Its invitations are out and promise who is asked, by which
 * questionnaire and with which k, so leaders, rater groups and the opening time are fixed; the
 * closing time may only move later (raters were told the date; closing early is the close button).
 */
const OPEN_EDITABLE = new Set(['name', 'closesAt', 'reminderOffsetsHours', 'recurrence']);

/**
 * Edits a round before it opens, and schedules or unschedules it; of an open round, the name, the
 * reminders, the recurrence and a later closing time. The write is conditional on the state it
 * was read in, so an edit racing with the scheduler (opening or closing) fails instead of changing
 * a round that moved on.
 */
export async function updateRound({
  db,
  jobs,
  orgId,
  roundId,
  changes,
  now,
}: {
  db: Db;
  jobs: RoundJobs;
  orgId: string;
  roundId: string;
  changes: UpdateRoundInput;
  now: Date;
}): Promise<RoundDetail> {
  const round = await db.round.findFirst({
    where: { id: roundId, orgId },
    select: {
      id: true,
      state: true,
      opensAt: true,
      closesAt: true,
      reminderOffsetsHours: true,
      recurrence: true,
      seriesIndex: true,
    },
  });
  if (!round) throw new AppError('notFound', 'No such round.');
  if (!EDITABLE.includes(round.state)) {
    throw new AppError('conflict', `A round that is ${round.state} can no longer be edited.`, {
      code: 'round-not-editable',
    });
  }
  if (round.state === 'open') assertOpenRoundChange(round, changes);

  let state: RoundState = round.state;
  if (changes.schedule === true && state === 'draft') state = transition(state, 'schedule');
  if (changes.schedule === false && state === 'scheduled') state = transition(state, 'unschedule');

  const opensAt = changes.opensAt ? new Date(changes.opensAt) : round.opensAt;
  const closesAt = changes.closesAt ? new Date(changes.closesAt) : round.closesAt;
  const reminderOffsetsHours = changes.reminderOffsetsHours ?? round.reminderOffsetsHours;
  const scheduleChanged =
    changes.opensAt !== undefined ||
    changes.closesAt !== undefined ||
    changes.reminderOffsetsHours !== undefined;
  if (scheduleChanged || (state === 'scheduled' && round.state === 'draft')) {
    assertValidSchedule({ opensAt, closesAt, reminderOffsetsHours, now });
  }
  const series = seriesChange(round, { opensAt, closesAt, recurrence: changes.recurrence });
  if (changes.leaderIds) await assertKnownLeaders(db, orgId, changes.leaderIds);

  await db.$transaction(async (tx) => {
    const { count } = await tx.round.updateMany({
      where: { id: roundId, orgId, state: round.state },
      data: {
        state,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.raterGroups ? { raterGroups: uniqueGroups(changes.raterGroups) } : {}),
        ...(changes.recurrence ? { recurrence: changes.recurrence } : {}),
        opensAt,
        closesAt,
        reminderOffsetsHours,
        ...series,
      },
    });
    if (count !== 1) {
      throw new AppError('conflict', 'The round changed state while you edited it; reload and try again.', {
        code: 'round-not-editable',
      });
    }
    if (changes.leaderIds) {
      await tx.roundSubject.deleteMany({ where: { roundId } });
      await tx.roundSubject.createMany({
        data: changes.leaderIds.map((leaderId) => ({ roundId, leaderId })),
      });
    }
  });

  await jobs.planRound({ id: roundId, state, opensAt, closesAt, reminderOffsetsHours });
  return loadRoundDetail({ db, orgId, roundId });
}

function assertOpenRoundChange(round: { closesAt: Date }, changes: UpdateRoundInput): void {
  const fixed = Object.keys(changes).filter(
    (field) => changes[field as keyof UpdateRoundInput] !== undefined && !OPEN_EDITABLE.has(field),
  );
  const errors = fixed.map((field) => ({
    field: `body.${field}`,
    message:
      field === 'schedule'
        ? 'an open round cannot be scheduled or taken back to draft'
        : 'cannot change once the round is open: the invitations promise it',
  }));
  if (changes.closesAt && new Date(changes.closesAt).getTime() < round.closesAt.getTime()) {
    errors.push({
      field: 'body.closesAt',
      message: 'an open round can only close later: raters were told the date (close it now instead)',
    });
  }
  if (errors.length > 0) {
    throw new AppError('validation', 'This change is not possible while the round is open; see `errors`.', {
      errors,
    });
  }
}

/**
 * Keeps the series anchor right. The first round of a series is its anchor, so moving it before it
 * opens moves the series; a later round moved by hand leaves the series' calendar as it is. A new
 * recurrence starts a new series at this round. An open round's later close is a one-off.
 */
function seriesChange(
  round: { state: RoundState; recurrence: string; seriesIndex: number },
  next: { opensAt: Date; closesAt: Date; recurrence: string | undefined },
) {
  const newSeries = next.recurrence !== undefined && next.recurrence !== round.recurrence;
  if (newSeries) return { seriesOpensAt: next.opensAt, seriesClosesAt: next.closesAt, seriesIndex: 0 };
  if (round.seriesIndex === 0 && round.state !== 'open') {
    return { seriesOpensAt: next.opensAt, seriesClosesAt: next.closesAt };
  }
  return {};
}
