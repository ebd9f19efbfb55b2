import type { Person } from '@resonance/contracts';
import type { Db } from '@resonance/db';

/** What a person edit can change, as the audit log compares it before and after. */
export interface PersonAuditFacts {
  [field: string]: string | boolean | null;
  email: string;
  name: string;
  role: string;
  active: boolean;
  managerId: string | null;
  locale: string | null;
}

export async function readPersonAuditFacts(
  db: Db,
  orgId: string,
  personId: string,
): Promise<PersonAuditFacts | null> {
  return db.person.findFirst({
    where: { id: personId, orgId },
    select: { email: true, name: true, role: true, active: true, managerId: true, locale: true },
  });
}

export function personAuditFacts(person: Person): PersonAuditFacts {
  return {
    email: person.email,
    name: person.name,
    role: person.role,
    active: person.active,
    managerId: person.manager?.id ?? null,
    locale: person.locale,
  };
}
