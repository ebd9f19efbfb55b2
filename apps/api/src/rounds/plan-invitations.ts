import type { Db, Prisma, RaterGroup } from '@resonance/db';
import { isRecentJoiner, type Locale, raterAssigner } from '@resonance/domain';

export interface PlannedInvitation {
  leaderId: string;
  rater: { id: string; name: string; email: string; locale: Locale | null };
  raterGroup: RaterGroup;
}

export interface PlannedUnit {
  leaderId: string;
  raterGroup: RaterGroup;
  invited: number;
  recentlyJoined: number;
}

/**
 * Who a round invites, from the org chart as it is now: used when the round opens and, before
 * that, to warn an admin about groups with newcomers. Leaders who left are not rated.
 */
export async function planInvitations(
  db: Db | Prisma.TransactionClient,
  {
    orgId,
    leaderIds,
    raterGroups,
    opensAt,
  }: { orgId: string; leaderIds: readonly string[]; raterGroups: readonly RaterGroup[]; opensAt: Date },
): Promise<{ invitations: PlannedInvitation[]; units: PlannedUnit[]; leaderNames: Map<string, string> }> {
  const people = await db.person.findMany({
    where: { orgId },
    select: {
      id: true,
      managerId: true,
      active: true,
      name: true,
      email: true,
      locale: true,
      createdAt: true,
      teamSince: true,
    },
  });
  const personById = new Map(people.map((person) => [person.id, person]));
  const assign = raterAssigner(people);
  const invitations: PlannedInvitation[] = [];
  const units = new Map<string, PlannedUnit>();
  const leaderNames = new Map<string, string>();
  for (const leaderId of leaderIds) {
    const leader = personById.get(leaderId);
    if (!leader?.active) continue;
    leaderNames.set(leaderId, leader.name);
    for (const assignment of assign(leaderId, raterGroups)) {
      const rater = personById.get(assignment.raterPersonId)!;
      invitations.push({ leaderId, rater, raterGroup: assignment.raterGroup });
      const key = `${leaderId}/${assignment.raterGroup}`;
      const unit = units.get(key) ?? {
        leaderId,
        raterGroup: assignment.raterGroup,
        invited: 0,
        recentlyJoined: 0,
      };
      unit.invited += 1;
      if (isRecentJoiner(rater, opensAt)) unit.recentlyJoined += 1;
      units.set(key, unit);
    }
  }
  return { invitations, units: [...units.values()], leaderNames };
}
