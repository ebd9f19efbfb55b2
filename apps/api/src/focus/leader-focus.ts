import type { FocusInputParsed, FollowThrough, LeaderFocus, LeaderFocusList } from '@resonance/contracts';
import type { Db } from '@resonance/db';
import {
  combinesGroups,
  effectiveThreshold,
  type FocusProgress,
  gateFollowUp,
  type RaterGroup,
  resultsVisible,
  type ThesisKey,
} from '@resonance/domain';
import { AppError } from '../errors/problem';

const focusSelect = {
  id: true,
  leaderId: true,
  shared: true,
  updatedAt: true,
  followUpRoundId: true,
  round: { select: { id: true, name: true, closesAt: true, closedAt: true } },
  followUpRound: {
    select: {
      id: true,
      name: true,
      state: true,
      anonymityThreshold: true,
      smallTeamMode: true,
      organisation: { select: { anonymityThreshold: true } },
    },
  },
  theses: {
    select: { thesisKey: true, commitment: true, dueDate: true, progress: true, progressNote: true },
    orderBy: { position: 'asc' },
  },
} as const;

type FocusRow = Awaited<ReturnType<typeof findFocusRows>>[number];

function findFocusRows(db: Db, where: { leaderId: string; orgId: string; roundId?: string }) {
  return db.leaderFocus.findMany({
    where: {
      leaderId: where.leaderId,
      round: { orgId: where.orgId },
      ...(where.roundId ? { roundId: where.roundId } : {}),
    },
    select: focusSelect,
    orderBy: { round: { closesAt: 'desc' } },
  });
}

/** When the leader's rounds opened: a focus is fixed once a later round of theirs has opened. */
async function openingsOf(db: Db, leaderId: string): Promise<Date[]> {
  const rounds = await db.round.findMany({
    where: { subjects: { some: { leaderId } }, openedAt: { not: null } },
    select: { openedAt: true },
  });
  return rounds.flatMap((round) => (round.openedAt ? [round.openedAt] : []));
}

function isEditable(row: FocusRow, openings: readonly Date[]): boolean {
  const closedAt = row.round.closedAt ?? row.round.closesAt;
  return row.followUpRoundId === null && !openings.some((openedAt) => openedAt > closedAt);
}

async function followUpResults(db: Db, row: FocusRow): Promise<LeaderFocus['followUp']> {
  const round = row.followUpRound;
  if (!round) return null;
  const ref = { id: round.id, name: round.name, state: round.state };
  if (!resultsVisible(round.state)) return { round: ref, results: null, combinedGroups: false };
  const [items, rollups, withheld] = await Promise.all([
    db.roundFollowUp.findMany({
      where: { roundId: round.id, leaderId: row.leaderId },
      select: { thesisKey: true },
      orderBy: { position: 'asc' },
    }),
    db.followUpRollup.findMany({
      where: { roundId: round.id, leaderId: row.leaderId },
      select: { raterGroup: true, thesisKey: true, responseCount: true, n: true, counts: true },
    }),
    db.roundUnit.findMany({
      where: { roundId: round.id, leaderId: row.leaderId, withheldReason: { not: null } },
      select: { raterGroup: true },
    }),
  ]);
  const withheldGroups = new Set(withheld.map((unit) => unit.raterGroup));
  const groups = new Map<
    RaterGroup,
    {
      raterGroup: RaterGroup;
      responseCount: number;
      withheld: boolean;
      theses: Partial<Record<ThesisKey, { n: number; counts: number[] }>>;
    }
  >();
  for (const rollup of rollups) {
    const group = groups.get(rollup.raterGroup) ?? {
      raterGroup: rollup.raterGroup,
      responseCount: rollup.responseCount,
      withheld: withheldGroups.has(rollup.raterGroup),
      theses: {},
    };
    group.theses[rollup.thesisKey as ThesisKey] = { n: rollup.n, counts: rollup.counts };
    groups.set(rollup.raterGroup, group);
  }
  const k = effectiveThreshold(round.anonymityThreshold, round.organisation.anonymityThreshold);
  // The round's own mode and promised k, as for its scores: the same groups combine, or none.
  const smallTeam = { smallTeamMode: round.smallTeamMode, roundK: round.anonymityThreshold };
  const rollupGroups = [...groups.values()];
  const results = gateFollowUp({
    k,
    theses: items.map((item) => item.thesisKey as ThesisKey),
    groups: rollupGroups,
    ...smallTeam,
  });
  return {
    round: ref,
    results,
    combinedGroups: combinesGroups({
      k,
      groups: rollupGroups.filter((group) => group.raterGroup !== 'self'),
      options: smallTeam,
    }),
  };
}

async function focusView(db: Db, row: FocusRow, openings: readonly Date[]): Promise<LeaderFocus> {
  return {
    round: { id: row.round.id, name: row.round.name, closesAt: row.round.closesAt.toISOString() },
    shared: row.shared,
    editable: isEditable(row, openings),
    theses: row.theses.map((thesis) => ({
      thesis: thesis.thesisKey as ThesisKey,
      commitment: thesis.commitment,
      dueDate: thesis.dueDate ? thesis.dueDate.toISOString().slice(0, 10) : null,
      progress: thesis.progress as FocusProgress,
      progressNote: thesis.progressNote,
    })),
    followUp: await followUpResults(db, row),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function findLeader(db: Db, orgId: string, leaderId: string) {
  const leader = await db.person.findFirst({
    where: { id: leaderId, orgId },
    select: { id: true, name: true },
  });
  if (!leader) throw new AppError('notFound', 'No such leader.');
  return leader;
}

/** A leader's focus after each closed round, newest first, with what the next round's raters said (gated). */
export async function listLeaderFocus({
  db,
  orgId,
  leaderId,
}: {
  db: Db;
  orgId: string;
  leaderId: string;
}): Promise<LeaderFocusList> {
  const leader = await findLeader(db, orgId, leaderId);
  const [rows, openings] = await Promise.all([
    findFocusRows(db, { leaderId, orgId }),
    openingsOf(db, leaderId),
  ]);
  return { leader, focuses: await Promise.all(rows.map((row) => focusView(db, row, openings))) };
}

/** Only the leader writes their focus; an admin may read it but not change it. */
export function assertOwnFocus(user: { personId: string }, leaderId: string): void {
  if (user.personId !== leaderId) {
    throw new AppError('forbidden', "A focus is the leader's own: only they can change it.");
  }
}

async function findClosedRoundOfLeader(
  db: Db,
  { orgId, leaderId, roundId }: { orgId: string; leaderId: string; roundId: string },
) {
  const round = await db.round.findFirst({
    where: { id: roundId, orgId, subjects: { some: { leaderId } } },
    select: { id: true, state: true, closedAt: true, closesAt: true },
  });
  if (!round) throw new AppError('notFound', 'No such round for this leader.');
  if (!resultsVisible(round.state)) {
    throw new AppError('conflict', 'A focus is set after the round closes.', { code: 'round-not-closed' });
  }
  return round;
}

const fixedPart = (
  theses: readonly { thesis: string; commitment: string; dueDate: string | null }[],
  shared: boolean,
) =>
  JSON.stringify({
    shared,
    theses: theses.map(({ thesis, commitment, dueDate }) => [thesis, commitment, dueDate]),
  });

/**
 * Sets or replaces the leader's focus after a closed round. Until the leader's next round opens
 * everything can change; after that the theses, commitments, due dates and sharing are what the
 * raters were asked about and stay fixed (409 `focus-fixed`), while progress and its note remain
 * the leader's to update.
 */
export async function saveLeaderFocus({
  db,
  orgId,
  leaderId,
  roundId,
  input,
}: {
  db: Db;
  orgId: string;
  leaderId: string;
  roundId: string;
  input: FocusInputParsed;
}): Promise<LeaderFocus> {
  await findLeader(db, orgId, leaderId);
  const round = await findClosedRoundOfLeader(db, { orgId, leaderId, roundId });
  const seen = new Set<string>();
  input.theses.forEach((thesis, index) => {
    if (seen.has(thesis.thesis)) {
      throw new AppError('validation', 'Each focus thesis once.', {
        errors: [{ field: `body.theses.${index}.thesis`, message: `${thesis.thesis} is chosen twice` }],
      });
    }
    seen.add(thesis.thesis);
  });
  const openings = await openingsOf(db, leaderId);
  const [existing] = await findFocusRows(db, { leaderId, orgId, roundId });
  const closedAt = round.closedAt ?? round.closesAt;
  if (!existing && openings.some((openedAt) => openedAt > closedAt)) {
    throw new AppError(
      'conflict',
      'Your next round has opened already: a focus for this round would not be asked about.',
      {
        code: 'focus-fixed',
      },
    );
  }
  if (existing && !isEditable(existing, openings)) {
    const before = fixedPart(
      existing.theses.map((thesis) => ({
        thesis: thesis.thesisKey,
        commitment: thesis.commitment,
        dueDate: thesis.dueDate ? thesis.dueDate.toISOString().slice(0, 10) : null,
      })),
      existing.shared,
    );
    if (before !== fixedPart(input.theses, input.shared)) {
      throw new AppError(
        'conflict',
        'Your next round has opened and asked about this focus: only progress and its note can change now.',
        { code: 'focus-fixed' },
      );
    }
  }
  await db.$transaction(async (tx) => {
    const focus = await tx.leaderFocus.upsert({
      where: { roundId_leaderId: { roundId, leaderId } },
      create: { roundId, leaderId, shared: input.shared },
      update: { shared: input.shared },
      select: { id: true },
    });
    await tx.leaderFocusThesis.deleteMany({ where: { focusId: focus.id } });
    await tx.leaderFocusThesis.createMany({
      data: input.theses.map((thesis, position) => ({
        focusId: focus.id,
        thesisKey: thesis.thesis,
        position,
        commitment: thesis.commitment,
        dueDate: thesis.dueDate ? new Date(`${thesis.dueDate}T00:00:00Z`) : null,
        progress: thesis.progress,
        progressNote: thesis.progressNote || null,
      })),
    });
  });
  const [saved] = await findFocusRows(db, { leaderId, orgId, roundId });
  return focusView(db, saved!, openings);
}

/** Removes a focus that no round has asked about yet. */
export async function deleteLeaderFocus({
  db,
  orgId,
  leaderId,
  roundId,
}: {
  db: Db;
  orgId: string;
  leaderId: string;
  roundId: string;
}): Promise<void> {
  await findLeader(db, orgId, leaderId);
  const [existing] = await findFocusRows(db, { leaderId, orgId, roundId });
  if (!existing) throw new AppError('notFound', 'No focus set for this round.');
  if (!isEditable(existing, await openingsOf(db, leaderId))) {
    throw new AppError('conflict', 'Your next round has asked about this focus; it stays.', {
      code: 'focus-fixed',
    });
  }
  await db.leaderFocus.delete({ where: { id: existing.id } });
}

/**
 * The organisation's follow-through for one round: how many of its leaders set a focus after it,
 * and how many shared it. A count about leaders, never about raters; admins may read each
 * leader's focus anyway, so no threshold applies.
 */
export async function roundFollowThrough({
  db,
  orgId,
  roundId,
}: {
  db: Db;
  orgId: string;
  roundId: string;
}): Promise<FollowThrough> {
  const round = await db.round.findFirst({
    where: { id: roundId, orgId },
    select: { id: true, name: true, state: true, _count: { select: { subjects: true } } },
  });
  if (!round) throw new AppError('notFound', 'No such round.');
  const [withFocus, shared] = await Promise.all([
    db.leaderFocus.count({ where: { roundId } }),
    db.leaderFocus.count({ where: { roundId, shared: true } }),
  ]);
  return {
    round: { id: round.id, name: round.name, state: round.state },
    leaders: round._count.subjects,
    withFocus,
    shared,
  };
}
