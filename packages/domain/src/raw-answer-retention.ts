import { MAX_ANONYMITY_THRESHOLD, normalizeAnonymityThreshold } from './privacy-gate';
import type { RoundState } from './round-state';

/** Days after a round closes that its raw answers and comments are kept (organisation setting). */
export const MIN_RAW_ANSWER_RETENTION_DAYS = 1;
export const MAX_RAW_ANSWER_RETENTION_DAYS = 3650;
/**
 * 30 days: nothing the product shows reads raw answers once a round has closed (every figure comes
 * from the rollups and stored results written at close), so the raw rows serve only as a short
 * safety margin — e.g. for an operator to investigate a faulty close before they are gone.
 */
export const DEFAULT_RAW_ANSWER_RETENTION_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * When a closed round's raw answers fall due for deletion: whole 24-hour days after it closed, in
 * absolute time (no time zone: a DST change moves it by an hour at most, and the job runs hourly).
 * Null for a round that has not closed, whose raw answers are never due.
 */
export function rawAnswersDueAt(
  round: { state: RoundState; closedAt: Date | null; closesAt: Date },
  retentionDays: number,
): Date | null {
  if (round.state !== 'closed' && round.state !== 'archived') return null;
  // A round closed before closedAt was recorded: its planned closing time stands in.
  const closed = round.closedAt ?? round.closesAt;
  return new Date(closed.getTime() + normalizeRetentionDays(retentionDays) * DAY_MS);
}

/** Coerces a stored or requested setting into 1..3650 whole days, rounding up (keeping longer, never shorter than asked). */
export function normalizeRetentionDays(days: number): number {
  if (!Number.isFinite(days)) return DEFAULT_RAW_ANSWER_RETENTION_DAYS;
  return Math.min(MAX_RAW_ANSWER_RETENTION_DAYS, Math.max(MIN_RAW_ANSWER_RETENTION_DAYS, Math.ceil(days)));
}

/**
 * Every k a round's results can ever be read for, smallest first: from the k it promised its raters
 * (results never use less, however far the organisation lowers its k later) up to the maximum. Once
 * raw comments are deleted, a result for a k not stored yet could no longer be computed in full, so
 * all of these are stored before the deletion.
 */
export function thresholdsAfterRetention(roundThreshold: number | null): number[] {
  const thresholds: number[] = [];
  for (let k = normalizeAnonymityThreshold(roundThreshold ?? 0); k <= MAX_ANONYMITY_THRESHOLD; k++) {
    thresholds.push(k);
  }
  return thresholds;
}

/** What the retention job deleted of one rater group of one leader in a round. */
export interface DeletedUnitCounts {
  responses: number;
  answers: number;
  comments: number;
}

/**
 * The counts the audit log may say were deleted: only of the rater groups that reach k, summed like
 * every participation total admins see. A total over all groups would give the size of the groups
 * below k away (total minus the shown ones), so those are deleted without being counted.
 */
export function auditableDeletedCounts(k: number, units: readonly DeletedUnitCounts[]): DeletedUnitCounts {
  const threshold = normalizeAnonymityThreshold(k);
  const total: DeletedUnitCounts = { responses: 0, answers: 0, comments: 0 };
  for (const unit of units) {
    if (unit.responses < threshold) continue;
    total.responses += unit.responses;
    total.answers += unit.answers;
    total.comments += unit.comments;
  }
  return total;
}
