import { sealBallot } from '@resonance/api/ballot-box/ballot-box';
import { type BallotKeys, hashInvitationToken } from '@resonance/api/ballot-box/ballot-keys';
import type { RaterGroup } from '@resonance/db';
import type pg from 'pg';
import { answerBody } from './answers';

/** One rater's invitation, with the token the API would have emailed (derived with the ballot secret). */
export interface RaterInvitation {
  id: string;
  roundId: string;
  leaderId: string;
  raterGroup: RaterGroup;
  token: string;
}

/**
 * Every invitation of the given rounds in random order. The bench knows the ballot secret, so it
 * computes each token from the invitation id as the API does, instead of parsing the emails.
 */
export async function invitationsOf(
  pool: pg.Pool,
  keys: BallotKeys,
  roundIds: readonly string[],
): Promise<RaterInvitation[]> {
  const { rows } = await pool.query<{
    id: string;
    round_id: string;
    leader_id: string;
    rater_group: RaterGroup;
  }>(
    'SELECT id, round_id, leader_id, rater_group FROM invitations WHERE round_id = ANY($1::uuid[]) ORDER BY random()',
    [roundIds],
  );
  return rows.map((row) => ({
    id: row.id,
    roundId: row.round_id,
    leaderId: row.leader_id,
    raterGroup: row.rater_group,
    token: keys.invitationToken(row.id),
  }));
}

/** What the raw-SQL submit needs, prepared before the run: the client's crypto is not the limit. */
export interface PreparedBallot {
  tokenHash: string;
  marker: string;
  roundId: string;
  leaderId: string;
  raterGroup: RaterGroup;
  sealed: Buffer;
}

/**
 * The ballots the API would write for these invitations: same token hash, marker and sealed bytes
 * (2 KiB size class), so the raw run writes rows the round can still close with.
 */
export function prepareBallots(keys: BallotKeys, invitations: readonly RaterInvitation[], seed: number) {
  return invitations.map((invitation, index): PreparedBallot => {
    const body = answerBody(seed + index);
    const unit = {
      roundId: invitation.roundId,
      leaderId: invitation.leaderId,
      raterGroup: invitation.raterGroup,
    };
    const content = {
      answers: body.answers,
      comments: body.comments.map((comment) => ({ kind: 'thesis' as const, ...comment })),
    };
    return {
      tokenHash: hashInvitationToken(invitation.token),
      marker: keys.ballotMarker(invitation.id),
      ...unit,
      sealed: sealBallot(keys, unit, content),
    };
  });
}

/** Hands out invitations in order; each token is used once across the whole bench. */
export class TokenSupply {
  private next = 0;

  constructor(private readonly invitations: readonly RaterInvitation[]) {}

  take(count: number): RaterInvitation[] {
    if (this.next + count > this.invitations.length) {
      throw new Error(`out of invitations: need ${count}, ${this.invitations.length - this.next} left`);
    }
    const slice = this.invitations.slice(this.next, this.next + count);
    this.next += count;
    return slice;
  }
}
