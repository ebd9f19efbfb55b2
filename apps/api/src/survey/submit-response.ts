import type { SurveyResponseInput } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import { allItemIds, FOLLOW_UP_MAX_SCORE, getQuestionnaire } from '@resonance/domain';
import { type BallotContent, castBallot } from '../ballot-box/ballot-box';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import { AppError, type FieldError } from '../errors/problem';
import { loadFollowUpItems } from '../focus/follow-up-items';
import { assertRoundAcceptsAnswers, findInvitationByToken, invitationUsed } from './find-invitation';

/**
 * Stores one rater's answers as a sealed ballot in the round's ballot box (see
 * ballot-box/ballot-box.ts). Nothing else is written: the invitation row is not touched, so the
 * database holds no trace of which invitation a ballot belongs to that a reader without the
 * ballot secret could follow. Single use is the ballot marker's unique index: of many concurrent
 * submits with one token exactly one wins. The round's ballot-box lock orders this against the
 * close: the ballot commits before the close empties the box, or the submit finds the round closed.
 * The path runs on plain SQL (one lookup, one short transaction): see castBallot.
 */
export async function submitSurveyResponse({
  db,
  ballotKeys,
  token,
  input,
  now,
}: {
  db: Db;
  ballotKeys: BallotKeys;
  token: string | undefined;
  input: SurveyResponseInput;
  now: Date;
}): Promise<void> {
  const invitation = await findInvitationByToken({ db, ballotKeys, token, now, checkUsed: false });
  const questionnaire = getQuestionnaire(invitation.round.questionnaire.version);
  // The follow-up items were fixed when the round opened; they are answered like any item.
  const followUpKeys =
    invitation.raterGroup === 'self'
      ? []
      : (await loadFollowUpItems(db, { roundId: invitation.round.id, leaderId: invitation.leaderId })).map(
          (item) => item.key,
        );
  assertCompleteAnswers(
    input,
    [...allItemIds(questionnaire), ...followUpKeys],
    new Set(questionnaire.theses.map((t) => t.key)),
    new Set(followUpKeys),
  );

  const content: BallotContent = {
    answers: input.answers.map((answer) => ({ itemKey: answer.itemKey, score: answer.score })),
    comments: [
      ...input.comments.map((comment) => ({
        kind: 'thesis' as const,
        thesisKey: comment.thesisKey as string | null,
        text: comment.text.trim(),
      })),
      { kind: 'keep_doing' as const, thesisKey: null, text: input.keepDoing?.trim() ?? '' },
      { kind: 'start_doing' as const, thesisKey: null, text: input.startDoing?.trim() ?? '' },
    ].filter((comment) => comment.text !== ''),
  };
  const unit = {
    roundId: invitation.round.id,
    leaderId: invitation.leaderId,
    raterGroup: invitation.raterGroup,
  };

  const outcome = await castBallot(db.pool, ballotKeys, { invitationId: invitation.id, unit, content, now });
  if (outcome === 'used') throw invitationUsed();
  if (outcome !== 'cast') {
    assertRoundAcceptsAnswers(outcome.round, now);
    // Unreachable: castBallot reports an open round only as 'cast' or 'used'.
    throw invitationUsed();
  }
}

function assertCompleteAnswers(
  input: SurveyResponseInput,
  itemIds: readonly string[],
  thesisKeys: ReadonlySet<string>,
  followUpKeys: ReadonlySet<string>,
): void {
  const errors: FieldError[] = [];
  const expected = new Set(itemIds);
  const seen = new Set<string>();
  input.answers.forEach((answer, index) => {
    if (followUpKeys.has(answer.itemKey) && answer.score !== null && answer.score > FOLLOW_UP_MAX_SCORE) {
      errors.push({
        field: `body.answers.${index}.score`,
        message: `a follow-up item takes 1..${FOLLOW_UP_MAX_SCORE} or null`,
      });
    }
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
