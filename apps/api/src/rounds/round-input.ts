import type { Db, Prisma } from '@resonance/db';
import { type RaterGroup, reminderTimes, scheduleIssues } from '@resonance/domain';
import { AppError, type FieldError } from '../errors/problem';

/**
 * Checks a round's schedule with the domain rules and answers with per-field problem+json errors
 * instead of one sentence.
 */
export function assertValidSchedule(input: {
  opensAt: Date;
  closesAt: Date;
  reminderOffsetsHours: readonly number[];
  now: Date;
}): void {
  const errors: FieldError[] = scheduleIssues(input).map((issue) => ({
    field: `body.${issue.field}`,
    message: issue.message,
  }));
  if (errors.length === 0) reminderTimes(input.opensAt, input.closesAt, input.reminderOffsetsHours);
  if (errors.length > 0) {
    throw new AppError('validation', 'The schedule of this round is not possible; see `errors`.', { errors });
  }
}

/** Leaders must be active people of the caller's organisation; anyone else is "unknown", never "foreign". */
export async function assertKnownLeaders(
  db: Db | Prisma.TransactionClient,
  orgId: string,
  leaderIds: readonly string[],
): Promise<void> {
  const found = await db.person.findMany({
    where: { orgId, id: { in: [...leaderIds] }, active: true },
    select: { id: true },
  });
  const known = new Set(found.map((person) => person.id));
  const errors = leaderIds.flatMap((id, index) =>
    known.has(id)
      ? []
      : [{ field: `body.leaderIds.${index}`, message: 'is not an active person of this organisation' }],
  );
  if (errors.length > 0) {
    throw new AppError('validation', 'Some leaders are not in the organisation chart; see `errors`.', {
      errors,
    });
  }
}

export function uniqueGroups(groups: readonly RaterGroup[]): RaterGroup[] {
  return [...new Set(groups)];
}
