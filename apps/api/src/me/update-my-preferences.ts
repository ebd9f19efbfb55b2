import type { MeResponse, UpdateMyPreferencesRequest } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';
import { getMe } from './get-me';

/** Saves the caller's own language; null goes back to following the organisation default. */
export async function updateMyPreferences({
  db,
  userId,
  orgId,
  locale,
}: {
  db: Db;
  userId: string;
  orgId: string;
  locale: UpdateMyPreferencesRequest['locale'];
}): Promise<MeResponse> {
  // Scoped by organisation too, so a token can never reach a user of another tenant.
  const { count } = await db.user.updateMany({ where: { id: userId, orgId }, data: { locale } });
  if (count === 0) throw new AppError('notFound', 'No such user.');
  return getMe({ db, userId, orgId });
}
