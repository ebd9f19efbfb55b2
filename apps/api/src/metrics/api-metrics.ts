import type { Db } from '@resonance/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { pendingMailCount } from '../mail/mail-queue';

/**
 * What the API counts for Prometheus, in a registry of its own per app instance (tests build many
 * apps in one process; prom-client's global registry would refuse the second).
 *
 * Anonymity (docs/privacy.md, "Metrics"): no label carries a round, leader, person, invitation,
 * email or token; reminder emails are not counted one by one (their number would be the number of
 * people who have not answered); nothing counts ballots or answers; timings that grow with
 * answers are kept only at a coarse resolution (see coarseSeconds).
 */
export interface ApiMetrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_class'>;
  readonly scheduler: SchedulerMetrics;
  readonly mail: MailMetrics;
}

/** Steps of the round scheduler (scheduler/advance-round.ts) and its sweep. */
export type SchedulerJob = 'open' | 'snapshot' | 'remind' | 'close' | 'sweep' | 'retention';
/** done: the step ran; skipped: another instance or an earlier call had done it; failed: it threw. */
export type SchedulerOutcome = 'done' | 'skipped' | 'failed';

export interface SchedulerMetrics {
  /** `seconds` only for steps whose duration says nothing about who answered (never a reminder). */
  job(job: SchedulerJob, outcome: SchedulerOutcome, seconds?: number): void;
  /** A reminder run (never its emails); `manual` from the admin's button, else the schedule. */
  reminderRun(trigger: 'scheduled' | 'manual'): void;
}

/** Email kinds that are counted one by one: they go to whoever an admin chose, not by who answered. */
export type CountedEmailKind = 'invitation' | 'password-setup';

export interface MailMetrics {
  sent(kind: CountedEmailKind): void;
  /** One failed attempt (the mail queue retries invitations; each attempt that fails counts). */
  failed(kind: CountedEmailKind): void;
}

/**
 * Bucket bounds for durations that grow with the answers of a round (closing it, submitting to it):
 * they are recorded as the bound of their bucket, so neither the buckets nor the sum resolve a
 * difference of one ballot or one email.
 */
export const COARSE_BUCKETS = [0.25, 1, 2.5, 10, 30, 60, 300] as const;
const BEYOND_COARSE_BUCKETS = 600;

/** The smallest coarse bound at or above `seconds`; beyond the last, a value in the +Inf bucket. */
export function coarseSeconds(seconds: number): number {
  for (const bound of COARSE_BUCKETS) if (seconds <= bound) return bound;
  return BEYOND_COARSE_BUCKETS;
}

const SCHEDULER_JOBS: readonly SchedulerJob[] = ['open', 'snapshot', 'remind', 'close', 'sweep', 'retention'];
const SCHEDULER_OUTCOMES: readonly SchedulerOutcome[] = ['done', 'skipped', 'failed'];
/**
 * Only these are timed. A reminder's duration follows how many are pending, a retention run's how
 * many answered, a sweep may contain either; a new job stays untimed until someone decides.
 */
const TIMED_JOBS: ReadonlySet<SchedulerJob> = new Set(['open', 'snapshot', 'close']);
const EMAIL_KINDS: readonly CountedEmailKind[] = ['invitation', 'password-setup'];

export function createApiMetrics({ db }: { db: Db }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequestDuration = new Histogram({
    name: 'resonance_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status class (survey routes folded into one series).',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [registry],
  });

  const jobs = new Counter({
    name: 'resonance_scheduler_jobs_total',
    help: 'Round scheduler steps by job and outcome.',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'resonance_scheduler_job_duration_seconds',
    help: 'Duration of scheduler steps, at bucket resolution; reminders and the sweep (which may remind) are not timed.',
    labelNames: ['job'] as const,
    buckets: [...COARSE_BUCKETS],
    registers: [registry],
  });
  const reminderRuns = new Counter({
    name: 'resonance_reminder_runs_total',
    help: 'Reminder runs (each emails everyone pending in one round); the emails themselves are not counted.',
    labelNames: ['trigger'] as const,
    registers: [registry],
  });
  // Every series from the start at zero, so rate() and alerts work before the first event.
  for (const job of SCHEDULER_JOBS) for (const outcome of SCHEDULER_OUTCOMES) jobs.inc({ job, outcome }, 0);
  for (const trigger of ['scheduled', 'manual']) reminderRuns.inc({ trigger }, 0);

  const emailsSent = new Counter({
    name: 'resonance_emails_sent_total',
    help: 'Emails handed to the mail server (or the development outbox), by kind; reminders are not counted.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const emailsFailed = new Counter({
    name: 'resonance_emails_failed_total',
    help: 'Failed attempts to send an email, by kind; reminders are not counted.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  for (const kind of EMAIL_KINDS) {
    emailsSent.inc({ kind }, 0);
    emailsFailed.inc({ kind }, 0);
  }

  const pool = db.pool;
  new Gauge({
    name: 'resonance_db_pool_connections',
    help: 'Connections of the API database pool by state (idle or in use).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    },
  });
  new Gauge({
    name: 'resonance_db_pool_max_connections',
    help: 'Size limit of the API database pool (DB_POOL_SIZE).',
    registers: [registry],
    collect() {
      this.set(pool.options.max ?? 10);
    },
  });
  new Gauge({
    name: 'resonance_db_pool_waiting_requests',
    help: 'Queries waiting for a free connection of the API database pool.',
    registers: [registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });
  new Gauge({
    name: 'resonance_mail_queue_pending',
    help: 'Invitation emails waiting in the mail queue (not yet sent or given up).',
    registers: [registry],
    async collect() {
      try {
        this.set(await pendingMailCount(db));
      } catch {
        // Database away: no sample rather than a stale one; the pool gauges show the trouble.
        this.reset();
      }
    },
  });

  return {
    registry,
    httpRequestDuration,
    scheduler: {
      job(job, outcome, seconds) {
        jobs.inc({ job, outcome });
        if (seconds !== undefined && TIMED_JOBS.has(job)) {
          jobDuration.observe({ job }, coarseSeconds(seconds));
        }
      },
      reminderRun(trigger) {
        reminderRuns.inc({ trigger });
      },
    },
    mail: {
      sent: (kind) => emailsSent.inc({ kind }),
      failed: (kind) => emailsFailed.inc({ kind }),
    },
  };
}
