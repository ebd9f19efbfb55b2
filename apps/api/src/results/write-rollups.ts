import type { Prisma } from '@resonance/db';
import {
  accumulateResponses,
  emptyAccumulator,
  getQuestionnaire,
  type RaterGroup,
  type Score,
} from '@resonance/domain';

/** Leaders per batch when computing rollups: keeps memory flat however large the round. */
const ROLLUP_BATCH_LEADERS = 100;

/**
 * The result rollups of a closed round: mergeable sums per leader × rater group × thesis, the only
 * thing results ever read. Runs inside the closing transaction.
 */
export async function writeRollups(
  tx: Prisma.TransactionClient,
  roundId: string,
  version: number,
): Promise<number> {
  const questionnaire = getQuestionnaire(version);
  await tx.resultRollup.deleteMany({ where: { roundId } });
  const leaders = await tx.response.findMany({
    where: { roundId },
    distinct: ['leaderId'],
    select: { leaderId: true },
  });
  let written = 0;
  for (let start = 0; start < leaders.length; start += ROLLUP_BATCH_LEADERS) {
    const leaderIds = leaders.slice(start, start + ROLLUP_BATCH_LEADERS).map((leader) => leader.leaderId);
    const responses = await tx.response.findMany({
      where: { roundId, leaderId: { in: leaderIds } },
      select: { leaderId: true, raterGroup: true, answers: { select: { itemKey: true, score: true } } },
    });
    const byUnit = new Map<
      string,
      {
        leaderId: string;
        raterGroup: RaterGroup;
        answers: Parameters<typeof accumulateResponses>[0][number][];
      }
    >();
    for (const response of responses) {
      const key = `${response.leaderId}/${response.raterGroup}`;
      const unit = byUnit.get(key) ?? {
        leaderId: response.leaderId,
        raterGroup: response.raterGroup,
        answers: [],
      };
      unit.answers.push(
        response.answers.map((answer) => ({
          itemId: answer.itemKey,
          // Scores were validated on submit and are CHECKed 1..5 in the database.
          score: answer.score as Score | null,
        })),
      );
      byUnit.set(key, unit);
    }
    const rows: Prisma.ResultRollupCreateManyInput[] = [];
    for (const unit of byUnit.values()) {
      const accumulators = accumulateResponses(unit.answers, questionnaire);
      // Every thesis gets a row, even one nobody could judge, so the group's response count is kept.
      for (const thesis of questionnaire.theses) {
        const acc = accumulators[thesis.key] ?? emptyAccumulator();
        rows.push({
          roundId,
          leaderId: unit.leaderId,
          raterGroup: unit.raterGroup,
          thesisKey: thesis.key,
          responseCount: unit.answers.length,
          n: acc.n,
          sum: acc.sum,
          sumSquares: acc.sumSquares,
          favourable: acc.favourable,
          distribution: [...acc.distribution],
        });
      }
    }
    if (rows.length > 0) await tx.resultRollup.createMany({ data: rows });
    written += rows.length;
  }
  return written;
}
