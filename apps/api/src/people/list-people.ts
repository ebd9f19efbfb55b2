import type { ListPeopleResponse, PersonRole } from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';
import { personViewSelect, toPersonView } from './person-view';

export interface ListPeopleFilter {
  page: number;
  pageSize: number;
  search?: string | undefined;
  role?: PersonRole | undefined;
  active?: boolean | undefined;
}

/** One page of the organisation's people, ordered by name, with the total for the filter. */
export async function listPeople({
  db,
  orgId,
  filter,
}: {
  db: Db;
  orgId: string;
  filter: ListPeopleFilter;
}): Promise<ListPeopleResponse> {
  const where: Prisma.PersonWhereInput = {
    orgId,
    // Erased people (GDPR) are rows without a name, kept only for anonymous results.
    erasedAt: null,
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.active !== undefined ? { active: filter.active } : {}),
    ...(filter.search
      ? {
          OR: [
            { name: { contains: filter.search, mode: 'insensitive' } },
            { email: { contains: filter.search, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      select: personViewSelect,
      orderBy: [{ name: 'asc' }, { email: 'asc' }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
    }),
  ]);
  return { items: rows.map(toPersonView), total, page: filter.page, pageSize: filter.pageSize };
}
