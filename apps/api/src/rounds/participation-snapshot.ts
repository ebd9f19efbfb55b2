import type { Db, Prisma } from '@resonance/db';

/**
 * Participation of an open round is shown to admins as it stood at the last snapshot, and snapshots
 * are taken at fixed times — every 6 hours from midnight UTC — by the scheduler, never on a read.
 * A live count would let an admin who watches a colleague send the survey see the number move by
 * one; a count that changes only at fixed times mixes everyone who answered in the last hours.
 */
export const PARTICIPATION_SNAPSHOT_HOURS = 6;

const SNAPSHOT_MS = PARTICIPATION_SNAPSHOT_HOURS * 3_600_000;

/** The latest fixed snapshot time at or before `now`. */
export function snapshotTimeAt(now: Date): Date {
  return new Date(Math.floor(now.getTime() / SNAPSHOT_MS) * SNAPSHOT_MS);
}

/**
 * Takes the round's snapshot for the period `now` falls in, once: counts the ballots per unit and
 * records when. Returns false when the snapshot of this period was already taken.
 */
export async function takeParticipationSnapshot(
  db: Db | Prisma.TransactionClient,
  roundId: string,
  now: Date,
): Promise<boolean> {
  const at = snapshotTimeAt(now);
  const claimed = await db.round.updateMany({
    where: {
      id: roundId,
      state: 'open',
      OR: [{ participationAsOf: null }, { participationAsOf: { lt: at } }],
    },
    data: { participationAsOf: at },
  });
  if (claimed.count === 0) return false;
  await db.$executeRaw`
    UPDATE round_units AS u SET answered_snapshot = (
      SELECT count(*) FROM ballots AS b
      WHERE b.round_id = u.round_id AND b.leader_id = u.leader_id AND b.rater_group = u.rater_group
    )
    WHERE u.round_id = ${roundId}::uuid`;
  return true;
}
