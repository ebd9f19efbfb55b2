import type { Db } from '@resonance/db';
import { revokeFamily } from './refresh-session';
import { hashToken } from './tokens';

/** Revokes the refresh token and every token rotated from the same login. Idempotent. */
export async function logout({ db, refreshToken }: { db: Db; refreshToken: string }): Promise<void> {
  const stored = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    select: { familyId: true },
  });
  if (stored) await revokeFamily(db, stored.familyId);
}
