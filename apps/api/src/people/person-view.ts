import type { Person } from '@resonance/contracts';
import type { Prisma } from '@resonance/db';

/** What an admin sees of a person: the same select for the list and for an update's reply. */
export const personViewSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  active: true,
  manager: { select: { id: true, name: true, email: true } },
  _count: { select: { reports: { where: { active: true } } } },
  user: { select: { id: true, role: true, active: true, passwordHash: true } },
} satisfies Prisma.PersonSelect;

type PersonRow = Prisma.PersonGetPayload<{ select: typeof personViewSelect }>;

export function toPersonView({ _count, user, ...person }: PersonRow): Person {
  return {
    ...person,
    directReports: _count.reports,
    user: user
      ? { id: user.id, role: user.role, active: user.active, hasPassword: user.passwordHash !== null }
      : null,
  };
}
