import type { InviteUserResponse } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { passwordSetupLink, renderPasswordSetupEmail } from '../auth/password-setup-email';
import { generateOpaqueToken, hashToken, PASSWORD_SETUP_TTL_MS } from '../auth/tokens';
import { AppError } from '../errors/problem';
import type { Mailer } from '../mail/mailer';

/**
 * Gives a leader or admin from the org chart a login: creates (or re-enables) their user and emails
 * a single-use link to choose a password. A new link replaces any earlier one; the existing
 * password, if any, keeps working until the new one is set. In an organisation with SSO only no
 * link is sent (there is no password to choose): the login is ready for single sign-on.
 */
export async function inviteUser({
  db,
  mailer,
  webUrl,
  orgId,
  personId,
  now = new Date(),
}: {
  db: Db;
  mailer: Mailer;
  webUrl: string;
  orgId: string;
  personId: string;
  now?: Date;
}): Promise<InviteUserResponse> {
  const person = await db.person.findFirst({
    where: { id: personId, orgId, erasedAt: null },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      locale: true,
      user: { select: { id: true, role: true, active: true } },
      organisation: {
        select: {
          name: true,
          defaultLocale: true,
          timeZone: true,
          sso: { select: { enabled: true, ssoOnly: true } },
        },
      },
    },
  });
  if (!person) throw new AppError('notFound', 'No such person.');
  if (!person.active) {
    throw new AppError('conflict', 'This person is deactivated; activate them first.', {
      code: 'person-inactive',
    });
  }
  if (person.role === 'member') {
    throw new AppError(
      'conflict',
      'Only leaders and admins log in; give this person one of those roles first.',
      {
        code: 'not-a-leader',
      },
    );
  }
  const role = person.role;
  const ssoOnly = person.organisation.sso?.enabled === true && person.organisation.sso.ssoOnly;
  const token = generateOpaqueToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_SETUP_TTL_MS);

  const user = await db.$transaction(async (tx) => {
    const user = person.user
      ? await tx.user.update({
          where: { id: person.user.id },
          data: {
            role,
            active: true,
            email: person.email,
            ...(person.user.role !== role || !person.user.active ? { tokenVersion: { increment: 1 } } : {}),
          },
          select: { id: true },
        })
      : await tx.user.create({
          data: { orgId, personId: person.id, email: person.email, role, locale: person.locale },
          select: { id: true },
        });
    await tx.passwordSetupToken.updateMany({
      where: { userId: user.id, usedAt: null },
      data: { usedAt: now },
    });
    if (!ssoOnly) {
      await tx.passwordSetupToken.create({
        data: { userId: user.id, tokenHash: hashToken(token), expiresAt },
        select: { id: true },
      });
    }
    return user;
  });
  if (ssoOnly) return { userId: user.id, email: person.email, role, signIn: 'sso', expiresAt: null };

  await mailer.send({
    kind: 'password-setup',
    orgId,
    to: person.email,
    ...renderPasswordSetupEmail({
      locale: person.locale ?? person.organisation.defaultLocale,
      name: person.name,
      orgName: person.organisation.name,
      link: passwordSetupLink(webUrl, token),
      expiresAt,
      timeZone: person.organisation.timeZone,
    }),
  });
  return {
    userId: user.id,
    email: person.email,
    role,
    signIn: 'password',
    expiresAt: expiresAt.toISOString(),
  };
}
