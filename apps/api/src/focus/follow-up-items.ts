import type { Db, Prisma } from '@resonance/db';
import { followUpItemKey, type ThesisKey } from '@resonance/domain';

type Tx = Prisma.TransactionClient;

/**
 * Fixes, when a round opens, what it will ask about each of its leaders' focus: per leader the
 * focus of their latest closed round that no later round has taken up yet (nor opened after it),
 * one follow-up item per focus thesis, with the commitment copied only if the leader shared it.
 * The focus is marked as taken up, which fixes its theses and commitments. One statement for the
 * whole round, however many leaders it covers.
 */
export async function fixFollowUpItems(
  tx: Tx,
  { roundId, orgId, leaderIds }: { roundId: string; orgId: string; leaderIds: readonly string[] },
): Promise<number> {
  if (leaderIds.length === 0) return 0;
  return tx.$executeRaw`
    WITH picked AS (
      SELECT DISTINCT ON (f.leader_id) f.id
      FROM leader_focuses f JOIN rounds r ON r.id = f.round_id
      WHERE f.leader_id = ANY(${[...leaderIds]}::uuid[]) AND f.follow_up_round_id IS NULL
        AND r.org_id = ${orgId}::uuid AND r.state IN ('closed', 'archived') AND r.id <> ${roundId}::uuid
        AND NOT EXISTS (
          SELECT 1 FROM round_subjects s JOIN rounds o ON o.id = s.round_id
          WHERE s.leader_id = f.leader_id AND o.id <> ${roundId}::uuid AND o.opened_at > r.closed_at)
      ORDER BY f.leader_id, r.closed_at DESC
    ), taken AS (
      UPDATE leader_focuses f SET follow_up_round_id = ${roundId}::uuid
      FROM picked WHERE f.id = picked.id
      RETURNING f.id, f.leader_id, f.round_id, f.shared
    )
    INSERT INTO round_follow_ups (id, round_id, leader_id, thesis_key, position, focus_round_id, commitment)
    SELECT gen_random_uuid(), ${roundId}::uuid, taken.leader_id, t.thesis_key, t.position, taken.round_id,
           CASE WHEN taken.shared THEN t.commitment END
    FROM taken JOIN leader_focus_theses t ON t.focus_id = taken.id`;
}

export interface FollowUpItem {
  thesis: ThesisKey;
  key: string;
  /** Set only when the leader shared their focus. */
  commitment: string | null;
}

/**
 * The follow-up items a round asks about one leader, in the leader's order. On plain SQL: the
 * submit path reads it for every answer sent (see castBallot for why that path avoids the ORM).
 */
export async function loadFollowUpItems(
  db: Db,
  { roundId, leaderId }: { roundId: string; leaderId: string },
): Promise<FollowUpItem[]> {
  const { rows } = await db.pool.query<{ thesis_key: string; commitment: string | null }>(
    `SELECT thesis_key, commitment FROM round_follow_ups
     WHERE round_id = $1::uuid AND leader_id = $2::uuid ORDER BY position`,
    [roundId, leaderId],
  );
  return rows.map((row) => ({
    thesis: row.thesis_key as ThesisKey,
    key: followUpItemKey(row.thesis_key as ThesisKey),
    commitment: row.commitment,
  }));
}

/**
 * At close, inside the closing transaction, after the ballot box was emptied: the follow-up answers
 * counted per leader × rater group × focus thesis, in one set-based statement over the answers
 * (like writeRollups). Every group with responses gets a row for each of its leader's follow-up
 * items, so its response count is kept even where nobody judged. The self-assessment is not asked.
 */
export async function writeFollowUpRollups(tx: Tx, roundId: string): Promise<number> {
  await tx.followUpRollup.deleteMany({ where: { roundId } });
  const prefixLength = followUpItemKey('dialogue').length - 'dialogue'.length;
  return tx.$executeRaw`
    WITH items AS (
      SELECT leader_id, thesis_key FROM round_follow_ups WHERE round_id = ${roundId}::uuid
    ), units AS (
      SELECT leader_id, rater_group, count(*)::int AS response_count
      FROM responses
      WHERE round_id = ${roundId}::uuid AND rater_group <> 'self'
        AND leader_id IN (SELECT leader_id FROM items)
      GROUP BY leader_id, rater_group
    ), counted AS (
      SELECT r.leader_id, r.rater_group, substr(a.item_key, ${prefixLength + 1}::int) AS thesis_key,
             count(a.score)::int AS n,
             -- worse, no change, somewhat better, clearly better (FOLLOW_UP_ANSWERS)
             ARRAY[count(*) FILTER (WHERE a.score = 1), count(*) FILTER (WHERE a.score = 2),
                   count(*) FILTER (WHERE a.score = 3), count(*) FILTER (WHERE a.score = 4)]::int[] AS counts
      FROM responses r JOIN answers a ON a.response_id = r.id AND a.item_key LIKE 'follow-up.%'
      WHERE r.round_id = ${roundId}::uuid
      GROUP BY r.leader_id, r.rater_group, a.item_key
    )
    INSERT INTO follow_up_rollups (id, round_id, leader_id, rater_group, thesis_key, response_count, n, counts)
    SELECT gen_random_uuid(), ${roundId}::uuid, u.leader_id, u.rater_group, i.thesis_key, u.response_count,
           coalesce(c.n, 0), coalesce(c.counts, ARRAY[0, 0, 0, 0])
    FROM units u
    JOIN items i ON i.leader_id = u.leader_id
    LEFT JOIN counted c ON c.leader_id = u.leader_id AND c.rater_group = u.rater_group AND c.thesis_key = i.thesis_key`;
}
