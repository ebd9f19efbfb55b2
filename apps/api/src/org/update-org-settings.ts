import type { OrgSettings, UpdateOrgSettingsRequest } from '@resonance/contracts';
import { type Db, isPrismaError, PrismaErrorCode } from '@resonance/db';
import { AppError } from '../errors/problem';
import { orgSettingsSelect } from './org-settings';

/**
 * Changes name, default locale, the anonymity threshold k or the time zone. A new k applies to every
 * result read from now on, closed rounds included. A new zone applies to rounds scheduled from now
 * on (the next round of a series) and to every time shown; scheduled instants do not move. Small-team
 * mode applies to rounds opened from now on: a round keeps the mode it opened with, so switching it
 * never changes what an open or closed round combines. A new retention period applies to every closed
 * round whose raw answers are still kept (a shorter one lets the next retention run delete them).
 */
export async function updateOrgSettings({
  db,
  orgId,
  changes,
}: {
  db: Db;
  orgId: string;
  changes: UpdateOrgSettingsRequest;
}): Promise<OrgSettings> {
  try {
    return await db.organisation.update({ where: { id: orgId }, data: changes, select: orgSettingsSelect });
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.recordNotFound))
      throw new AppError('notFound', 'No such organisation.');
    throw error;
  }
}
