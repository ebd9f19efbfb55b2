import type { AuditAction } from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';

/** The database or an open transaction: an event recorded in the action's transaction commits with it. */
export type AuditDb = Db | Prisma.TransactionClient;

/** Who acted. The email is copied into the event so the log still names them after they leave. */
export interface AuditActor {
  userId: string;
  /** Looked up from the user when omitted (an authenticated request knows only the id). */
  email?: string;
}

export type AuditTargetType = 'organisation' | 'person' | 'round';

export interface AuditRecord {
  orgId: string;
  /** null when the system acted (the scheduler). */
  actor: AuditActor | null;
  action: AuditAction;
  target?: { type: AuditTargetType; id: string };
  /** Small and factual: what changed, counts from the org chart. Never answers, never who answered or was reminded. */
  details?: Prisma.InputJsonObject;
}

/** Appends one event to the organisation's audit log (the table refuses UPDATE and DELETE). */
export async function recordAudit(db: AuditDb, { orgId, actor, action, target, details = {} }: AuditRecord) {
  const actorEmail =
    actor === null
      ? null
      : (actor.email ??
        (await db.user.findUnique({ where: { id: actor.userId }, select: { email: true } }))?.email ??
        null);
  await db.auditEvent.create({
    data: {
      orgId,
      actorUserId: actor?.userId ?? null,
      actorEmail,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      details,
    },
    select: { id: true },
  });
}

/**
 * Records a transition the scheduler made on a round. The scheduler acts for every organisation,
 * so the round tells which log the event belongs to.
 */
export async function recordSchedulerAudit(
  db: AuditDb,
  { roundId, action, details }: { roundId: string; action: AuditAction; details?: Prisma.InputJsonObject },
) {
  const round = await db.round.findUnique({ where: { id: roundId }, select: { orgId: true } });
  if (!round) return;
  await recordAudit(db, {
    orgId: round.orgId,
    actor: null,
    action,
    target: { type: 'round', id: roundId },
    ...(details ? { details } : {}),
  });
}
