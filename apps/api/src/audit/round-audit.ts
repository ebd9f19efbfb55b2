import type { RoundDetail } from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';
import type { AuthUser } from '../auth/auth-plugin';
import { changedFields } from './changed-fields';
import { recordAudit } from './record-audit';

/**
 * What planning a round sets, as the audit log shows it. Leaders appear only as a count: a leader
 * is also the rater of the self-assessment, and the log names no rater.
 */
export interface RoundAuditFacts {
  [field: string]: Prisma.InputJsonValue | null;
  name: string;
  state: string;
  opensAt: string;
  closesAt: string;
  raterGroups: string[];
  reminderOffsetsHours: number[];
  recurrence: string;
  leaderCount: number;
}

interface RoundSnapshot {
  facts: RoundAuditFacts;
  /** Sorted, to tell a changed set of leaders of the same size; never written to the log. */
  leaderIds: string[];
}

interface RoundPlan {
  name: string;
  state: string;
  opensAt: string;
  closesAt: string;
  raterGroups: readonly string[];
  reminderOffsetsHours: readonly number[];
  recurrence: string;
}

function snapshot(round: RoundPlan, leaderIds: string[]): RoundSnapshot {
  const { name, state, opensAt, closesAt, reminderOffsetsHours, recurrence } = round;
  return {
    facts: {
      name,
      state,
      opensAt,
      closesAt,
      raterGroups: [...round.raterGroups].sort(),
      reminderOffsetsHours: [...reminderOffsetsHours].sort((a, b) => a - b),
      recurrence,
      leaderCount: leaderIds.length,
    },
    leaderIds: [...leaderIds].sort(),
  };
}

export async function readRoundSnapshot(
  db: Db,
  orgId: string,
  roundId: string,
): Promise<RoundSnapshot | null> {
  const round = await db.round.findFirst({
    where: { id: roundId, orgId },
    select: {
      name: true,
      state: true,
      opensAt: true,
      closesAt: true,
      raterGroups: true,
      reminderOffsetsHours: true,
      recurrence: true,
      subjects: { select: { leaderId: true } },
    },
  });
  if (!round) return null;
  return snapshot(
    { ...round, opensAt: round.opensAt.toISOString(), closesAt: round.closesAt.toISOString() },
    round.subjects.map((subject) => subject.leaderId),
  );
}

export function roundSnapshotOf(round: RoundDetail): RoundSnapshot {
  return snapshot(
    round,
    round.leaders.map((leader) => leader.id),
  );
}

/** `round.created` with the plan as it was saved (state says whether it was scheduled at once). */
export async function recordRoundCreated(db: Db, { actor, round }: { actor: AuthUser; round: RoundDetail }) {
  await recordAudit(db, {
    orgId: actor.orgId,
    actor,
    action: 'round.created',
    target: { type: 'round', id: round.id },
    details: roundSnapshotOf(round).facts,
  });
}

/**
 * An edit is `round.updated` with the changed fields (`{ field: { from, to } }`); scheduling or
 * unscheduling is its own event, so the log reads like the admin's clicks.
 */
export async function recordRoundEdit(
  db: Db,
  { actor, before, round }: { actor: AuthUser; before: RoundSnapshot | null; round: RoundDetail },
) {
  const after = roundSnapshotOf(round);
  const changes = before ? changedFields(before.facts, after.facts) : {};
  delete changes.state;
  if (before && before.leaderIds.join() !== after.leaderIds.join() && !changes.leaderCount) {
    changes.leaderCount = { from: before.facts.leaderCount, to: after.facts.leaderCount };
  }
  const target = { type: 'round', id: round.id } as const;
  const common = { orgId: actor.orgId, actor, target };
  const transition =
    before?.facts.state === 'draft' && round.state === 'scheduled'
      ? 'round.scheduled'
      : before?.facts.state === 'scheduled' && round.state === 'draft'
        ? 'round.unscheduled'
        : null;
  if (Object.keys(changes).length > 0 || !transition) {
    await recordAudit(db, { ...common, action: 'round.updated', details: changes });
  }
  if (transition) await recordAudit(db, { ...common, action: transition });
}
