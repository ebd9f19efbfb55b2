import type { Db } from '@resonance/db';
import { isDomainError, reminderTimes } from '@resonance/domain';
import { recordSchedulerAudit } from '../audit/record-audit';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import type { Mailer } from '../mail/mailer';
import type { SchedulerJob, SchedulerMetrics } from '../metrics/api-metrics';
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
  metrics?: SchedulerMetrics;
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
    outcome.opened = await measured(deps, 'open', async () => {
      const result = await openRound({ db: deps.db, ballotKeys: deps.ballotKeys, roundId, now });
      if (result.emailsQueued > 0) deps.onInvitationsQueued?.();
      deps.log?.info({ roundId, invitations: result.invitationsCreated }, 'round opened');
      await recordSchedulerAudit(deps.db, {
        roundId,
        action: 'round.opened',
        details: { invitationsCreated: result.invitationsCreated },
      });
      return true;
    });
    round = await load();
    if (!round) return outcome;
  }

  if (round.state !== 'open') return outcome;
  if (round.closesAt.getTime() > now.getTime()) {
    const started = performance.now();
    try {
      if (await takeParticipationSnapshot(deps.db, roundId, now)) {
        deps.metrics?.job('snapshot', 'done', (performance.now() - started) / 1000);
      }
    } catch (error) {
      deps.metrics?.job('snapshot', 'failed');
      throw error;
    }
  }
  if (round.closesAt.getTime() <= now.getTime()) {
    outcome.closed = await measured(deps, 'close', async () => {
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
      return true;
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
  // Not timed: a reminder takes as long as there are people to email, i.e. people who have not answered.
  await measured(deps, 'remind', async () => {
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
    if (result.sent) deps.metrics?.reminderRun('scheduled');
    if (result.sent) deps.log?.info({ roundId }, 'reminder sent');
    if (result.sent)
      await recordSchedulerAudit(deps.db, { roundId, action: 'round.reminded', details: { manual: false } });
    return result.sent;
  });
  return outcome;
}

/** A transition counted (and, but for reminders, timed) for the metrics; false when it lost the race. */
async function measured(
  deps: SchedulerDependencies,
  job: SchedulerJob,
  /** Resolves false when it found its work already done (a reminder slot another caller claimed). */
  step: () => Promise<boolean>,
): Promise<boolean> {
  const started = performance.now();
  let worked = false;
  let won: boolean;
  try {
    won = await ignoringLostRace(async () => {
      worked = await step();
    });
  } catch (error) {
    deps.metrics?.job(job, 'failed');
    throw error;
  }
  const seconds = job === 'remind' ? undefined : (performance.now() - started) / 1000;
  deps.metrics?.job(job, won && worked ? 'done' : 'skipped', seconds);
  return won;
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
