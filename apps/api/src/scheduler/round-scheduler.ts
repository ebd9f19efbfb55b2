import { reminderTimes } from '@resonance/domain';
import { PgBoss } from 'pg-boss';
import { deleteDueRawAnswers, type RetentionSummary } from '../retention/delete-raw-answers';
import { advanceRound, type SchedulerDependencies } from './advance-round';
import type { PlannableRound, RoundJobs } from './round-jobs';
import { runSchedulerTick, type TickSummary } from './scheduler-tick';

const ROUND_DUE_QUEUE = 'round-due';
const SWEEP_QUEUE = 'round-sweep';
const RETENTION_QUEUE = 'raw-answer-retention';

export interface RoundScheduler extends RoundJobs {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The sweep, callable directly (tests inject `now`). */
  tick(now?: Date): Promise<TickSummary>;
  /** The retention job, callable directly (tests inject `now`). */
  retention(now?: Date): Promise<RetentionSummary>;
}

export interface RoundSchedulerOptions extends Omit<SchedulerDependencies, 'jobs'> {
  connectionString: string;
  /** pg-boss's own pool; small, because the embedded database serves one query at a time. */
  poolSize?: number;
  /** Cron of the safety sweep; every minute by default. */
  sweepCron?: string;
  /** Cron of the retention job (raw answers of rounds past their retention period); hourly by default. */
  retentionCron?: string;
}

/**
 * The durable round scheduler on pg-boss (jobs live in the database, in the `pgboss` schema, and
 * survive restarts). Creating or editing a round enqueues one job per timed step (open, each
 * reminder, close) with `startAfter`, keyed by round and step so re-planning moves a job instead of
 * adding one; a sweep every minute catches anything a job missed. Every step is an idempotent,
 * exactly-once transition, so two instances running schedulers never repeat one. The retention job
 * runs hourly the same way: pg-boss hands each scheduled run to one instance, and the job itself
 * deletes a round at most once however many run it (see deleteDueRawAnswers).
 */
export function createRoundScheduler(options: RoundSchedulerOptions): RoundScheduler {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: options.poolSize ?? 3,
    application_name: 'resonance-scheduler',
  });
  let started = false;
  let ready: Promise<void> | null = null;

  const scheduler: RoundScheduler = {
    async planRound(round: PlannableRound) {
      // An open round is re-planned when its closing time moves later: reminders and close follow.
      if (!started || (round.state !== 'scheduled' && round.state !== 'open')) return;
      const steps: { key: string; startAfter: Date }[] = [
        ...(round.state === 'scheduled' ? [{ key: 'open', startAfter: round.opensAt }] : []),
        ...reminderTimes(round.opensAt, round.closesAt, round.reminderOffsetsHours).map((time) => ({
          key: `remind-${Math.round((round.closesAt.getTime() - time.getTime()) / 3_600_000)}h`,
          startAfter: time,
        })),
        { key: 'close', startAfter: round.closesAt },
      ];
      for (const step of steps) {
        await boss.upsert(
          ROUND_DUE_QUEUE,
          { roundId: round.id },
          { singletonKey: `${round.id}:${step.key}`, startAfter: step.startAfter },
        );
      }
    },

    async tick(now = new Date()) {
      return runSchedulerTick({ ...options, jobs: scheduler }, now);
    },

    async retention(now = new Date()) {
      return deleteDueRawAnswers(options, now);
    },

    async start() {
      if (ready) return ready;
      ready = (async () => {
        boss.on('error', (error) => options.log?.error({ err: error }, 'scheduler error'));
        await boss.start();
        for (const queue of [ROUND_DUE_QUEUE, SWEEP_QUEUE, RETENTION_QUEUE]) {
          if (!(await boss.getQueue(queue))) await boss.createQueue(queue);
        }
        await boss.work<{ roundId: string }>(ROUND_DUE_QUEUE, async (jobs) => {
          for (const job of jobs) {
            await advanceRound(
              { ...options, jobs: scheduler },
              { roundId: job.data.roundId, now: new Date() },
            );
          }
        });
        await boss.work(SWEEP_QUEUE, async () => {
          await scheduler.tick(new Date());
        });
        await boss.work(RETENTION_QUEUE, async () => {
          let summary: RetentionSummary;
          try {
            summary = await scheduler.retention(new Date());
          } catch (error) {
            options.metrics?.job('retention', 'failed');
            throw error;
          }
          // Counted, not timed: how long it takes follows how many answers a round had.
          options.metrics?.job(
            'retention',
            summary.failed.length > 0 ? 'failed' : summary.deleted.length > 0 ? 'done' : 'skipped',
          );
          // A round left undeleted is retried next hour; the job as such did its work.
          if (summary.failed.length > 0)
            options.log?.warn({ failed: summary.failed }, 'retention incomplete');
        });
        await boss.schedule(SWEEP_QUEUE, options.sweepCron ?? '* * * * *');
        // Off the full hour, when round jobs set by admins tend to fall due.
        await boss.schedule(RETENTION_QUEUE, options.retentionCron ?? '17 * * * *');
        started = true;
        // Catch up at once on whatever fell due while no scheduler ran: round transitions, and raw
        // answers past their retention period (through the queue, so it is counted like any run).
        void scheduler
          .tick(new Date())
          .catch((error) => options.log?.error({ err: error }, 'startup sweep failed'));
        void boss
          .send(RETENTION_QUEUE, {})
          .catch((error) => options.log?.error({ err: error }, 'startup retention run not queued'));
      })();
      return ready;
    },

    async stop() {
      if (!ready) return;
      await ready.catch(() => {});
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
  return scheduler;
}
