import { type Session, SSO_REQUIRED_CODE } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';
import { issueSession, sessionUserSelect } from './issue-session';
import { dummyPasswordHash, verifyPassword } from './password';
import type { AccessTokenSigner } from './tokens';

const INVALID_CREDENTIALS = 'The email or the password is not correct.';

/**
 * Most accounts one login checks the password against. Each check is a deliberately slow hash:
 * without a bound, an attacker who signs up many organisations under one email makes every
 * wrong-password login of that email that many times dearer. Someone with more accounts names
 * the organisation.
 */
export const MAX_ACCOUNTS_PER_LOGIN = 5;

/**
 * Checks the password against the active accounts with this email (one per organisation it
 * belongs to, at most MAX_ACCOUNTS_PER_LOGIN). Only when the password fits accounts in several organisations must the caller
 * name one; an unknown email, a wrong password and a deactivated account all look the same.
 */
export async function login({
  db,
  signAccessToken,
  email,
  password,
  organisation,
}: {
  db: Db;
  signAccessToken: AccessTokenSigner;
  email: string;
  password: string;
  organisation?: string | undefined;
}): Promise<Session> {
  const candidates = await db.user.findMany({
    where: {
      email,
      active: true,
      person: { active: true },
      ...(organisation ? { organisation: { slug: organisation } } : {}),
    },
    select: {
      ...sessionUserSelect,
      passwordHash: true,
      organisation: { select: { slug: true, name: true, sso: { select: { enabled: true, ssoOnly: true } } } },
    },
    orderBy: { createdAt: 'asc' },
    take: MAX_ACCOUNTS_PER_LOGIN,
  });

  const matches: typeof candidates = [];
  for (const candidate of candidates) {
    if (candidate.passwordHash && (await verifyPassword(password, candidate.passwordHash))) {
      matches.push(candidate);
    }
  }
  if (candidates.length === 0) await verifyPassword(password, await dummyPasswordHash());

  // Only a right password learns that its organisation signs in through its identity provider, so
  // "SSO only" reveals no more about an email than a wrong password does.
  const passwordAllowed = matches.filter((m) => !(m.organisation.sso?.enabled && m.organisation.sso.ssoOnly));
  const [match, ...others] = passwordAllowed;
  if (!match && matches[0]) {
    throw new AppError('forbidden', 'Your organisation signs in with single sign-on only.', {
      code: SSO_REQUIRED_CODE,
      extensions: { organisation: matches[0].organisation.slug },
    });
  }
  if (!match) throw new AppError('unauthenticated', INVALID_CREDENTIALS, { code: 'invalid-credentials' });
  if (others.length > 0) {
    throw new AppError('validation', 'This account exists in several organisations; choose one.', {
      code: 'organisation-required',
      errors: [{ field: 'body.organisation', message: 'name the organisation to log in to' }],
      extensions: {
        organisations: passwordAllowed.map((m) => ({ slug: m.organisation.slug, name: m.organisation.name })),
      },
    });
  }
  return issueSession({ db, signAccessToken, user: match });
}
