import { randomUUID } from 'node:crypto';
import { type BallotContent, sealBallot } from '@resonance/api/ballot-box/ballot-box';
import { ensureQuestionnaires } from '@resonance/api/questionnaire/ensure-questionnaires';
import { closeRound } from '@resonance/api/rounds/close-round';
import type { RaterGroup } from '@resonance/db';
import {
  accumulateResponses,
  allItemIds,
  emptyAccumulator,
  getQuestionnaire,
  type Score,
} from '@resonance/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, unique } from '../support/factories';
import { testBallotKeys } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const questionnaire = getQuestionnaire(1);
const itemIds = allItemIds(questionnaire);
const GROUPS: RaterGroup[] = ['direct_report', 'peer'];

/**
 * Closing a round in bulk: the ballot box is emptied in batches (here more than two batches of
 * 500) and the rollups are one set-based statement. They must equal what the domain computes from
 * the same answers, and a close that fails must leave the round open with its box intact.
 */
describe('closing a large round', () => {
  let database: TestDatabase;
  let orgId: string;
  let versionId: string;
  const leaders: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureQuestionnaires({ db: database.db });
    versionId = (await database.db.questionnaireVersion.findUniqueOrThrow({ where: { version: 1 } })).id;
    orgId = (await database.db.organisation.create({ data: { name: 'Bulk AG', slug: unique('bulk') } })).id;
    for (let index = 0; index < 4; index++) {
      leaders.push((await createPerson(database.db, { orgId, role: 'leader' })).id);
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  /** An open round whose box holds `count` sealed ballots, straight in the database (as submits leave it). */
  async function openRoundWithBallots(count: number) {
    const round = await database.db.round.create({
      data: {
        orgId,
        name: unique('Bulk round'),
        questionnaireVersionId: versionId,
        state: 'open',
        raterGroups: GROUPS,
        opensAt: new Date(Date.now() - 3_600_000),
        closesAt: new Date(Date.now() + 3_600_000),
        anonymityThreshold: 3,
        subjects: { create: leaders.map((leaderId) => ({ leaderId })) },
      },
      select: { id: true },
    });
    const contents: { leaderId: string; raterGroup: RaterGroup; content: BallotContent }[] = [];
    for (let index = 0; index < count; index++) {
      const leaderId = leaders[index % leaders.length]!;
      const raterGroup = GROUPS[Math.floor(index / leaders.length) % GROUPS.length]!;
      const content: BallotContent = {
        // Every seventh rater cannot judge anything of one thesis; scores vary by rater and item.
        answers: itemIds.map((itemKey, item) => ({
          itemKey,
          score: (index + item) % 7 === 0 ? null : ((index * 3 + item * 5) % 5) + 1,
        })),
        comments:
          index % 3 === 0 ? [{ kind: 'thesis', thesisKey: 'dialogue', text: `comment ${index}` }] : [],
      };
      contents.push({ leaderId, raterGroup, content });
    }
    await database.db.ballot.createMany({
      data: contents.map(({ leaderId, raterGroup, content }) => ({
        id: randomUUID(),
        roundId: round.id,
        leaderId,
        raterGroup,
        marker: randomUUID(),
        sealed: new Uint8Array(
          sealBallot(testBallotKeys, { roundId: round.id, leaderId, raterGroup }, content),
        ),
      })),
    });
    return { roundId: round.id, contents };
  }

  it('writes every ballot as a response and rollups equal to the domain’s, in batches', async () => {
    const { roundId, contents } = await openRoundWithBallots(1_100);
    const result = await closeRound({
      db: database.db,
      ballotKeys: testBallotKeys,
      roundId,
      now: new Date(),
    });
    expect(await database.db.ballot.count({ where: { roundId } })).toBe(0);
    expect(await database.db.response.count({ where: { roundId } })).toBe(1_100);
    expect(await database.db.answer.count({ where: { response: { roundId } } })).toBe(1_100 * itemIds.length);
    const comments = await database.db.comment.findMany({ where: { roundId }, select: { text: true } });
    expect(comments.map((comment) => comment.text).sort()).toEqual(
      contents.flatMap(({ content }) => content.comments.map((comment) => comment.text)).sort(),
    );

    const rollups = await database.db.resultRollup.findMany({ where: { roundId } });
    expect(result.rollupsWritten).toBe(leaders.length * GROUPS.length * questionnaire.theses.length);
    expect(rollups).toHaveLength(result.rollupsWritten);
    for (const leaderId of leaders) {
      for (const raterGroup of GROUPS) {
        const unit = contents.filter((c) => c.leaderId === leaderId && c.raterGroup === raterGroup);
        const expected = accumulateResponses(
          unit.map(({ content }) =>
            content.answers.map((answer) => ({
              itemId: answer.itemKey,
              score: answer.score as Score | null,
            })),
          ),
          questionnaire,
        );
        for (const thesis of questionnaire.theses) {
          const row = rollups.find(
            (r) => r.leaderId === leaderId && r.raterGroup === raterGroup && r.thesisKey === thesis.key,
          )!;
          const acc = expected[thesis.key] ?? emptyAccumulator();
          expect(row).toMatchObject({
            responseCount: unit.length,
            n: acc.n,
            favourable: acc.favourable,
            distribution: acc.distribution,
          });
          expect(row.sum).toBeCloseTo(acc.sum, 9);
          expect(row.sumSquares).toBeCloseTo(acc.sumSquares, 9);
        }
      }
    }
    // The comments' temporary table went with the transaction.
    const temporary = await database.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_class WHERE relname = 'closing_comments'`;
    expect(Number(temporary[0]!.n)).toBe(0);
  });

  it('leaves the round open and its box intact when the close fails', async () => {
    const { roundId } = await openRoundWithBallots(600);
    await database.db.$executeRaw`
      CREATE FUNCTION fail_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'rollups refused'; END $$`;
    await database.db.$executeRaw`
      CREATE TRIGGER fail_rollups BEFORE INSERT ON result_rollups FOR EACH ROW EXECUTE FUNCTION fail_rollups()`;
    try {
      await expect(
        closeRound({ db: database.db, ballotKeys: testBallotKeys, roundId, now: new Date() }),
      ).rejects.toThrow(/rollups refused/);
    } finally {
      await database.db.$executeRaw`DROP TRIGGER fail_rollups ON result_rollups`;
      await database.db.$executeRaw`DROP FUNCTION fail_rollups()`;
    }
    expect((await database.db.round.findUniqueOrThrow({ where: { id: roundId } })).state).toBe('open');
    expect(await database.db.ballot.count({ where: { roundId } })).toBe(600);
    expect(await database.db.response.count({ where: { roundId } })).toBe(0);
    expect(await database.db.comment.count({ where: { roundId } })).toBe(0);

    await closeRound({ db: database.db, ballotKeys: testBallotKeys, roundId, now: new Date() });
    expect(await database.db.response.count({ where: { roundId } })).toBe(600);
    expect(await database.db.ballot.count({ where: { roundId } })).toBe(0);
  });
});
