import type { Prisma } from '@resonance/db';
import { differencingVerdict } from '@resonance/domain';

/**
 * Per leader × rater group of the round: how many answered, and whether the group is withheld
 * because comparing it with an earlier released round of the same leader and group would single
 * out the people who joined or left (see the domain's differencingVerdict). Earlier rounds count as
 * released when they had at least the k they promised and were not withheld themselves.
 */
export async function settleRoundUnits(
  tx: Prisma.TransactionClient,
  { roundId, orgId, k, now }: { roundId: string; orgId: string; k: number; now: Date },
) {
  const counts = await tx.response.groupBy({
    by: ['leaderId', 'raterGroup'],
    where: { roundId },
    _count: { _all: true },
  });
  const units = await tx.roundUnit.findMany({
    where: { roundId },
    select: { id: true, leaderId: true, raterGroup: true },
  });
  const unitKey = (leaderId: string, raterGroup: string) => `${leaderId}/${raterGroup}`;
  const known = new Set(units.map((unit) => unitKey(unit.leaderId, unit.raterGroup)));
  // Responses without a unit only come from rounds opened before units existed.
  const missing = counts.filter((count) => !known.has(unitKey(count.leaderId, count.raterGroup)));
  if (missing.length > 0) {
    await tx.roundUnit.createMany({
      data: missing.map((count) => ({
        roundId,
        leaderId: count.leaderId,
        raterGroup: count.raterGroup,
        invitedCount: count._count._all,
        recentlyJoinedCount: 0,
      })),
    });
    units.push(
      ...(await tx.roundUnit.findMany({
        where: { roundId, OR: missing.map((m) => ({ leaderId: m.leaderId, raterGroup: m.raterGroup })) },
        select: { id: true, leaderId: true, raterGroup: true },
      })),
    );
  }
  const responseCount = new Map(
    counts.map((count) => [unitKey(count.leaderId, count.raterGroup), count._count._all]),
  );

  const rated = units.filter((unit) => unit.raterGroup !== 'self');
  const leaderIds = [...new Set(rated.map((unit) => unit.leaderId))];
  const earlier = await tx.roundUnit.findMany({
    where: {
      leaderId: { in: leaderIds },
      withheldReason: null,
      roundId: { not: roundId },
      round: { orgId, state: { in: ['closed', 'archived'] }, closedAt: { lte: now } },
    },
    select: {
      roundId: true,
      leaderId: true,
      raterGroup: true,
      responseCount: true,
      round: { select: { anonymityThreshold: true } },
    },
  });
  const released = earlier.filter(
    (unit) => unit.raterGroup !== 'self' && (unit.responseCount ?? 0) >= (unit.round.anonymityThreshold ?? 3),
  );
  const memberships = await tx.invitation.findMany({
    where: {
      leaderId: { in: leaderIds },
      roundId: { in: [roundId, ...new Set(released.map((unit) => unit.roundId))] },
    },
    select: { roundId: true, leaderId: true, raterGroup: true, raterId: true },
  });
  const membersOf = new Map<string, string[]>();
  for (const invitation of memberships) {
    const key = `${invitation.roundId}/${unitKey(invitation.leaderId, invitation.raterGroup)}`;
    membersOf.set(key, [...(membersOf.get(key) ?? []), invitation.raterId]);
  }

  const settled: { id: string; responseCount: number; withheldReason: string | null }[] = [];
  for (const unit of units) {
    const key = unitKey(unit.leaderId, unit.raterGroup);
    let withheldReason: string | null = null;
    if (unit.raterGroup !== 'self') {
      const history = released
        .filter((r) => r.leaderId === unit.leaderId && r.raterGroup === unit.raterGroup)
        .map((r) => membersOf.get(`${r.roundId}/${key}`) ?? []);
      const verdict = differencingVerdict({
        k,
        candidate: membersOf.get(`${roundId}/${key}`) ?? [],
        released: history,
      });
      if (verdict.withheld) withheldReason = verdict.reason;
    }
    settled.push({ id: unit.id, responseCount: responseCount.get(key) ?? 0, withheldReason });
  }
  if (settled.length === 0) return;
  await tx.$executeRaw`
    UPDATE round_units AS u SET response_count = v.response_count, withheld_reason = v.withheld_reason
    FROM unnest(${settled.map((u) => u.id)}::uuid[], ${settled.map((u) => u.responseCount)}::int[],
                ${settled.map((u) => u.withheldReason)}::text[]) AS v(id, response_count, withheld_reason)
    WHERE u.id = v.id`;
}
