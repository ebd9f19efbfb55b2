import { randomUUID } from 'node:crypto';
import type { SurveyResponseInput } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { allItemIds, getQuestionnaire } from '@resonance/domain';
import { AppError, type FieldError } from '../errors/problem';
import { assertRoundAcceptsAnswers, findInvitationByToken } from './find-invitation';
import { hashInvitationToken } from './invitation-token';

/**
 * Stores one rater's answers. Consuming the invitation and inserting the response happen in one
 * transaction, and the consumption is a conditional update, so of many concurrent submits with one
 * token exactly one wins. The response carries only round, leader and rater group: no person, no
 * invitation, no time (anonymity rules 5–8); its id is a random UUID v4.
 */
export async function submitSurveyResponse({
  db,
  token,
  input,
  now,
}: {
  db: Db;
  token: string | undefined;
  input: SurveyResponseInput;
  now: Date;
}): Promise<void> {
  const invitation = await findInvitationByToken({ db, token, now });
  const questionnaire = getQuestionnaire(invitation.round.questionnaire.version);
  assertCompleteAnswers(input, allItemIds(questionnaire), new Set(questionnaire.theses.map((t) => t.key)));

  const comments = [
    ...input.comments.map((comment) => ({
      kind: 'thesis' as const,
      thesisKey: comment.thesisKey,
      text: comment.text.trim(),
    })),
    { kind: 'keep_doing' as const, thesisKey: null, text: input.keepDoing?.trim() ?? '' },
    { kind: 'start_doing' as const, thesisKey: null, text: input.startDoing?.trim() ?? '' },
  ].filter((comment) => comment.text !== '');
  const { leaderId, raterGroup } = invitation;
  const roundId = invitation.round.id;
  const tokenHash = hashInvitationToken(token!);

  await db.$transaction(
    async (tx) => {
      // FOR SHARE: closing the round (an UPDATE of this row) waits for this answer, or this answer
      // waits for the close and then sees the round closed; no answer slips past the rollups.
      const [round] = await tx.$queryRaw<{ state: string; closes_at: Date }[]>`
        SELECT state, closes_at FROM rounds WHERE id = ${roundId}::uuid FOR SHARE`;
      assertRoundAcceptsAnswers({ state: round!.state, closesAt: round!.closes_at }, now);
      const consumed = await tx.$executeRaw`
        UPDATE invitations SET consumed = true WHERE token_hash = ${tokenHash} AND consumed = false`;
      if (consumed !== 1) {
        throw new AppError('conflict', 'This invitation has already been used: your answers are recorded.', {
          code: 'invitation-used',
        });
      }
      const responseId = randomUUID();
      await tx.response.create({
        data: { id: responseId, roundId, leaderId, raterGroup },
        select: { id: true },
      });
      await tx.answer.createMany({
        data: input.answers.map((answer) => ({ responseId, itemKey: answer.itemKey, score: answer.score })),
      });
      if (comments.length > 0) {
        await tx.comment.createMany({
          data: comments.map((comment) => ({ roundId, leaderId, raterGroup, ...comment })),
        });
      }
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

function assertCompleteAnswers(
  input: SurveyResponseInput,
  itemIds: readonly string[],
  thesisKeys: ReadonlySet<string>,
): void {
  const errors: FieldError[] = [];
  const expected = new Set(itemIds);
  const seen = new Set<string>();
  input.answers.forEach((answer, index) => {
    if (!expected.has(answer.itemKey)) {
      errors.push({
        field: `body.answers.${index}.itemKey`,
        message: `is not an item of this questionnaire`,
      });
    } else if (seen.has(answer.itemKey)) {
      errors.push({
        field: `body.answers.${index}.itemKey`,
        message: `answers ${answer.itemKey} a second time`,
      });
    }
    seen.add(answer.itemKey);
  });
  const missing = itemIds.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    errors.push({
      field: 'body.answers',
      message: `must answer every item (null for "can't judge"); missing: ${missing.join(', ')}`,
    });
  }
  const commented = new Set<string>();
  input.comments.forEach((comment, index) => {
    if (!thesisKeys.has(comment.thesisKey)) {
      errors.push({
        field: `body.comments.${index}.thesisKey`,
        message: 'is not a thesis of this questionnaire',
      });
    } else if (commented.has(comment.thesisKey)) {
      errors.push({ field: `body.comments.${index}.thesisKey`, message: 'has a second comment' });
    }
    commented.add(comment.thesisKey);
  });
  if (errors.length > 0) {
    throw new AppError('validation', 'Some answers are missing or invalid; see `errors`.', { errors });
  }
}
