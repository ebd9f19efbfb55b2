import type { Person, UpdatePersonRequest } from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';
import { detectManagerCycles } from '@resonance/domain';
import type { AuthUser } from '../auth/auth-plugin';
import { AppError } from '../errors/problem';
import { lockOrganisation } from './lock-organisation';
import { personViewSelect, toPersonView } from './person-view';

/**
 * Changes a person's name, role, manager, locale or active flag. The person's login follows:
 * deactivation or the role "member" disables it, a role change updates it, and either bumps its
 * token version so open sessions end at once.
 */
export async function updatePerson({
  db,
  actor,
  personId,
  changes,
  now = new Date(),
}: {
  db: Db;
  actor: AuthUser;
  personId: string;
  changes: UpdatePersonRequest;
  now?: Date;
}): Promise<Person> {
  const { orgId } = actor;
  return db.$transaction(async (tx) => {
    await lockOrganisation(tx, orgId);
    const person = await tx.person.findFirst({
      where: { id: personId, orgId, erasedAt: null },
      select: {
        id: true,
        role: true,
        active: true,
        managerId: true,
        user: { select: { id: true, role: true, active: true } },
      },
    });
    if (!person) throw new AppError('notFound', 'No such person.');

    if (changes.managerId) await assertValidManager(tx, orgId, person.id, changes.managerId);

    const role = changes.role ?? person.role;
    const active = changes.active ?? person.active;
    if (person.id === actor.personId && !active) {
      throw new AppError('conflict', 'You cannot deactivate yourself.', { code: 'cannot-deactivate-self' });
    }
    const isAdmin = person.role === 'admin' && person.active && person.user?.active === true;
    if (isAdmin && !(role === 'admin' && active)) await assertAnotherAdmin(tx, orgId, person.id);

    await tx.person.update({
      where: { id: person.id },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
        ...(changes.managerId !== undefined ? { managerId: changes.managerId } : {}),
        // A new manager is a new team: raters of a round see how many of their group are new (rule 11).
        ...(changes.managerId !== undefined && changes.managerId !== person.managerId
          ? { teamSince: now }
          : {}),
        role,
        active,
      },
      select: { id: true },
    });
    if (person.user) {
      await syncLogin(tx, person.user, { role, active, locale: changes.locale, now });
    }
    const updated = await tx.person.findUniqueOrThrow({ where: { id: person.id }, select: personViewSelect });
    return toPersonView(updated);
  });
}

async function assertValidManager(
  tx: Prisma.TransactionClient,
  orgId: string,
  personId: string,
  managerId: string,
) {
  if (managerId === personId) {
    throw new AppError('validation', 'A person cannot be their own manager.', {
      errors: [{ field: 'body.managerId', message: 'cannot be the person themself' }],
    });
  }
  const edges = await tx.person.findMany({ where: { orgId }, select: { id: true, managerId: true } });
  if (!edges.some((edge) => edge.id === managerId)) {
    throw new AppError('notFound', 'No person with that managerId in your organisation.');
  }
  const proposed = edges.map((edge) => (edge.id === personId ? { ...edge, managerId } : edge));
  if (detectManagerCycles(proposed).length > 0) {
    throw new AppError('validation', 'This manager would create a cycle in the reporting line.', {
      code: 'manager-cycle',
      errors: [{ field: 'body.managerId', message: 'reports (directly or indirectly) to this person' }],
    });
  }
}

/** Admins are people with the role admin and an active login; an organisation keeps at least one. */
export async function assertAnotherAdmin(tx: Prisma.TransactionClient, orgId: string, personId: string) {
  const others = await tx.user.count({
    where: {
      orgId,
      role: 'admin',
      active: true,
      personId: { not: personId },
      person: { role: 'admin', active: true },
    },
  });
  if (others === 0) {
    throw new AppError('conflict', 'The organisation needs at least one active admin.', {
      code: 'last-admin',
    });
  }
}

/** Keeps a person's login in step with their role and active flag. */
export async function syncLogin(
  tx: Prisma.TransactionClient,
  user: { id: string; role: 'admin' | 'leader'; active: boolean },
  person: {
    role: 'member' | 'leader' | 'admin';
    active: boolean;
    locale?: 'de' | 'en' | null | undefined;
    now: Date;
  },
) {
  const canLogIn = person.active && person.role !== 'member';
  const role = person.role === 'member' ? user.role : person.role;
  const changed = canLogIn !== user.active || role !== user.role;
  await tx.user.update({
    where: { id: user.id },
    data: {
      active: canLogIn,
      role,
      ...(person.locale !== undefined ? { locale: person.locale } : {}),
      ...(changed ? { tokenVersion: { increment: 1 } } : {}),
    },
    select: { id: true },
  });
  if (!canLogIn && user.active) {
    await tx.refreshToken.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: person.now },
    });
  }
}
