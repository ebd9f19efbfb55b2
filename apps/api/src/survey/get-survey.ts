import { COMMENT_MAX_LENGTH, type Survey } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import {
  CANT_JUDGE_LABEL,
  getQuestionnaire,
  isIdentifiableGroup,
  type Locale,
  RATER_GROUP_LABELS,
  SCALE_LABELS,
  type Score,
} from '@resonance/domain';
import { anonymityNotice } from './anonymity-notice';
import { findInvitationByToken } from './find-invitation';
import { localeFromAcceptLanguage } from './preferred-locale';

/**
 * What a rater sees before answering: the questionnaire of the round's version in their language
 * (first person for the self-assessment), whom they rate, until when, and who will see what.
 * Reading does not use up the invitation.
 */
export async function getSurvey({
  db,
  token,
  requestedLocale,
  acceptLanguage,
  now,
}: {
  db: Db;
  token: string | undefined;
  requestedLocale?: Locale | undefined;
  acceptLanguage?: string | undefined;
  now: Date;
}): Promise<Survey> {
  const invitation = await findInvitationByToken({ db, token, now });
  const locale = requestedLocale ?? localeFromAcceptLanguage(acceptLanguage) ?? invitation.locale;
  const leader = await db.person.findUnique({ where: { id: invitation.leaderId }, select: { name: true } });
  const leaderName = leader?.name ?? '';
  const { round } = invitation;
  const questionnaire = getQuestionnaire(round.questionnaire.version);
  const perspective = invitation.raterGroup === 'self' ? 'self' : 'other';

  return {
    locale,
    perspective,
    organisation: { name: round.organisation.name },
    leader: { name: leaderName },
    raterGroup: invitation.raterGroup,
    raterGroupLabel: RATER_GROUP_LABELS[invitation.raterGroup][locale],
    round: { name: round.name, closesAt: round.closesAt.toISOString() },
    anonymity: {
      threshold: round.organisation.anonymityThreshold,
      identifiableGroup: isIdentifiableGroup(invitation.raterGroup),
      explanation: anonymityNotice({
        locale,
        raterGroup: invitation.raterGroup,
        leaderName,
        orgName: round.organisation.name,
        threshold: round.organisation.anonymityThreshold,
        closesAt: round.closesAt,
      }),
    },
    scale: {
      options: ([1, 2, 3, 4, 5] as const).map((score: Score) => ({
        score,
        label: SCALE_LABELS[score][locale],
      })),
      cantJudgeLabel: CANT_JUDGE_LABEL[locale],
    },
    questionnaire: {
      version: questionnaire.version,
      theses: questionnaire.theses.map((thesis) => ({
        key: thesis.key,
        title: thesis.title[locale],
        summary: thesis.summary[locale],
        commentPrompt: thesis.commentPrompt[perspective][locale],
        items: thesis.items.map((item) => ({ key: item.id, text: item[perspective][locale] })),
      })),
      openQuestions: {
        keepDoing: questionnaire.openQuestions.keep[perspective][locale],
        startDoing: questionnaire.openQuestions.start[perspective][locale],
      },
    },
    limits: { commentMaxLength: COMMENT_MAX_LENGTH },
  };
}
