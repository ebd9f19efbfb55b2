import { type Session, SSO_REQUIRED_CODE } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';
import { issueSession, sessionUserSelect } from './issue-session';
import { hashPassword } from './password';
import { type AccessTokenSigner, hashToken } from './tokens';

/**
 * Sets a password with a single-use setup token (sent by an admin through
 * `POST /people/:id/invite-user`) and logs the user in. Every older session ends.
 */
export async function setPassword({
  db,
  signAccessToken,
  token,
  password,
  now = new Date(),
}: {
  db: Db;
  signAccessToken: AccessTokenSigner;
  token: string;
  password: string;
  now?: Date;
}): Promise<Session> {
  const stored = await db.passwordSetupToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          active: true,
          person: { select: { active: true } },
          organisation: { select: { sso: { select: { enabled: true, ssoOnly: true } } } },
        },
      },
    },
  });
  if (!stored?.user.active || !stored.user.person.active) {
    throw new AppError('unauthenticated', 'This password link is not valid.', {
      code: 'invalid-setup-token',
    });
  }
  if (stored.usedAt || stored.expiresAt <= now) {
    throw new AppError(
      'gone',
      'This password link was already used or has expired. Ask an admin for a new one.',
      {
        code: 'setup-token-expired',
      },
    );
  }
  // Checked before the token is used up: if passwords come back, the same link still works.
  const sso = stored.user.organisation.sso;
  if (sso?.enabled && sso.ssoOnly) {
    throw new AppError(
      'forbidden',
      'Your organisation signs in with single sign-on only; no password is needed.',
      {
        code: SSO_REQUIRED_CODE,
      },
    );
  }
  const passwordHash = await hashPassword(password);
  const userId = stored.user.id;
  const session = await db.$transaction(async (tx) => {
    const claimed = await tx.passwordSetupToken.updateMany({
      where: { id: stored.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count === 0) return null;
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, tokenVersion: { increment: 1 } },
      select: sessionUserSelect,
    });
    await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    return issueSession({ db: tx, signAccessToken, user, now });
  });
  if (!session) {
    throw new AppError('gone', 'This password link was already used. Ask an admin for a new one.', {
      code: 'setup-token-expired',
    });
  }
  return session;
}
