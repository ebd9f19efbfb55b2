import { randomUUID } from 'node:crypto';
import type { Session, UserRole } from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type AccessTokenSigner,
  generateOpaqueToken,
  hashToken,
  REFRESH_TOKEN_TTL_MS,
} from './tokens';

export interface SessionUser {
  id: string;
  orgId: string;
  role: UserRole;
  tokenVersion: number;
}

export const sessionUserSelect = {
  id: true,
  orgId: true,
  role: true,
  tokenVersion: true,
} satisfies Prisma.UserSelect;

/**
 * A new access token and refresh token for a user. A login starts a new refresh-token family;
 * a refresh continues its family, so reuse of an old token can revoke everything issued after it.
 */
export async function issueSession({
  db,
  signAccessToken,
  user,
  familyId = randomUUID(),
  now = new Date(),
}: {
  db: Db | Prisma.TransactionClient;
  signAccessToken: AccessTokenSigner;
  user: SessionUser;
  familyId?: string;
  now?: Date;
}): Promise<Session> {
  const refreshToken = generateOpaqueToken();
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  await db.refreshToken.create({
    data: { userId: user.id, tokenHash: hashToken(refreshToken), familyId, expiresAt },
    select: { id: true },
  });
  return {
    tokenType: 'Bearer',
    accessToken: signAccessToken({ sub: user.id, org: user.orgId, role: user.role, ver: user.tokenVersion }),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
    refreshTokenExpiresAt: expiresAt.toISOString(),
  };
}
