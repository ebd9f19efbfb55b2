import type { Db } from '@resonance/db';
import { AppError } from '../errors/problem';
import { hashInvitationToken, isWellFormedInvitationToken } from './invitation-token';

export const invitationSelect = {
  leaderId: true,
  raterGroup: true,
  consumed: true,
  locale: true,
  round: {
    select: {
      id: true,
      name: true,
      state: true,
      closesAt: true,
      questionnaire: { select: { version: true } },
      organisation: { select: { name: true, anonymityThreshold: true } },
    },
  },
} as const;

/**
 * The invitation behind a token, or the problem a rater should see. Each state has its own stable
 * problem type so the survey page can say exactly what happened. A malformed token is reported as
 * unknown, like a well-formed one that matches nothing.
 */
export async function findInvitationByToken({
  db,
  token,
  now,
}: {
  db: Db;
  token: string | undefined;
  now: Date;
}) {
  if (!token) {
    throw new AppError('unauthenticated', 'Send the invitation token in the X-Invite-Token header.', {
      code: 'invitation-token-missing',
    });
  }
  const invitation = isWellFormedInvitationToken(token)
    ? await db.invitation.findUnique({
        where: { tokenHash: hashInvitationToken(token) },
        select: invitationSelect,
      })
    : null;
  if (!invitation) {
    throw new AppError(
      'notFound',
      'This invitation link is not valid. If you received a reminder, use the link in the newest email.',
      { code: 'invitation-unknown' },
    );
  }
  if (invitation.consumed) {
    throw new AppError('conflict', 'This invitation has already been used: your answers are recorded.', {
      code: 'invitation-used',
    });
  }
  assertRoundAcceptsAnswers(invitation.round, now);
  return invitation;
}

/** An admin may open a round before its planned time, so the state decides, not opensAt. */
export function assertRoundAcceptsAnswers(round: { state: string; closesAt: Date }, now: Date) {
  if (round.state === 'closed' || round.state === 'archived' || round.closesAt.getTime() <= now.getTime()) {
    throw new AppError('gone', 'This feedback round has closed; answers are no longer accepted.', {
      code: 'survey-closed',
    });
  }
  if (round.state !== 'open') {
    throw new AppError('conflict', 'This feedback round has not opened yet. Please try again later.', {
      code: 'survey-not-open',
    });
  }
}
