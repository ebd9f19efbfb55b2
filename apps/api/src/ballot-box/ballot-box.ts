import { randomUUID } from 'node:crypto';
import type { CommentKind, Db, Prisma, RaterGroup, SqlPool } from '@resonance/db';
import { shuffle } from '@resonance/domain';
import type { BallotKeys } from './ballot-keys';

/** What a rater sent, as sealed in a ballot until the round closes. */
export interface BallotContent {
  answers: { itemKey: string; score: number | null }[];
  comments: { kind: CommentKind; thesisKey: string | null; text: string }[];
}

export interface BallotUnit {
  roundId: string;
  leaderId: string;
  raterGroup: RaterGroup;
}

type Tx = Prisma.TransactionClient;

/** The unit is bound to the seal, so a database writer cannot move a ballot to another leader or group. */
const associatedData = (unit: BallotUnit) => `${unit.roundId}/${unit.leaderId}/${unit.raterGroup}`;

const MIN_SIZE_CLASS = 2048;

/**
 * Sealed ballots are padded to a size class (2 KiB, then powers of two), so the length of a sealed
 * ballot tells a database reader little about how much its author wrote.
 */
export function paddedSize(length: number): number {
  let size = MIN_SIZE_CLASS;
  while (size < length) size *= 2;
  return size;
}

export function sealBallot(keys: BallotKeys, unit: BallotUnit, content: BallotContent): Buffer {
  const json = Buffer.from(JSON.stringify(content), 'utf8');
  const framed = Buffer.alloc(paddedSize(json.length + 4));
  framed.writeUInt32BE(json.length, 0);
  json.copy(framed, 4);
  return keys.seal(framed, associatedData(unit));
}

export function unsealBallot(keys: BallotKeys, unit: BallotUnit, sealed: Uint8Array): BallotContent {
  const framed = keys.unseal(Buffer.from(sealed), associatedData(unit));
  const length = framed.readUInt32BE(0);
  return JSON.parse(framed.subarray(4, 4 + length).toString('utf8')) as BallotContent;
}

export type CastOutcome = 'cast' | 'used' | { round: { state: string; closesAt: Date } };

/**
 * Puts one ballot into the box, on the submit path's hot SQL (plain `pg`: the ORM's per-query
 * cost was most of a submit's CPU). Nothing but the ballot row is written: the invitation is not
 * touched, so no row about a person shares this transaction. The unique marker decides races:
 * of concurrent casts for one invitation exactly one wins, the others see 'used'.
 *
 * The round's ballot-box lock is taken shared (submits run side by side; the close takes it
 * exclusively), in its own statement, so the round's state is read after the lock is held: a
 * submit commits before the close empties the box, or waits and then finds the round closed. An
 * advisory lock leaves no trace in any row (a row lock would write this transaction's id into
 * the round's xmax). When nothing was inserted, the round is returned for the caller to say why.
 */
export async function castBallot(
  pool: SqlPool,
  keys: BallotKeys,
  {
    invitationId,
    unit,
    content,
    now,
  }: { invitationId: string; unit: BallotUnit; content: BallotContent; now: Date },
): Promise<CastOutcome> {
  const sealed = sealBallot(keys, unit, content);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM pg_advisory_xact_lock_shared(hashtextextended($1, 7))', [unit.roundId]);
    const inserted = await client.query(
      `INSERT INTO ballots (id, round_id, leader_id, rater_group, marker, sealed)
       SELECT $1::uuid, r.id, $3::uuid, $4::"RaterGroup", $5, $6
       FROM rounds r
       WHERE r.id = $2::uuid AND r.state = 'open' AND r.closes_at > ($7::timestamptz AT TIME ZONE 'UTC')
       ON CONFLICT (marker) DO NOTHING`,
      [
        randomUUID(),
        unit.roundId,
        unit.leaderId,
        unit.raterGroup,
        keys.ballotMarker(invitationId),
        sealed,
        now,
      ],
    );
    let outcome: CastOutcome = 'cast';
    if (inserted.rowCount !== 1) {
      const { rows } = await client.query<{ state: string; closes_ms: string }>(
        `SELECT state, (extract(epoch FROM closes_at) * 1000)::bigint::text AS closes_ms FROM rounds WHERE id = $1::uuid`,
        [unit.roundId],
      );
      const round = {
        state: rows[0]?.state ?? 'closed',
        closesAt: new Date(Number(rows[0]?.closes_ms ?? 0)),
      };
      outcome = round.state === 'open' && round.closesAt.getTime() > now.getTime() ? 'used' : { round };
    }
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Takes the round's ballot-box lock exclusively, for the close: waits for submits in flight and
 * holds new ones off until the close commits (see castBallot).
 */
export async function lockBallotBoxForClose(tx: Tx, roundId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${roundId}, 7))`;
}

/** Whether this invitation's ballot is in the box. Only the app, holding the key, can ask this. */
export async function hasBallot(db: Db, keys: BallotKeys, invitationId: string): Promise<boolean> {
  const { rowCount } = await db.pool.query('SELECT 1 FROM ballots WHERE marker = $1', [
    keys.ballotMarker(invitationId),
  ]);
  return rowCount === 1;
}

/** The invitations of a round whose ballot is in the box (for reminders: the others are pending). */
export async function usedInvitationIds(
  db: Db | Tx,
  keys: BallotKeys,
  roundId: string,
  invitationIds: readonly string[],
): Promise<Set<string>> {
  const rows = await db.ballot.findMany({ where: { roundId }, select: { marker: true } });
  const markers = new Set(rows.map((row) => row.marker));
  return new Set(invitationIds.filter((id) => markers.has(keys.ballotMarker(id))));
}

/** Ballots unsealed and written per batch when a round closes: memory stays flat however large the round. */
const EMPTY_BATCH_BALLOTS = 500;

/**
 * Empties a round's ballot box when it closes, inside the closing transaction. Only the ballots'
 * ids and units are read at first; they are shuffled with the CSPRNG (`random`), and then, batch by
 * batch in that order, the sealed contents are fetched, unsealed and written as responses with fresh
 * random ids, their answers after them, each batch in three multi-row statements. Comments go
 * through a temporary table with a random sort key each and are written at the end, ordered by that
 * key: shuffled across the whole round on their own, so neighbouring comment rows are not one
 * author's. Then the ballots are deleted. Every row written here carries the closing transaction's
 * id, so neither xmin, physical order nor dump order says which ballot, or which invitation, a
 * response came from. (The order is never derived from the marker or the ballot id: both are
 * computable or visible to others, the shuffle is not.)
 */
export async function emptyBallotBox(
  tx: Tx,
  keys: BallotKeys,
  roundId: string,
  random: () => number,
): Promise<number> {
  const units = await tx.$queryRaw<{ id: string; leader_id: string; rater_group: RaterGroup }[]>`
    SELECT id, leader_id, rater_group FROM ballots WHERE round_id = ${roundId}::uuid`;
  if (units.length === 0) return 0;
  const order = shuffle(units, random);
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE closing_comments (
      sort_key float8 NOT NULL, leader_id uuid NOT NULL, rater_group "RaterGroup" NOT NULL,
      kind "CommentKind" NOT NULL, thesis_key text, text text NOT NULL
    ) ON COMMIT DROP`;
  for (let start = 0; start < order.length; start += EMPTY_BATCH_BALLOTS) {
    const batch = order.slice(start, start + EMPTY_BATCH_BALLOTS);
    const sealedRows = await tx.$queryRaw<{ id: string; sealed: Uint8Array }[]>`
      SELECT id, sealed FROM ballots WHERE id = ANY(${batch.map((ballot) => ballot.id)}::uuid[])`;
    const sealedById = new Map(sealedRows.map((row) => [row.id, row.sealed]));
    const responses = { ids: [] as string[], leaderIds: [] as string[], groups: [] as RaterGroup[] };
    const answers = {
      responseIds: [] as string[],
      itemKeys: [] as string[],
      scores: [] as (number | null)[],
    };
    const comments = {
      sortKeys: [] as number[],
      leaderIds: [] as string[],
      groups: [] as RaterGroup[],
      kinds: [] as CommentKind[],
      thesisKeys: [] as (string | null)[],
      texts: [] as string[],
    };
    for (const ballot of batch) {
      const unit = { roundId, leaderId: ballot.leader_id, raterGroup: ballot.rater_group };
      const content = unsealBallot(keys, unit, sealedById.get(ballot.id)!);
      const responseId = randomUUID();
      responses.ids.push(responseId);
      responses.leaderIds.push(unit.leaderId);
      responses.groups.push(unit.raterGroup);
      for (const answer of content.answers) {
        answers.responseIds.push(responseId);
        answers.itemKeys.push(answer.itemKey);
        answers.scores.push(answer.score);
      }
      for (const comment of content.comments) {
        comments.sortKeys.push(random());
        comments.leaderIds.push(unit.leaderId);
        comments.groups.push(unit.raterGroup);
        comments.kinds.push(comment.kind);
        comments.thesisKeys.push(comment.thesisKey);
        // Submits refuse NUL now; a ballot sealed before that must not make the close fail.
        comments.texts.push(comment.text.replaceAll('\u0000', ''));
      }
    }
    // unnest yields the arrays in order, so rows are written in the shuffled order.
    await tx.$executeRaw`
      INSERT INTO responses (id, round_id, leader_id, rater_group)
      SELECT v.id, ${roundId}::uuid, v.leader_id, v.rater_group
      FROM unnest(${responses.ids}::uuid[], ${responses.leaderIds}::uuid[], ${responses.groups}::"RaterGroup"[])
           AS v(id, leader_id, rater_group)`;
    if (answers.responseIds.length > 0) {
      await tx.$executeRaw`
        INSERT INTO answers (id, response_id, item_key, score)
        SELECT gen_random_uuid(), v.response_id, v.item_key, v.score
        FROM unnest(${answers.responseIds}::uuid[], ${answers.itemKeys}::text[], ${answers.scores}::int[])
             AS v(response_id, item_key, score)`;
    }
    if (comments.texts.length > 0) {
      await tx.$executeRaw`
        INSERT INTO closing_comments (sort_key, leader_id, rater_group, kind, thesis_key, text)
        SELECT * FROM unnest(${comments.sortKeys}::float8[], ${comments.leaderIds}::uuid[],
                             ${comments.groups}::"RaterGroup"[], ${comments.kinds}::"CommentKind"[],
                             ${comments.thesisKeys}::text[], ${comments.texts}::text[])`;
    }
  }
  await tx.$executeRaw`
    INSERT INTO comments (id, round_id, leader_id, rater_group, kind, thesis_key, text)
    SELECT gen_random_uuid(), ${roundId}::uuid, leader_id, rater_group, kind, thesis_key, text
    FROM closing_comments ORDER BY sort_key`;
  await tx.$executeRaw`DROP TABLE closing_comments`;
  await tx.$executeRaw`DELETE FROM ballots WHERE round_id = ${roundId}::uuid`;
  return order.length;
}
