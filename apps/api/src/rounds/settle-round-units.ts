import type { Prisma } from '@resonance/db';
import { differencingVerdict, normalizeAnonymityThreshold } from '@resonance/domain';

/**
 * Per leader × rater group of the round: how many answered, and whether the group is withheld
 * because comparing it with an earlier released round of the same leader and group would single
 * out the people who joined or left (see the domain's differencingVerdict). Earlier rounds count as
 * released when they had at least the k they promised and were not withheld themselves.
 *
 * Small-team mode adds one more kind of released figure: a leader's combined groups (see the
 * domain's combinesGroups). An earlier round counts as having released one when it ran in the mode,
 * none of the leader's groups reached its promised k or was withheld, and together they did; its
 * membership is the union of those groups. Every group of this round that could be shown on its
 * own is checked against the leader's earlier combined figures too, and when this round would
 * combine, the combination is
 * checked against every earlier released figure of the leader (any group, and combined ones); if
 * that verdict withholds, all of the leader's groups are withheld, so nothing is combined.
 */
export async function settleRoundUnits(
  tx: Prisma.TransactionClient,
  {
    roundId,
    orgId,
    k,
    now,
    smallTeamMode = false,
    roundK = null,
  }: {
    roundId: string;
    orgId: string;
    k: number;
    now: Date;
    /** The mode the round opened with. */
    smallTeamMode?: boolean;
    /** The k the round promised when it opened (the lowest its results are gated with). */
    roundK?: number | null;
  },
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
  const combinedReleased = await earlierCombinedFigures(tx, { roundId, orgId, leaderIds, now });
  const memberships = await tx.invitation.findMany({
    where: {
      leaderId: { in: leaderIds },
      roundId: {
        in: [roundId, ...new Set([...released, ...combinedReleased].map((unit) => unit.roundId))],
      },
    },
    select: { roundId: true, leaderId: true, raterGroup: true, raterId: true },
  });
  const membersOf = new Map<string, string[]>();
  // Per round/leader, everyone invited to one of the leader's non-self groups.
  const combinedMembersOf = new Map<string, string[]>();
  for (const invitation of memberships) {
    const key = `${invitation.roundId}/${unitKey(invitation.leaderId, invitation.raterGroup)}`;
    membersOf.set(key, [...(membersOf.get(key) ?? []), invitation.raterId]);
    if (invitation.raterGroup === 'self') continue;
    const combinedKey = `${invitation.roundId}/${invitation.leaderId}`;
    combinedMembersOf.set(combinedKey, [...(combinedMembersOf.get(combinedKey) ?? []), invitation.raterId]);
  }
  // The lowest k this round is ever read with: a group below it is never shown on its own.
  const lowestK = Math.min(normalizeAnonymityThreshold(k), normalizeAnonymityThreshold(roundK ?? 0));
  const combinedHistory = (leaderId: string) =>
    combinedReleased
      .filter((figure) => figure.leaderId === leaderId)
      .map((figure) => combinedMembersOf.get(`${figure.roundId}/${leaderId}`) ?? []);

  const settled: {
    id: string;
    leaderId: string;
    raterGroup: string;
    responseCount: number;
    withheldReason: string | null;
  }[] = [];
  for (const unit of units) {
    const key = unitKey(unit.leaderId, unit.raterGroup);
    let withheldReason: string | null = null;
    if (unit.raterGroup !== 'self') {
      const history = [
        ...released
          .filter((r) => r.leaderId === unit.leaderId && r.raterGroup === unit.raterGroup)
          .map((r) => membersOf.get(`${r.roundId}/${key}`) ?? []),
        // A group too small to be shown alone reaches readers only inside a combination, and that
        // is checked as a whole below; checking it here would withhold a stable team's next round.
        ...((responseCount.get(key) ?? 0) >= lowestK ? combinedHistory(unit.leaderId) : []),
      ];
      const verdict = differencingVerdict({
        k,
        candidate: membersOf.get(`${roundId}/${key}`) ?? [],
        released: history,
      });
      if (verdict.withheld) withheldReason = verdict.reason;
    }
    settled.push({
      id: unit.id,
      leaderId: unit.leaderId,
      raterGroup: unit.raterGroup,
      responseCount: responseCount.get(key) ?? 0,
      withheldReason,
    });
  }
  if (smallTeamMode) {
    for (const leaderId of leaderIds) {
      const groups = settled.filter((u) => u.leaderId === leaderId && u.raterGroup !== 'self');
      if (!combinesAtSomeK(groups, lowestK)) continue;
      const verdict = differencingVerdict({
        k,
        candidate: combinedMembersOf.get(`${roundId}/${leaderId}`) ?? [],
        released: [
          ...released
            .filter((r) => r.leaderId === leaderId)
            .map((r) => membersOf.get(`${r.roundId}/${unitKey(leaderId, r.raterGroup)}`) ?? []),
          ...combinedHistory(leaderId),
        ],
      });
      if (verdict.withheld) for (const group of groups) group.withheldReason = verdict.reason;
    }
  }
  if (settled.length === 0) return;
  await tx.$executeRaw`
    UPDATE round_units AS u SET response_count = v.response_count, withheld_reason = v.withheld_reason
    FROM unnest(${settled.map((u) => u.id)}::uuid[], ${settled.map((u) => u.responseCount)}::int[],
                ${settled.map((u) => u.withheldReason)}::text[]) AS v(id, response_count, withheld_reason)
    WHERE u.id = v.id`;
}

/**
 * Whether a leader's groups of a round in small-team mode are combined at some k the round can be
 * read with (from its promised k up): none reaches that k or is withheld, together they reach it.
 * Mirrors the domain's combinesGroups at the lowest k, so no combination that could ever be shown
 * escapes the differencing check.
 */
function combinesAtSomeK(
  groups: readonly { responseCount: number | null; withheldReason: string | null }[],
  lowestK: number,
): boolean {
  if (groups.length === 0) return false;
  if (groups.some((group) => group.withheldReason !== null || (group.responseCount ?? 0) >= lowestK))
    return false;
  return groups.reduce((total, group) => total + (group.responseCount ?? 0), 0) >= lowestK;
}

/** The leaders' combined figures released by earlier closed rounds that ran in small-team mode. */
async function earlierCombinedFigures(
  tx: Prisma.TransactionClient,
  { roundId, orgId, leaderIds, now }: { roundId: string; orgId: string; leaderIds: string[]; now: Date },
): Promise<{ roundId: string; leaderId: string }[]> {
  if (leaderIds.length === 0) return [];
  const units = await tx.roundUnit.findMany({
    where: {
      leaderId: { in: leaderIds },
      raterGroup: { not: 'self' },
      roundId: { not: roundId },
      round: { orgId, smallTeamMode: true, state: { in: ['closed', 'archived'] }, closedAt: { lte: now } },
    },
    select: {
      roundId: true,
      leaderId: true,
      responseCount: true,
      withheldReason: true,
      round: { select: { anonymityThreshold: true } },
    },
  });
  const byFigure = new Map<string, typeof units>();
  for (const unit of units) {
    const key = `${unit.roundId}/${unit.leaderId}`;
    byFigure.set(key, [...(byFigure.get(key) ?? []), unit]);
  }
  return [...byFigure.values()]
    .filter((groups) =>
      combinesAtSomeK(groups, normalizeAnonymityThreshold(groups[0]!.round.anonymityThreshold ?? 0)),
    )
    .map((groups) => ({ roundId: groups[0]!.roundId, leaderId: groups[0]!.leaderId }));
}
