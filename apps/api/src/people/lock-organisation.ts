import type { Prisma } from '@resonance/db';

/**
 * Serialises changes to one organisation's people (imports, role changes) so that checks such as
 * "not the last admin" or "no manager cycle" cannot be raced by a concurrent request.
 */
export async function lockOrganisation(tx: Prisma.TransactionClient, orgId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${orgId}::uuid FOR UPDATE`;
}
