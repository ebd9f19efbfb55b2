import type { Db } from '@resonance/db';
import { isDomainError, reminderTimes } from '@resonance/domain';
import { recordSchedulerAudit } from '../audit/record-audit';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import type { Mailer } from '../mail/mailer';
import { closeRound } from '../rounds/close-round';
import { openRound } from '../rounds/open-round';
import { takeParticipationSnapshot } from '../rounds/participation-snapshot';
import { remindRound } from '../rounds/remind-round';
import type { RoundJobs } from './round-jobs';

export interface SchedulerLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface SchedulerDependencies {
  db: Db;
  ballotKeys: BallotKeys;
  mailer: Mailer;
  webUrl: string;
  jobs?: RoundJobs;
  log?: SchedulerLog;
  /** Called when an opened round queued invitation emails (wakes this process's mail sender). */
  onInvitationsQueued?: () => void;
}

export interface AdvanceOutcome {
  opened: boolean;
  reminded: boolean;
  closed: boolean;
}

const HOUR_MS = 3_600_000;

/**
 * Does whatever is due for one round at `now`: open it, send the latest due reminder, or close it.
 * Every step is an exactly-once transition in the database, so a job and a sweep (or two API
 * instances) arriving together do each step once; the loser sees invalid_transition and moves on.
 */
export async function advanceRound(
  deps: SchedulerDependencies,
  { roundId, now }: { roundId: string; now: Date },
): Promise<AdvanceOutcome> {
  const outcome: AdvanceOutcome = { opened: false, reminded: false, closed: false };
  const load = () =>
    deps.db.round.findUnique({
      where: { id: roundId },
      select: { state: true, opensAt: true, closesAt: true, openedAt: true, reminderOffsetsHours: true },
    });
  let round = await load();
  if (!round) return outcome;

  if (round.state === 'scheduled' && round.opensAt.getTime() <= now.getTime()) {
    outcome.opened = await ignoringLostRace(async () => {
      const result = await openRound({ db: deps.db, ballotKeys: deps.ballotKeys, roundId, now });
      if (result.emailsQueued > 0) deps.onInvitationsQueued?.();
      deps.log?.info({ roundId, invitations: result.invitationsCreated }, 'round opened');
      await recordSchedulerAudit(deps.db, {
        roundId,
        action: 'round.opened',
        details: { invitationsCreated: result.invitationsCreated },
      });
    });
    round = await load();
    if (!round) return outcome;
  }

  if (round.state !== 'open') return outcome;
  if (round.closesAt.getTime() > now.getTime()) await takeParticipationSnapshot(deps.db, roundId, now);
  if (round.closesAt.getTime() <= now.getTime()) {
    outcome.closed = await ignoringLostRace(async () => {
      const result = await closeRound({
        db: deps.db,
        ballotKeys: deps.ballotKeys,
        roundId,
        now,
        ...(deps.jobs ? { jobs: deps.jobs } : {}),
      });
      deps.log?.info({ roundId, nextRoundId: result.nextRoundId }, 'round closed');
      await recordSchedulerAudit(deps.db, {
        roundId,
        action: 'round.closed',
        details: { nextRoundId: result.nextRoundId },
      });
    });
    return outcome;
  }

  // Reminder slots due by now, after the round actually opened, not yet sent; the latest first.
  const openedAt = round.openedAt ?? round.opensAt;
  const closesAt = round.closesAt;
  const dueOffsets = reminderTimes(round.opensAt, closesAt, round.reminderOffsetsHours)
    .filter((time) => time.getTime() <= now.getTime() && time.getTime() > openedAt.getTime())
    .map((time) => Math.round((closesAt.getTime() - time.getTime()) / HOUR_MS))
    .sort((a, b) => a - b);
  if (dueOffsets.length === 0) return outcome;
  const sent = await deps.db.roundReminder.findMany({
    where: { roundId, offsetHours: { in: dueOffsets } },
    select: { offsetHours: true },
  });
  const pending = dueOffsets.filter((offset) => !sent.some((reminder) => reminder.offsetHours === offset));
  if (pending.length === 0 || pending[0] !== dueOffsets[0]) return outcome;
  await ignoringLostRace(async () => {
    const result = await remindRound({
      db: deps.db,
      ballotKeys: deps.ballotKeys,
      mailer: deps.mailer,
      webUrl: deps.webUrl,
      roundId,
      now,
      offsetsHours: pending,
      onEmailError: (error) => deps.log?.warn({ roundId, reason: String(error) }, 'reminder email not sent'),
    });
    outcome.reminded = result.sent;
    if (result.sent) deps.log?.info({ roundId }, 'reminder sent');
    if (result.sent)
      await recordSchedulerAudit(deps.db, { roundId, action: 'round.reminded', details: { manual: false } });
  });
  return outcome;
}

/** Runs a transition; false when another caller already made it (the round was no longer in the source state). */
async function ignoringLostRace(step: () => Promise<void>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    if (isDomainError(error, 'invalid_transition')) return false;
    throw error;
  }
}
