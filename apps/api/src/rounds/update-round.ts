import type { RoundDetail, UpdateRoundInput } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { type RoundState, transition } from '@resonance/domain';
import { AppError } from '../errors/problem';
import type { RoundJobs } from '../scheduler/round-jobs';
import { assertKnownLeaders, assertValidSchedule, uniqueGroups } from './round-input';
import { loadRoundDetail } from './round-view';

const EDITABLE: readonly RoundState[] = ['draft', 'scheduled'];

/**
 * Edits a round before it opens, and schedules or unschedules it. The write is conditional on the
 * state it was read in, so an edit racing with the scheduler's opening fails instead of changing
 * a round that is already open.
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
    select: { id: true, state: true, opensAt: true, closesAt: true, reminderOffsetsHours: true },
  });
  if (!round) throw new AppError('notFound', 'No such round.');
  if (!EDITABLE.includes(round.state)) {
    throw new AppError('conflict', `A round that is ${round.state} can no longer be edited.`, {
      code: 'round-not-editable',
    });
  }

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
