import type { CreateRoundInput, RoundDetail } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { transition } from '@resonance/domain';
import type { RoundJobs } from '../scheduler/round-jobs';
import { latestQuestionnaireVersion } from './questionnaire-version';
import { assertKnownLeaders, assertValidSchedule, uniqueGroups } from './round-input';
import { loadRoundDetail } from './round-view';

/** A new round on the latest questionnaire: a draft, or scheduled at once with `schedule: true`. */
export async function createRound({
  db,
  jobs,
  orgId,
  input,
  now,
}: {
  db: Db;
  jobs: RoundJobs;
  orgId: string;
  input: CreateRoundInput;
  now: Date;
}): Promise<RoundDetail> {
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  assertValidSchedule({ opensAt, closesAt, reminderOffsetsHours: input.reminderOffsetsHours, now });
  await assertKnownLeaders(db, orgId, input.leaderIds);
  const questionnaire = await latestQuestionnaireVersion(db);
  const state = input.schedule ? transition('draft', 'schedule') : 'draft';

  const round = await db.round.create({
    data: {
      orgId,
      name: input.name,
      questionnaireVersionId: questionnaire.id,
      state,
      raterGroups: uniqueGroups(input.raterGroups),
      opensAt,
      closesAt,
      reminderOffsetsHours: input.reminderOffsetsHours,
      recurrence: input.recurrence,
      // The first round of its series: the next rounds are computed from this window.
      seriesOpensAt: opensAt,
      seriesClosesAt: closesAt,
      subjects: { create: input.leaderIds.map((leaderId) => ({ leaderId })) },
    },
    select: { id: true, state: true, opensAt: true, closesAt: true, reminderOffsetsHours: true },
  });
  await jobs.planRound(round);
  return loadRoundDetail({ db, orgId, roundId: round.id });
}
