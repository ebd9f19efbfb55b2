import type { Db, Locale, RaterGroup } from '@resonance/db';
import { hasBallot } from '../ballot-box/ballot-box';
import { type BallotKeys, hashInvitationToken, isWellFormedInvitationToken } from '../ballot-box/ballot-keys';
import { AppError } from '../errors/problem';

export interface InvitationOfToken {
  id: string;
  leaderId: string;
  raterGroup: RaterGroup;
  locale: Locale;
  round: {
    id: string;
    name: string;
    state: string;
    closesAt: Date;
    anonymityThreshold: number | null;
    smallTeamMode: boolean;
    questionnaire: { version: number };
    organisation: { name: string; anonymityThreshold: number; timeZone: string };
  };
}

/** One statement on the plain pool: this runs for every survey read and submit. */
async function invitationOfTokenHash(db: Db, tokenHash: string): Promise<InvitationOfToken | null> {
  const { rows } = await db.pool.query<{
    id: string;
    leader_id: string;
    rater_group: RaterGroup;
    locale: Locale;
    round_id: string;
    round_name: string;
    state: string;
    closes_ms: string;
    round_k: number | null;
    small_team_mode: boolean;
    version: number;
    org_name: string;
    org_k: number;
    org_zone: string;
  }>(
    `SELECT i.id, i.leader_id, i.rater_group, i.locale, r.id AS round_id, r.name AS round_name, r.state,
            (extract(epoch FROM r.closes_at) * 1000)::bigint::text AS closes_ms, r.anonymity_threshold AS round_k,
            r.small_team_mode, q.version, o.name AS org_name, o.anonymity_threshold AS org_k, o.time_zone AS org_zone
     FROM invitations i
     JOIN rounds r ON r.id = i.round_id
     JOIN questionnaire_versions q ON q.id = r.questionnaire_version_id
     JOIN organisations o ON o.id = r.org_id
     WHERE i.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    leaderId: row.leader_id,
    raterGroup: row.rater_group,
    locale: row.locale,
    round: {
      id: row.round_id,
      name: row.round_name,
      state: row.state,
      closesAt: new Date(Number(row.closes_ms)),
      anonymityThreshold: row.round_k,
      smallTeamMode: row.small_team_mode,
      questionnaire: { version: row.version },
      organisation: { name: row.org_name, anonymityThreshold: row.org_k, timeZone: row.org_zone },
    },
  };
}

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
  checkUsed = true,
}: {
  db: Db;
  ballotKeys: BallotKeys;
  token: string | undefined;
  now: Date;
  /** Submitting skips this read: the ballot's unique marker answers it in the same step. */
  checkUsed?: boolean;
}): Promise<InvitationOfToken> {
  if (!token) {
    throw new AppError('unauthenticated', 'Send the invitation token in the X-Invite-Token header.', {
      code: 'invitation-token-missing',
    });
  }
  const invitation = isWellFormedInvitationToken(token)
    ? await invitationOfTokenHash(db, hashInvitationToken(token))
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
  if (checkUsed && (await hasBallot(db, ballotKeys, invitation.id))) throw invitationUsed();
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
