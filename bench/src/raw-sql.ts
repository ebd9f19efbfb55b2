import { randomUUID } from 'node:crypto';
import { hashInvitationToken } from '@resonance/api/ballot-box/ballot-keys';
import type pg from 'pg';
import type { PreparedBallot } from './invitations';
import { closedLoop, type LoadResult } from './load';

/*
 * The limits the API is measured against: the same statements from a plain `pg` pool, with no
 * HTTP, validation or ORM in between. The submit statements are copied from
 * apps/api/src/survey/find-invitation.ts and apps/api/src/ballot-box/ballot-box.ts (castBallot);
 * keep them in step when that path changes.
 */

const INVITATION_OF_TOKEN_HASH = `SELECT i.id, i.leader_id, i.rater_group, i.locale, r.id AS round_id, r.name AS round_name, r.state,
            (extract(epoch FROM r.closes_at) * 1000)::bigint::text AS closes_ms, r.anonymity_threshold AS round_k,
            q.version, o.name AS org_name, o.anonymity_threshold AS org_k
     FROM invitations i
     JOIN rounds r ON r.id = i.round_id
     JOIN questionnaire_versions q ON q.id = r.questionnaire_version_id
     JOIN organisations o ON o.id = r.org_id
     WHERE i.token_hash = $1`;

const INSERT_BALLOT = `INSERT INTO ballots (id, round_id, leader_id, rater_group, marker, sealed)
       SELECT $1::uuid, r.id, $3::uuid, $4::"RaterGroup", $5, $6
       FROM rounds r
       WHERE r.id = $2::uuid AND r.state = 'open' AND r.closes_at > ($7::timestamptz AT TIME ZONE 'UTC')
       ON CONFLICT (marker) DO NOTHING`;

/** One submit: the invitation lookup, then BEGIN, the shared ballot-box lock, the conditional insert, COMMIT. */
async function castRaw(pool: pg.Pool, ballot: PreparedBallot): Promise<string> {
  const found = await pool.query(INVITATION_OF_TOKEN_HASH, [ballot.tokenHash]);
  if (found.rowCount !== 1) return 'unknown';
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM pg_advisory_xact_lock_shared(hashtextextended($1, 7))', [
      ballot.roundId,
    ]);
    const inserted = await client.query(INSERT_BALLOT, [
      randomUUID(),
      ballot.roundId,
      ballot.leaderId,
      ballot.raterGroup,
      ballot.marker,
      ballot.sealed,
      new Date(),
    ]);
    await client.query('COMMIT');
    return inserted.rowCount === 1 ? 'ok' : 'used';
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function rawSubmit(pool: pg.Pool, ballots: readonly PreparedBallot[], concurrency: number) {
  return closedLoop(
    ballots.length,
    concurrency,
    (index) => castRaw(pool, ballots[index]!),
    (outcome) => outcome === 'ok',
  );
}

/** What a dashboard read can be no faster than: that leader's rollup rows of the round. */
export function rawLeaderRollups(
  pool: pg.Pool,
  {
    roundId,
    leaderIds,
    total,
    concurrency,
  }: { roundId: string; leaderIds: string[]; total: number; concurrency: number },
): Promise<LoadResult> {
  return closedLoop(
    total,
    concurrency,
    async (index) => {
      await pool.query('SELECT * FROM result_rollups WHERE round_id = $1 AND leader_id = $2', [
        roundId,
        leaderIds[index % leaderIds.length],
      ]);
      return 'ok';
    },
    (outcome) => outcome === 'ok',
  );
}

/** The heatmap and the export read at least every rollup row of the round. */
export function rawRoundRollups(
  pool: pg.Pool,
  { roundId, total, concurrency }: { roundId: string; total: number; concurrency: number },
): Promise<LoadResult> {
  return closedLoop(
    total,
    concurrency,
    async () => {
      await pool.query('SELECT * FROM result_rollups WHERE round_id = $1', [roundId]);
      return 'ok';
    },
    (outcome) => outcome === 'ok',
  );
}

export interface InvitationCopy {
  leaderId: string;
  raterId: string;
  raterGroup: string;
  locale: string;
}

/**
 * The floor for opening a round: the same invitations (fresh ids, derived token hashes) in one
 * multi-row insert, in a transaction that is rolled back. The target is a draft round of the same
 * leaders, so no unique key collides with the round just opened. (The emails leave over SMTP, not
 * SQL: they are in the API's figure only.)
 */
export async function rawOpenInsert(
  pool: pg.Pool,
  {
    draftRoundId,
    invitationToken,
    invitations,
  }: {
    draftRoundId: string;
    invitationToken: (id: string) => string;
    invitations: readonly InvitationCopy[];
  },
): Promise<number> {
  const started = performance.now();
  const ids = invitations.map(() => randomUUID());
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO invitations (id, round_id, leader_id, rater_id, rater_group, token_hash, locale)
       SELECT id, $1::uuid, leader_id, rater_id, rater_group, token_hash, locale
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::"RaterGroup"[], $6::text[], $7::"Locale"[])
         AS t(id, leader_id, rater_id, rater_group, token_hash, locale)`,
      [
        draftRoundId,
        ids,
        invitations.map((i) => i.leaderId),
        invitations.map((i) => i.raterId),
        invitations.map((i) => i.raterGroup),
        ids.map((id) => hashInvitationToken(invitationToken(id))),
        invitations.map((i) => i.locale),
      ],
    );
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
  return performance.now() - started;
}
