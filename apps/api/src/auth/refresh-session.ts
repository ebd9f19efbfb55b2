import type { Session } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';
import { issueSession, sessionUserSelect } from './issue-session';
import { type AccessTokenSigner, hashToken } from './tokens';

const INVALID = 'The refresh token is invalid or expired. Log in again.';

/**
 * Rotates a refresh token: the presented token is used up and a new one of the same family is
 * returned. A token presented a second time means it was copied: the whole family is revoked,
 * so whoever holds the newer tokens (the thief or the user) has to log in again.
 */
export async function refreshSession({
  db,
  signAccessToken,
  refreshToken,
  now = new Date(),
}: {
  db: Db;
  signAccessToken: AccessTokenSigner;
  refreshToken: string;
  now?: Date;
}): Promise<Session> {
  const stored = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    select: {
      id: true,
      familyId: true,
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      user: { select: { ...sessionUserSelect, active: true, person: { select: { active: true } } } },
    },
  });
  if (!stored || stored.revokedAt || stored.expiresAt <= now) {
    throw new AppError('unauthenticated', INVALID, { code: 'invalid-refresh-token' });
  }
  if (stored.usedAt) {
    await revokeFamily(db, stored.familyId, now);
    throw new AppError('unauthenticated', INVALID, { code: 'refresh-token-reused' });
  }
  const { user } = stored;
  if (!user.active || !user.person.active) {
    await revokeFamily(db, stored.familyId, now);
    throw new AppError('unauthenticated', INVALID, { code: 'invalid-refresh-token' });
  }

  const session = await db.$transaction(async (tx) => {
    // Only one of several concurrent refreshes with the same token may win.
    const claimed = await tx.refreshToken.updateMany({
      where: { id: stored.id, usedAt: null, revokedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count === 0) return null;
    return issueSession({ db: tx, signAccessToken, user, familyId: stored.familyId, now });
  });
  if (!session) {
    await revokeFamily(db, stored.familyId, now);
    throw new AppError('unauthenticated', INVALID, { code: 'refresh-token-reused' });
  }
  return session;
}

export async function revokeFamily(db: Pick<Db, 'refreshToken'>, familyId: string, now = new Date()) {
  await db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } });
}
