import type { MeResponse } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';

/** The caller's user, their place in the org chart and their organisation. */
export async function getMe({
  db,
  userId,
  orgId,
}: {
  db: Db;
  userId: string;
  orgId: string;
}): Promise<MeResponse> {
  const user = await db.user.findFirst({
    where: { id: userId, orgId },
    select: {
      id: true,
      email: true,
      role: true,
      locale: true,
      person: { select: { id: true, name: true, email: true } },
      organisation: {
        select: {
          id: true,
          name: true,
          slug: true,
          defaultLocale: true,
          anonymityThreshold: true,
          timeZone: true,
        },
      },
    },
  });
  if (!user) throw new AppError('notFound', 'No such user.');
  const { person, organisation, ...rest } = user;
  return { user: rest, person, organisation, role: user.role };
}
