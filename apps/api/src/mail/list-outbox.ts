import type { OutboxEmail } from '@resonance/contracts';
import type { Db } from '@resonance/db';

/** The organisation's stored emails, newest first (development without SMTP). */
export async function listOutbox({
  db,
  orgId,
  limit,
}: {
  db: Db;
  orgId: string;
  limit: number;
}): Promise<OutboxEmail[]> {
  const emails = await db.outboxEmail.findMany({
    where: { orgId },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, html: true, createdAt: true },
  });
  return emails.map((email) => ({ ...email, createdAt: email.createdAt.toISOString() }));
}
