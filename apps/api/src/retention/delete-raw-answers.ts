import type { Db, Prisma } from '@resonance/db';
import {
  auditableDeletedCounts,
  type DeletedUnitCounts,
  effectiveThreshold,
  type RoundState,
  rawAnswersDueAt,
  THESIS_KEYS,
  thresholdsAfterRetention,
} from '@resonance/domain';
import { recordAudit } from '../audit/record-audit';
import { secureRandom } from '../results/secure-random';
import { storeRoundResults } from '../results/stored-results';
import type { SchedulerLog } from '../scheduler/advance-round';

export interface RetentionSummary {
  /** Rounds whose raw answers this run deleted. */
  deleted: string[];
  /** Rounds left as they were because their stored results were incomplete, or that failed. */
  failed: string[];
}

/** Rounds per query for due rounds; each round is then deleted in its own transaction. */
const ROUNDS_PER_PAGE = 50;

interface DueRound {
  id: string;
  org_id: string;
  state: RoundState;
  closed_at: Date | null;
  closes_at: Date;
  round_k: number | null;
  org_k: number;
  retention_days: number;
}

/**
 * The retention job: deletes the raw answers, follow-up answers and comments of every closed round
 * whose organisation's retention period has passed since it closed, across all organisations. First
 * it stores the round's results for every k they can ever be read for (see thresholdsAfterRetention),
 * because a result for a k raised later is computed from the raw comments; then, in one transaction
 * per round, it checks that everything dashboards, trends, heatmap, export and benchmark read is
 * there, deletes, marks the round and records it in the audit log. The round row is locked and the
 * mark re-checked inside that transaction, so several API instances delete a round exactly once;
 * a round already done is never selected again, so a second run is a no-op.
 */
export async function deleteDueRawAnswers(
  deps: { db: Db; log?: SchedulerLog; random?: () => number },
  now: Date,
): Promise<RetentionSummary> {
  const summary: RetentionSummary = { deleted: [], failed: [] };
  const tried: string[] = [];
  for (;;) {
    const page = await dueRounds(deps.db, now, tried);
    if (page.length === 0) return summary;
    for (const round of page) {
      tried.push(round.id);
      try {
        if (await deleteRoundRawAnswers(deps, round, now)) summary.deleted.push(round.id);
      } catch (error) {
        // One round must not hold up the others; it is tried again on the next run.
        deps.log?.error({ roundId: round.id, err: error }, 'retention: raw answers not deleted');
        summary.failed.push(round.id);
      }
    }
  }
}

async function dueRounds(db: Db, now: Date, tried: readonly string[]): Promise<DueRound[]> {
  const rows = await db.$queryRaw<DueRound[]>`
    SELECT r.id::text, r.org_id::text, r.state::text, r.closed_at, r.closes_at,
           r.anonymity_threshold AS round_k, o.anonymity_threshold AS org_k,
           o.raw_answer_retention_days AS retention_days
    FROM rounds r JOIN organisations o ON o.id = r.org_id
    WHERE r.state IN ('closed', 'archived') AND r.raw_answers_deleted_at IS NULL
      AND COALESCE(r.closed_at, r.closes_at) + make_interval(days => o.raw_answer_retention_days)
          <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      AND NOT (r.id = ANY(${[...tried]}::uuid[]))
    ORDER BY COALESCE(r.closed_at, r.closes_at), r.id
    LIMIT ${ROUNDS_PER_PAGE}`;
  // The domain's rule decides; the SQL only narrows the rows read.
  return rows.filter((row) => {
    const dueAt = rawAnswersDueAt(
      { state: row.state, closedAt: row.closed_at, closesAt: row.closes_at },
      row.retention_days,
    );
    return dueAt !== null && dueAt.getTime() <= now.getTime();
  });
}

/** True when this call deleted the round's raw answers; false when another caller had already. */
async function deleteRoundRawAnswers(
  deps: { db: Db; log?: SchedulerLog; random?: () => number },
  round: DueRound,
  now: Date,
): Promise<boolean> {
  const thresholds = thresholdsAfterRetention(round.round_k);
  // Idempotent (rows already stored are kept), so it may run outside the deleting transaction.
  try {
    for (const k of thresholds) {
      await storeRoundResults(deps.db, { roundId: round.id, k, random: deps.random ?? secureRandom });
    }
  } catch (error) {
    // Another instance deleted the round's raw answers meanwhile (storing then refuses): its work.
    const now = await deps.db.round.findUnique({
      where: { id: round.id },
      select: { rawAnswersDeletedAt: true },
    });
    if (now?.rawAnswersDeletedAt) return false;
    throw error;
  }
  const deleted = await deps.db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM rounds
        WHERE id = ${round.id}::uuid AND raw_answers_deleted_at IS NULL AND state IN ('closed', 'archived')
        FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return false;
      await assertResultsStored(tx, round.id, thresholds);
      const units = await unitCounts(tx, round.id);
      await tx.$executeRaw`
        DELETE FROM answers WHERE response_id IN (SELECT id FROM responses WHERE round_id = ${round.id}::uuid)`;
      await tx.$executeRaw`DELETE FROM responses WHERE round_id = ${round.id}::uuid`;
      await tx.$executeRaw`DELETE FROM comments WHERE round_id = ${round.id}::uuid`;
      await tx.round.update({
        where: { id: round.id },
        data: { rawAnswersDeletedAt: now },
        select: { id: true },
      });
      await recordAudit(tx, {
        orgId: round.org_id,
        actor: null,
        action: 'round.raw_answers_deleted',
        target: { type: 'round', id: round.id },
        details: {
          retentionDays: round.retention_days,
          ...auditableDeletedCounts(effectiveThreshold(round.round_k, round.org_k), units),
        },
      });
      return true;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (deleted) deps.log?.info({ roundId: round.id }, 'retention: raw answers deleted');
  return deleted;
}

/**
 * Refuses (rolling the deletion back) unless the round's rollups account for every raw response,
 * and its benchmark, every leader's result and the heatmap are stored for each k: after the
 * deletion nothing could compute them again in full.
 */
async function assertResultsStored(
  tx: Prisma.TransactionClient,
  roundId: string,
  thresholds: readonly number[],
): Promise<void> {
  const [check] = await tx.$queryRaw<{ unrolled: number; follow_ups_unrolled: number; missing: number }[]>`
    WITH units AS (
      SELECT leader_id, rater_group, count(*)::int AS n FROM responses
      WHERE round_id = ${roundId}::uuid GROUP BY leader_id, rater_group
    ), ks AS (SELECT unnest(${[...thresholds]}::int[]) AS k)
    SELECT
      (SELECT count(*)::int FROM units u WHERE NOT EXISTS (
         SELECT 1 FROM result_rollups x WHERE x.round_id = ${roundId}::uuid AND x.leader_id = u.leader_id
           AND x.rater_group = u.rater_group AND x.response_count = u.n)) AS unrolled,
      (SELECT count(*)::int FROM units u
         WHERE u.rater_group <> 'self'
           AND EXISTS (SELECT 1 FROM round_follow_ups f WHERE f.round_id = ${roundId}::uuid AND f.leader_id = u.leader_id)
           AND NOT EXISTS (
             SELECT 1 FROM follow_up_rollups x WHERE x.round_id = ${roundId}::uuid AND x.leader_id = u.leader_id
               AND x.rater_group = u.rater_group AND x.response_count = u.n)) AS follow_ups_unrolled,
      (SELECT count(*)::int FROM ks WHERE
         (SELECT count(*) FROM round_benchmarks b WHERE b.round_id = ${roundId}::uuid AND b.k = ks.k) <> ${THESIS_KEYS.length}
         OR NOT EXISTS (SELECT 1 FROM round_heatmaps h WHERE h.round_id = ${roundId}::uuid AND h.k = ks.k)
         OR EXISTS (
           SELECT 1 FROM round_subjects s WHERE s.round_id = ${roundId}::uuid AND NOT EXISTS (
             SELECT 1 FROM leader_results lr
             WHERE lr.round_id = s.round_id AND lr.leader_id = s.leader_id AND lr.k = ks.k))) AS missing`;
  if (!check || check.unrolled > 0 || check.follow_ups_unrolled > 0 || check.missing > 0) {
    throw new Error(`stored results incomplete (${JSON.stringify(check)}); raw answers kept`);
  }
}

/** Per leader × rater group: the responses, their answers and the comments about to be deleted. */
async function unitCounts(tx: Prisma.TransactionClient, roundId: string): Promise<DeletedUnitCounts[]> {
  return tx.$queryRaw<DeletedUnitCounts[]>`
    WITH r AS (
      SELECT leader_id, rater_group, count(*)::int AS responses FROM responses
      WHERE round_id = ${roundId}::uuid GROUP BY leader_id, rater_group
    ), a AS (
      SELECT x.leader_id, x.rater_group, count(*)::int AS answers
      FROM answers a JOIN responses x ON x.id = a.response_id
      WHERE x.round_id = ${roundId}::uuid GROUP BY x.leader_id, x.rater_group
    ), c AS (
      SELECT leader_id, rater_group, count(*)::int AS comments FROM comments
      WHERE round_id = ${roundId}::uuid GROUP BY leader_id, rater_group
    )
    SELECT COALESCE(r.responses, 0) AS responses, COALESCE(a.answers, 0) AS answers,
           COALESCE(c.comments, 0) AS comments
    FROM r LEFT JOIN a USING (leader_id, rater_group) FULL JOIN c USING (leader_id, rater_group)`;
}
