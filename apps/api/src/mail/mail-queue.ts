import type { Db, Prisma, RaterGroup } from '@resonance/db';
import type { Locale } from '@resonance/domain';

/**
 * The durable queue of invitation emails (table mail_queue). Rows are written in the transaction
 * that opens a round and hold only the invitation and the kind: recipient, names and the link are
 * read and derived again when the email is sent, so no token is ever stored. Sent and failed rows
 * forget their invitation and stay as counts. Reminders are never queued (see docs/anonymity.md).
 */

type Tx = Prisma.TransactionClient;

/** Queues one invitation email per invitation of the round; one statement, inside the opening transaction. */
export async function queueInvitationEmails(tx: Tx, roundId: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO mail_queue (id, round_id, invitation_id, kind)
    SELECT gen_random_uuid(), i.round_id, i.id, 'invitation'::"MailKind"
    FROM invitations i WHERE i.round_id = ${roundId}::uuid`;
}

/** A claimed queue row with everything needed to render its email. */
export interface ClaimedMail {
  id: string;
  invitationId: string;
  attempts: number;
  orgId: string;
  orgName: string;
  to: string;
  raterName: string;
  leaderName: string;
  raterGroup: RaterGroup;
  locale: Locale;
  closesAt: Date;
  /** The organisation's time zone, for the deadline. */
  timeZone: string;
  /** The round's k and the organisation's; the email states the larger. */
  roundK: number | null;
  orgK: number;
  /** The round's small-team mode, for the privacy notice. */
  smallTeamMode: boolean;
  /**
   * False when the round closed (or its closing time passed) before the email went out, or the
   * invitation is gone (its person was deleted): nothing to send any more.
   */
  deliverable: boolean;
}

/** `to_timestamp` in UTC for the schema's `timestamp without time zone` columns, from epoch milliseconds. */
const UTC_MS = (param: string) => `(to_timestamp(${param}::float8 / 1000) AT TIME ZONE 'UTC')`;

/**
 * Claims up to `limit` due rows (pending, not leased) and leases them until `leaseUntil`: a process
 * that dies while sending leaves them to be claimed again once the lease ends. SKIP LOCKED lets
 * several senders (API instances) work side by side without taking the same row.
 */
export async function claimDueMails(
  db: Db,
  { now, leaseUntil, limit }: { now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedMail[]> {
  const { rows } = await db.pool.query<{
    id: string;
    invitation_id: string;
    attempts: number;
    org_id: string;
    org_name: string;
    email: string;
    rater_name: string;
    leader_name: string;
    rater_group: RaterGroup;
    locale: Locale;
    closes_ms: string;
    time_zone: string;
    round_k: number | null;
    org_k: number;
    small_team_mode: boolean;
    deliverable: boolean;
  }>(
    `WITH claimed AS (
       UPDATE mail_queue q SET attempts = q.attempts + 1, due_at = ${UTC_MS('$2')}
       FROM (SELECT id FROM mail_queue
             WHERE state = 'pending' AND invitation_id IS NOT NULL AND (due_at IS NULL OR due_at <= ${UTC_MS('$1')})
             ORDER BY due_at NULLS FIRST
             LIMIT $3
             FOR UPDATE SKIP LOCKED) due
       WHERE q.id = due.id
       RETURNING q.id, q.invitation_id, q.attempts, q.round_id)
     SELECT c.id, c.invitation_id, c.attempts, r.org_id, o.name AS org_name, p.email, p.name AS rater_name,
            l.name AS leader_name, i.rater_group, i.locale,
            (extract(epoch FROM r.closes_at) * 1000)::bigint::text AS closes_ms, o.time_zone,
            r.anonymity_threshold AS round_k, o.anonymity_threshold AS org_k, r.small_team_mode,
            (i.id IS NOT NULL AND r.state = 'open' AND r.closes_at > ${UTC_MS('$1')}) AS deliverable
     FROM claimed c
     JOIN rounds r ON r.id = c.round_id
     JOIN organisations o ON o.id = r.org_id
     LEFT JOIN invitations i ON i.id = c.invitation_id
     LEFT JOIN people p ON p.id = i.rater_id
     LEFT JOIN people l ON l.id = i.leader_id`,
    [now.getTime(), leaseUntil.getTime(), limit],
  );
  return rows.map((row) => ({
    id: row.id,
    invitationId: row.invitation_id,
    attempts: row.attempts,
    orgId: row.org_id,
    orgName: row.org_name,
    to: row.email,
    raterName: row.rater_name,
    leaderName: row.leader_name,
    raterGroup: row.rater_group,
    locale: row.locale,
    closesAt: new Date(Number(row.closes_ms)),
    timeZone: row.time_zone,
    roundK: row.round_k,
    orgK: row.org_k,
    smallTeamMode: row.small_team_mode,
    deliverable: row.deliverable,
  }));
}

/** Sent: the row forgets its invitation and remains a count. */
export async function markMailsSent(db: Db, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.pool.query(
    `UPDATE mail_queue SET state = 'sent', invitation_id = NULL, due_at = NULL, last_error = NULL,
            sent_at = ${UTC_MS('$2')}
     WHERE id = ANY($1::uuid[])`,
    [ids, now.getTime()],
  );
}

export interface MailFailure {
  id: string;
  /** Retry at this time, or null to give up (the row forgets its invitation, like a sent one). */
  retryAt: Date | null;
  error: string;
}

export async function markMailsFailed(db: Db, failures: readonly MailFailure[]): Promise<void> {
  if (failures.length === 0) return;
  await db.pool.query(
    `UPDATE mail_queue AS q
     SET state = CASE WHEN f.retry_ms IS NULL THEN 'failed' ELSE 'pending' END::"MailQueueState",
         invitation_id = CASE WHEN f.retry_ms IS NULL THEN NULL ELSE q.invitation_id END,
         due_at = ${UTC_MS('f.retry_ms')},
         last_error = f.error
     FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS f(id, retry_ms, error)
     WHERE q.id = f.id`,
    [
      failures.map((failure) => failure.id),
      failures.map((failure) => failure.retryAt?.getTime() ?? null),
      failures.map((failure) => failure.error),
    ],
  );
}

/** Emails that can no longer be delivered (round closed, invitation gone): nothing to invite to any more. */
export async function dropMails(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.pool.query('DELETE FROM mail_queue WHERE id = ANY($1::uuid[])', [ids]);
}

export interface MailQueueCounts {
  pending: number;
  sent: number;
  failed: number;
}

/** The organisation's queue state, for its admins (counts only; invitations go to everyone invited). */
export async function mailQueueCounts(db: Db, orgId: string): Promise<MailQueueCounts> {
  const { rows } = await db.pool.query<{ state: keyof MailQueueCounts; count: string }>(
    `SELECT q.state, count(*)::text AS count FROM mail_queue q JOIN rounds r ON r.id = q.round_id
     WHERE r.org_id = $1::uuid GROUP BY q.state`,
    [orgId],
  );
  const counts: MailQueueCounts = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}

/** Emails not yet sent or given up, across all organisations (the metrics' queue depth). */
export async function pendingMailCount(db: Db): Promise<number> {
  return db.mailQueueItem.count({ where: { state: 'pending' } });
}
