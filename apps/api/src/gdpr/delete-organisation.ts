import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';

/**
 * Deletes an organisation and everything of it in one transaction: every table hangs off the
 * organisation with ON DELETE CASCADE. The audit log refuses deletes except for this purge.
 */
export async function deleteOrganisation(db: Db, orgId: string, confirm: string): Promise<void> {
  const organisation = await db.organisation.findUnique({ where: { id: orgId }, select: { slug: true } });
  if (!organisation) throw new AppError('notFound', 'No such organisation.');
  if (confirm !== organisation.slug) {
    throw new AppError('validation', 'Type the organisation’s short name exactly to confirm.', {
      code: 'confirmation-mismatch',
      errors: [{ field: 'body.confirm', message: 'does not match the organisation’s short name' }],
    });
  }
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('resonance.audit_purge', 'on', true)`;
    await tx.organisation.delete({ where: { id: orgId } });
  });
}
