import type { Prisma } from '@resonance/db';
import { FAVOURABLE_THRESHOLD, getQuestionnaire } from '@resonance/domain';

/**
 * The result rollups of a closed round: mergeable sums per leader × rater group × thesis, the only
 * thing results ever read. Runs inside the closing transaction as one set-based statement over the
 * round's answers, so nothing of the round is loaded into the API's memory. It computes what the
 * domain's `accumulateResponses` does: each response's thesis score is the mean of the items it
 * judged (the respondent is the unit), bucketed half up for the distribution; every thesis gets a
 * row for every group with responses, even one nobody could judge, so the group's count is kept.
 */
export async function writeRollups(
  tx: Prisma.TransactionClient,
  roundId: string,
  version: number,
): Promise<number> {
  const questionnaire = getQuestionnaire(version);
  const itemKeys = questionnaire.theses.flatMap((thesis) => thesis.items.map((item) => item.id));
  const itemTheses = questionnaire.theses.flatMap((thesis) => thesis.items.map(() => thesis.key));
  const thesisKeys = questionnaire.theses.map((thesis) => thesis.key);
  await tx.resultRollup.deleteMany({ where: { roundId } });
  // The epsilon keeps 3.5 from slipping below the boundary, as in the domain's distributionBucket.
  return tx.$executeRaw`
    WITH items AS (
      SELECT * FROM unnest(${itemKeys}::text[], ${itemTheses}::text[]) AS m(item_key, thesis_key)
    ), units AS (
      SELECT leader_id, rater_group, count(*)::int AS response_count
      FROM responses WHERE round_id = ${roundId}::uuid GROUP BY leader_id, rater_group
    ), scores AS (
      SELECT r.leader_id, r.rater_group, m.thesis_key, sum(a.score)::float8 / count(*) AS value
      FROM responses r
      JOIN answers a ON a.response_id = r.id AND a.score IS NOT NULL
      JOIN items m ON m.item_key = a.item_key
      WHERE r.round_id = ${roundId}::uuid
      GROUP BY r.id, r.leader_id, r.rater_group, m.thesis_key
    ), bucketed AS (
      SELECT *, least(5, greatest(1, floor(value + 0.5 + 1e-9)))::int AS bucket FROM scores
    ), sums AS (
      SELECT leader_id, rater_group, thesis_key, count(*)::int AS n, sum(value) AS sum,
             sum(value * value) AS sum_squares,
             count(*) FILTER (WHERE bucket >= ${FAVOURABLE_THRESHOLD})::int AS favourable,
             ARRAY[count(*) FILTER (WHERE bucket = 1), count(*) FILTER (WHERE bucket = 2),
                   count(*) FILTER (WHERE bucket = 3), count(*) FILTER (WHERE bucket = 4),
                   count(*) FILTER (WHERE bucket = 5)]::int[] AS distribution
      FROM bucketed GROUP BY leader_id, rater_group, thesis_key
    )
    INSERT INTO result_rollups
      (id, round_id, leader_id, rater_group, thesis_key, response_count, n, sum, sum_squares, favourable, distribution)
    SELECT gen_random_uuid(), ${roundId}::uuid, u.leader_id, u.rater_group, t.thesis_key, u.response_count,
           coalesce(s.n, 0), coalesce(s.sum, 0), coalesce(s.sum_squares, 0), coalesce(s.favourable, 0),
           coalesce(s.distribution, ARRAY[0, 0, 0, 0, 0])
    FROM units u
    CROSS JOIN unnest(${thesisKeys}::text[]) AS t(thesis_key)
    LEFT JOIN sums s ON s.leader_id = u.leader_id AND s.rater_group = u.rater_group AND s.thesis_key = t.thesis_key`;
}
