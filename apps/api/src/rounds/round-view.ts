import type { GatedParticipation, RoundAction, RoundDetail, RoundSummary } from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';
import {
  allowedEvents,
  effectiveThreshold,
  gateParticipationBreakdown,
  isIdentifiableGroup,
  RATER_GROUPS,
  type RaterGroup,
  type RoundState,
  rawAnswersDueAt,
  reminderTimes,
} from '@resonance/domain';
import { AppError } from '../errors/problem';
import { planInvitations } from './plan-invitations';

/** What every round view reads; nothing about raters beyond per-unit counts. */
export const roundSelect = {
  id: true,
  orgId: true,
  name: true,
  state: true,
  raterGroups: true,
  opensAt: true,
  closesAt: true,
  reminderOffsetsHours: true,
  recurrence: true,
  previousRoundId: true,
  openedAt: true,
  closedAt: true,
  anonymityThreshold: true,
  smallTeamMode: true,
  participationAsOf: true,
  rawAnswersDeletedAt: true,
  questionnaire: { select: { version: true } },
  nextRound: { select: { id: true } },
  _count: { select: { subjects: true, invitations: true } },
} satisfies Prisma.RoundSelect;

export type RoundRow = Prisma.RoundGetPayload<{ select: typeof roundSelect }>;

/** Invited and answered counts per leader × rater group: the only participation data there is. */
export interface ParticipationUnit {
  roundId: string;
  leaderId: string;
  raterGroup: RaterGroup;
  invited: number;
  answered: number;
}

/**
 * Invited counts are the ones fixed when the round opened (round_units), so deactivating or editing
 * people during the round changes no count an admin sees. Answered counts are, while the round is
 * open, those of the last fixed-time snapshot (see participation-snapshot.ts), and the responses
 * recorded at close afterwards.
 */
export async function participationUnits(db: Db, roundIds: readonly string[]): Promise<ParticipationUnit[]> {
  if (roundIds.length === 0) return [];
  const units = await db.roundUnit.findMany({
    where: { roundId: { in: [...roundIds] } },
    select: {
      roundId: true,
      leaderId: true,
      raterGroup: true,
      invitedCount: true,
      responseCount: true,
      answeredSnapshot: true,
    },
  });
  return units.map((unit) => ({
    roundId: unit.roundId,
    leaderId: unit.leaderId,
    raterGroup: unit.raterGroup,
    invited: unit.invitedCount,
    // Never more than invited, even for rounds that predate units.
    answered: Math.min(unit.responseCount ?? unit.answeredSnapshot, unit.invitedCount),
  }));
}

/**
 * Participation through the privacy gate: each leader × group unit is shown only from k answers
 * on, and every total adds up shown units only, so no total minus its parts reveals a small group.
 */
export function gatedRoundParticipation(units: readonly ParticipationUnit[], k: number): GatedParticipation {
  return gateParticipationBreakdown({
    k,
    units: units.map((unit) => ({
      key: `${unit.leaderId}/${unit.raterGroup}`,
      invited: unit.invited,
      answered: unit.answered,
    })),
  }).total;
}

export function allowedRoundActions(state: RoundState): RoundAction[] {
  const actions: RoundAction[] = [];
  if (state === 'draft' || state === 'scheduled' || state === 'open') actions.push('edit');
  for (const event of allowedEvents(state)) {
    if (
      event === 'schedule' ||
      event === 'unschedule' ||
      event === 'open' ||
      event === 'close' ||
      event === 'archive'
    ) {
      actions.push(event);
    }
  }
  if (state === 'open') actions.push('remind');
  return actions;
}

export function toRoundSummary(
  round: RoundRow,
  units: readonly ParticipationUnit[],
  organisationK: number,
): RoundSummary {
  const k = effectiveThreshold(round.anonymityThreshold, organisationK);
  return {
    id: round.id,
    name: round.name,
    state: round.state,
    questionnaireVersion: round.questionnaire.version,
    raterGroups: sortGroups(round.raterGroups),
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    reminderOffsetsHours: [...round.reminderOffsetsHours].sort((a, b) => b - a),
    recurrence: round.recurrence,
    previousRoundId: round.previousRoundId,
    nextRoundId: round.nextRound?.id ?? null,
    openedAt: round.openedAt?.toISOString() ?? null,
    closedAt: round.closedAt?.toISOString() ?? null,
    leaderCount: round._count.subjects,
    anonymityThreshold: round.anonymityThreshold,
    // Fixed when the round opens, like k (the round's k is set at that moment too).
    smallTeamMode: round.anonymityThreshold === null ? null : round.smallTeamMode,
    k,
    participationAsOf: round.state === 'open' ? (round.participationAsOf?.toISOString() ?? null) : null,
    invitationCount: round._count.invitations,
    participation: gatedRoundParticipation(
      units.filter((unit) => unit.roundId === round.id),
      k,
    ),
    allowedActions: allowedRoundActions(round.state),
  };
}

export function sortGroups(groups: readonly RaterGroup[]): RaterGroup[] {
  return [...groups].sort((a, b) => RATER_GROUPS.indexOf(a) - RATER_GROUPS.indexOf(b));
}

export async function organisationThreshold(db: Db, orgId: string): Promise<number> {
  const org = await db.organisation.findUnique({
    where: { id: orgId },
    select: { anonymityThreshold: true },
  });
  if (!org) throw new AppError('notFound', 'No such organisation.');
  return org.anonymityThreshold;
}

/** The detail view: per leader and rater group, invited and answered counts through the gate, never who. */
export async function loadRoundDetail({
  db,
  orgId,
  roundId,
}: {
  db: Db;
  orgId: string;
  roundId: string;
}): Promise<RoundDetail> {
  const round = await db.round.findFirst({ where: { id: roundId, orgId }, select: roundSelect });
  if (!round) throw new AppError('notFound', 'No such round.');
  const [organisationK, retention, units, subjects, sentReminders] = await Promise.all([
    organisationThreshold(db, orgId),
    db.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { rawAnswerRetentionDays: true } }),
    participationUnits(db, [round.id]),
    db.roundSubject.findMany({
      where: { roundId: round.id },
      select: { leader: { select: { id: true, name: true, email: true } } },
      orderBy: { leader: { name: 'asc' } },
    }),
    db.roundReminder.findMany({
      where: { roundId: round.id },
      select: { offsetHours: true, sentAt: true },
    }),
  ]);

  const k = effectiveThreshold(round.anonymityThreshold, organisationK);
  const groups = sortGroups(round.raterGroups);
  const leaders = subjects.map(({ leader }) => {
    const leaderUnits = groups.map((raterGroup) => {
      const unit = units.find((u) => u.leaderId === leader.id && u.raterGroup === raterGroup);
      return { key: raterGroup, invited: unit?.invited ?? 0, answered: unit?.answered ?? 0 };
    });
    const gated = gateParticipationBreakdown({ k, units: leaderUnits });
    return {
      id: leader.id,
      name: leader.name,
      email: leader.email,
      participation: gated.total,
      groups: gated.units.map(({ key, participation }) => ({
        raterGroup: key,
        identifiable: isIdentifiableGroup(key),
        participation,
      })),
    };
  });

  const dueTimes = reminderTimes(round.opensAt, round.closesAt, round.reminderOffsetsHours);
  const sentByOffset = new Map(sentReminders.map((r) => [r.offsetHours, r.sentAt]));
  const offsets = [...new Set([...round.reminderOffsetsHours, ...sentByOffset.keys()])].sort((a, b) => b - a);
  const reminders = offsets.map((offsetHours) => {
    const dueAt = new Date(round.closesAt.getTime() - offsetHours * 3_600_000);
    const inWindow = dueTimes.some((time) => time.getTime() === dueAt.getTime());
    return {
      offsetHours,
      dueAt: inWindow ? dueAt.toISOString() : null,
      sentAt: sentByOffset.get(offsetHours)?.toISOString() ?? null,
    };
  });

  const leaderName = new Map(subjects.map(({ leader }) => [leader.id, leader.name]));
  const paddingWarnings = (
    await paddingUnits(
      db,
      round,
      subjects.map(({ leader }) => leader.id),
    )
  )
    .filter((unit) => unit.raterGroup !== 'self' && unit.recentlyJoined > 0)
    .map((unit) => ({ ...unit, leaderName: leaderName.get(unit.leaderId) ?? '' }))
    .sort(
      (a, b) =>
        a.leaderName.localeCompare(b.leaderName) ||
        RATER_GROUPS.indexOf(a.raterGroup) - RATER_GROUPS.indexOf(b.raterGroup),
    );

  const rawAnswers = {
    retentionDays: retention.rawAnswerRetentionDays,
    dueAt: round.rawAnswersDeletedAt
      ? null
      : (rawAnswersDueAt(round, retention.rawAnswerRetentionDays)?.toISOString() ?? null),
    deletedAt: round.rawAnswersDeletedAt?.toISOString() ?? null,
  };

  return { ...toRoundSummary(round, units, organisationK), leaders, reminders, paddingWarnings, rawAnswers };
}

/**
 * Newcomers per leader × group (rule 11): before the round opens from the org chart as it is now
 * (what opening would fix), afterwards as fixed when it opened.
 */
async function paddingUnits(
  db: Db,
  round: RoundRow,
  leaderIds: string[],
): Promise<{ leaderId: string; raterGroup: RaterGroup; invited: number; recentlyJoined: number }[]> {
  if (round.state === 'draft' || round.state === 'scheduled') {
    const plan = await planInvitations(db, {
      orgId: round.orgId,
      leaderIds,
      raterGroups: round.raterGroups,
      opensAt: round.opensAt,
    });
    return plan.units;
  }
  const units = await db.roundUnit.findMany({
    where: { roundId: round.id },
    select: { leaderId: true, raterGroup: true, invitedCount: true, recentlyJoinedCount: true },
  });
  return units.map((unit) => ({
    leaderId: unit.leaderId,
    raterGroup: unit.raterGroup,
    invited: unit.invitedCount,
    recentlyJoined: unit.recentlyJoinedCount,
  }));
}
