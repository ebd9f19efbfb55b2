import type { Db } from '@resonance/db';
import { effectiveThreshold } from '@resonance/domain';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import {
  type ClaimedMail,
  claimDueMails,
  dropMails,
  type MailFailure,
  markMailsFailed,
  markMailsSent,
} from './mail-queue';
import type { Mailer } from './mailer';
import { renderSurveyEmail, surveyLink } from './survey-email';

export interface MailSenderLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface DrainOutcome {
  sent: number;
  /** Failed this time and due again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

/** Sends the mail queue; one per API process. */
export interface MailSender {
  /** Starts the background loop: it polls, and runs at once when woken. */
  start(): void;
  /** Stops the loop and waits for a batch in flight. */
  stop(): Promise<void>;
  /** Asks the loop to look now (after a round opened) instead of at its next poll. */
  wake(): void;
  /** Sends everything due at `now`, batch by batch, until nothing is due; for tests and the demo seed. */
  drain(options?: { now?: Date }): Promise<DrainOutcome>;
}

export interface MailSenderOptions {
  db: Db;
  mailer: Mailer;
  ballotKeys: BallotKeys;
  webUrl: string;
  log?: MailSenderLog;
  /** Rows claimed per batch. */
  batchSize?: number;
  /** Emails of a batch handed to the transport at once (the SMTP pool has 4 connections). */
  concurrency?: number;
  pollMs?: number;
  /** How long a claim holds a row; a sender that dies leaves it to others after this. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Wait before the retry after the given (1-based) failed attempt. */
  retryDelayMs?: (attempt: number) => number;
}

const MINUTE_MS = 60_000;

/** 30 s, 1 min, 2 min, … at most an hour: eight attempts span about two hours of a relay being down. */
export function defaultRetryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 60 * MINUTE_MS);
}

/**
 * A failed email's reason as stored in the queue: the error code and SMTP status only. The relay's
 * text may name the address, and the row must not say to whom an email failed once it forgets its
 * invitation.
 */
function errorSummary(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return [typeof code === 'string' ? code : 'Error', typeof responseCode === 'number' ? responseCode : null]
    .filter((part) => part !== null)
    .join(' ');
}

/** A 5xx reply from the relay is final (unknown mailbox, rejected): retrying sends nothing. */
function isPermanent(error: unknown): boolean {
  const { responseCode } = (error ?? {}) as { responseCode?: unknown };
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/**
 * The sender of the durable mail queue: claims due rows in batches (leased, SKIP LOCKED), renders
 * each invitation with its link derived from the invitation id, hands it to the mailer (pooled SMTP,
 * or the development outbox) and marks the batch sent or failed in two statements. A failure is
 * retried with backoff up to `maxAttempts`; a claim whose sender died is retried when its lease ends,
 * so an email is sent at least once across restarts (at worst twice, when the process dies between
 * the relay's acceptance and the mark).
 */
export function createMailSender({
  db,
  mailer,
  ballotKeys,
  webUrl,
  log,
  batchSize = 200,
  concurrency = 8,
  pollMs = 2_000,
  leaseMs = 5 * MINUTE_MS,
  maxAttempts = 8,
  retryDelayMs = defaultRetryDelayMs,
}: MailSenderOptions): MailSender {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let started = false;
  let woken = false;

  async function sendOne(mail: ClaimedMail): Promise<void> {
    const email = renderSurveyEmail({
      kind: 'invitation',
      locale: mail.locale,
      orgName: mail.orgName,
      raterName: mail.raterName,
      leaderName: mail.leaderName,
      raterGroup: mail.raterGroup,
      closesAt: mail.closesAt,
      timeZone: mail.timeZone,
      threshold: effectiveThreshold(mail.roundK, mail.orgK),
      smallTeamMode: mail.smallTeamMode,
      link: surveyLink(webUrl, ballotKeys.invitationToken(mail.invitationId)),
    });
    await mailer.send({ kind: 'invitation', orgId: mail.orgId, to: mail.to, ...email });
  }

  /** One batch; null when nothing was due. */
  async function sendBatch(now: Date): Promise<DrainOutcome | null> {
    const claimed = await claimDueMails(db, {
      now,
      leaseUntil: new Date(now.getTime() + leaseMs),
      limit: batchSize,
    });
    if (claimed.length === 0) return null;
    const outcome: DrainOutcome = { sent: 0, retrying: 0, failed: 0 };
    const sent: string[] = [];
    const failures: MailFailure[] = [];
    const dropped = claimed.filter((mail) => !mail.deliverable).map((mail) => mail.id);
    const due = claimed.filter((mail) => mail.deliverable);
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const mail = due[next++]!;
        try {
          await sendOne(mail);
          sent.push(mail.id);
        } catch (error) {
          const final = mail.attempts >= maxAttempts || isPermanent(error);
          log?.warn(
            { mailId: mail.id, attempt: mail.attempts, final, reason: String(error) },
            'invitation email not sent',
          );
          failures.push({
            id: mail.id,
            retryAt: final ? null : new Date(now.getTime() + retryDelayMs(mail.attempts)),
            error: errorSummary(error),
          });
          if (final) outcome.failed += 1;
          else outcome.retrying += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    await markMailsSent(db, sent, now);
    await markMailsFailed(db, failures);
    await dropMails(db, dropped);
    outcome.sent = sent.length;
    return outcome;
  }

  async function drainOnce(now?: Date): Promise<DrainOutcome> {
    const total: DrainOutcome = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const batch = await sendBatch(now ?? new Date());
      if (!batch) return total;
      total.sent += batch.sent;
      total.retrying += batch.retrying;
      total.failed += batch.failed;
      // Rows that failed in this drain are not due again before their retry time, so this ends.
    }
  }

  /** One drain at a time in this process; a drain asked for meanwhile runs after it. */
  function serialised(now?: Date): Promise<DrainOutcome> {
    const previous = running ?? Promise.resolve();
    const current = previous.catch(() => {}).then(() => drainOnce(now));
    running = current;
    const settle = () => {
      if (running === current) running = null;
    };
    // Settles the bookkeeping either way; the caller gets the rejection, not an unhandled one here.
    current.then(settle, settle);
    return current;
  }

  function schedule(delayMs: number) {
    if (!started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void loop(), delayMs);
    timer.unref();
  }

  async function loop() {
    timer = null;
    if (!started) return;
    woken = false;
    try {
      await serialised();
    } catch (error) {
      log?.error({ err: error }, 'mail queue: sending failed');
    }
    schedule(woken ? 0 : pollMs);
  }

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => {});
    },
    wake() {
      if (!started) return;
      woken = true;
      if (running === null) schedule(0);
    },
    drain: ({ now } = {}) => serialised(now),
  };
}
