import { COMMENT_MAX_LENGTH, type Survey } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import {
  CANT_JUDGE_LABEL,
  effectiveThreshold,
  FOLLOW_UP_ANSWERS,
  findThesis,
  followUpQuestion,
  followUpWording,
  getQuestionnaire,
  isIdentifiableGroup,
  type Locale,
  RATER_GROUP_LABELS,
  RECENT_JOINER_DAYS,
  SCALE_LABELS,
  type Score,
} from '@resonance/domain';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import { loadFollowUpItems } from '../focus/follow-up-items';
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
  ballotKeys,
  token,
  requestedLocale,
  acceptLanguage,
  now,
}: {
  db: Db;
  ballotKeys: BallotKeys;
  token: string | undefined;
  requestedLocale?: Locale | undefined;
  acceptLanguage?: string | undefined;
  now: Date;
}): Promise<Survey> {
  const invitation = await findInvitationByToken({ db, ballotKeys, token, now });
  const locale = requestedLocale ?? localeFromAcceptLanguage(acceptLanguage) ?? invitation.locale;
  const leader = await db.person.findUnique({ where: { id: invitation.leaderId }, select: { name: true } });
  const leaderName = leader?.name ?? '';
  const { round } = invitation;
  const questionnaire = getQuestionnaire(round.questionnaire.version);
  const perspective = invitation.raterGroup === 'self' ? 'self' : 'other';
  const threshold = effectiveThreshold(round.anonymityThreshold, round.organisation.anonymityThreshold);
  // Fixed when the round opened: later edits of the org chart do not change what raters are told.
  const unit = await db.roundUnit.findUnique({
    where: {
      roundId_leaderId_raterGroup: {
        roundId: round.id,
        leaderId: invitation.leaderId,
        raterGroup: invitation.raterGroup,
      },
    },
    select: { invitedCount: true, recentlyJoinedCount: true },
  });
  // Fixed when the round opened; the leader does not ask themself whether they noticed a change.
  const followUpItems =
    perspective === 'other'
      ? await loadFollowUpItems(db, { roundId: round.id, leaderId: invitation.leaderId })
      : [];
  const followUpWords = followUpWording(questionnaire.version);
  const thesisTitle = (key: (typeof followUpItems)[number]['thesis']) =>
    findThesis(questionnaire, key).title[locale];
  const group = {
    invited: unit?.invitedCount ?? 0,
    recentlyJoined: unit?.recentlyJoinedCount ?? 0,
    recentDays: RECENT_JOINER_DAYS,
  };

  return {
    locale,
    perspective,
    organisation: { name: round.organisation.name, timeZone: round.organisation.timeZone },
    leader: { name: leaderName },
    raterGroup: invitation.raterGroup,
    raterGroupLabel: RATER_GROUP_LABELS[invitation.raterGroup][locale],
    round: { name: round.name, closesAt: round.closesAt.toISOString() },
    anonymity: {
      threshold,
      group,
      identifiableGroup: isIdentifiableGroup(invitation.raterGroup),
      explanation: anonymityNotice({
        locale,
        raterGroup: invitation.raterGroup,
        leaderName,
        orgName: round.organisation.name,
        threshold,
        group,
        smallTeamMode: round.smallTeamMode,
        closesAt: round.closesAt,
        timeZone: round.organisation.timeZone,
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
    followUp:
      followUpItems.length === 0
        ? null
        : {
            shared: followUpItems.flatMap((item) =>
              item.commitment === null
                ? []
                : [{ thesis: item.thesis, title: thesisTitle(item.thesis), commitment: item.commitment }],
            ),
            items: followUpItems.map((item) => ({
              key: item.key,
              thesis: item.thesis,
              text: followUpQuestion(questionnaire.version, thesisTitle(item.thesis), locale),
            })),
            options: FOLLOW_UP_ANSWERS.map((answer, index) => ({
              score: index + 1,
              label: followUpWords.answers[answer][locale],
            })).reverse(),
            cantJudgeLabel: followUpWords.cantJudge[locale],
          },
  };
}
