import type { AuditAction, AuditList } from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

const auditEventSelect = {
  id: true,
  createdAt: true,
  actorUserId: true,
  actorEmail: true,
  action: true,
  targetType: true,
  targetId: true,
  details: true,
} satisfies Prisma.AuditEventSelect;

/**
 * One page of the organisation's audit log, newest first. Keyset pagination on (createdAt, id):
 * events appended while an admin pages through never shift or repeat the older pages.
 */
export async function listAudit({
  db,
  orgId,
  limit,
  before,
}: {
  db: Db;
  orgId: string;
  limit: number;
  before?: string | undefined;
}): Promise<AuditList> {
  const cursor = before === undefined ? null : decodeAuditCursor(before);
  const rows = await db.auditEvent.findMany({
    where: {
      orgId,
      ...(cursor
        ? {
            OR: [
              { createdAt: { lt: cursor.createdAt } },
              { createdAt: cursor.createdAt, id: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: auditEventSelect,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      at: row.createdAt.toISOString(),
      actor: row.actorUserId ? { userId: row.actorUserId, email: row.actorEmail ?? '' } : null,
      action: row.action as AuditAction,
      target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
      details: isObject(row.details) ? row.details : {},
    })),
    nextCursor: rows.length > limit && last ? encodeAuditCursor(last) : null,
  };
}

function isObject(value: Prisma.JsonValue): value is Prisma.JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
