import type { Db } from '@resonance/db';
import { hasBallot } from '../ballot-box/ballot-box';
import { type BallotKeys, hashInvitationToken, isWellFormedInvitationToken } from '../ballot-box/ballot-keys';
import { AppError } from '../errors/problem';

export const invitationSelect = {
  id: true,
  leaderId: true,
  raterGroup: true,
  locale: true,
  round: {
    select: {
      id: true,
      name: true,
      state: true,
      closesAt: true,
      openedAt: true,
      anonymityThreshold: true,
      questionnaire: { select: { version: true } },
      organisation: { select: { name: true, anonymityThreshold: true } },
    },
  },
} as const;

/**
 * The invitation behind a token, or the problem a rater should see. Each state has its own stable
 * problem type so the survey page can say exactly what happened. A malformed token is reported as
 * unknown, like a well-formed one that matches nothing. Once a round has closed, every link of it
 * answers "closed", used or not, so a copy of the email no longer tells whether someone answered.
 * While it is open, a used link says so (the rater needs to know their answers are in); that is
 * checked with the ballot secret, since nothing in the database records it in the clear.
 */
export async function findInvitationByToken({
  db,
  ballotKeys,
  token,
  now,
}: {
  db: Db;
  ballotKeys: BallotKeys;
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
      'This invitation link is not valid. Check that you copied the whole link.',
      {
        code: 'invitation-unknown',
      },
    );
  }
  assertRoundNotClosed(invitation.round, now);
  if (await hasBallot(db, ballotKeys, invitation.id)) throw invitationUsed();
  assertRoundAcceptsAnswers(invitation.round, now);
  return invitation;
}

export function invitationUsed(): AppError {
  return new AppError('conflict', 'This invitation has already been used: your answers are recorded.', {
    code: 'invitation-used',
  });
}

function assertRoundNotClosed(round: { state: string; closesAt: Date }, now: Date) {
  if (round.state === 'closed' || round.state === 'archived' || round.closesAt.getTime() <= now.getTime()) {
    throw new AppError('gone', 'This feedback round has closed; answers are no longer accepted.', {
      code: 'survey-closed',
    });
  }
}

/** An admin may open a round before its planned time, so the state decides, not opensAt. */
export function assertRoundAcceptsAnswers(round: { state: string; closesAt: Date }, now: Date) {
  assertRoundNotClosed(round, now);
  if (round.state !== 'open') {
    throw new AppError('conflict', 'This feedback round has not opened yet. Please try again later.', {
      code: 'survey-not-open',
    });
  }
}

/** The k a round's figures use: what it promised when it opened, or more if the organisation raised it. */
export function roundThreshold(round: {
  anonymityThreshold: number | null;
  organisation: { anonymityThreshold: number };
}) {
  return Math.max(round.anonymityThreshold ?? 0, round.organisation.anonymityThreshold);
}
