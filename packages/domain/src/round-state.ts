import { DomainError } from './errors';

export const ROUND_STATES = ['draft', 'scheduled', 'open', 'closed', 'archived'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export const ROUND_EVENTS = ['schedule', 'unschedule', 'open', 'close', 'archive'] as const;
export type RoundEvent = (typeof ROUND_EVENTS)[number];

/**
 * The only legal moves. A round never reopens: results are released on close,
 * and reopening would let leaders watch scores change response by response.
 */
const TRANSITIONS: Record<RoundState, Partial<Record<RoundEvent, RoundState>>> = {
  draft: { schedule: 'scheduled' },
  scheduled: { unschedule: 'draft', open: 'open' },
  open: { close: 'closed' },
  closed: { archive: 'archived' },
  archived: {},
};

export function canTransition(state: RoundState, event: RoundEvent): boolean {
  return TRANSITIONS[state][event] !== undefined;
}

export function allowedEvents(state: RoundState): RoundEvent[] {
  return ROUND_EVENTS.filter((event) => canTransition(state, event));
}

/**
 * Throws on an illegal move instead of ignoring it, so a scheduler that fires
 * twice (e.g. "close" on an already closed round) notices and skips the
 * side effects rather than running them again.
 */
export function transition(state: RoundState, event: RoundEvent): RoundState {
  const next = TRANSITIONS[state][event];
  if (next === undefined) {
    throw new DomainError('invalid_transition', `Cannot ${event} a round that is ${state}`, { state, event });
  }
  return next;
}

export const MIN_OPEN_DURATION_MS = 60 * 60 * 1000;
/** Guards against typos such as a closing year of 2207; no real round runs for over a year. */
export const MAX_OPEN_DURATION_MS = 366 * 24 * 60 * 60 * 1000;

export interface ScheduleIssue {
  field: 'opensAt' | 'closesAt';
  code: 'invalid_date' | 'closes_before_opens' | 'too_short' | 'too_long' | 'closes_too_soon';
  message: string;
}

export interface ScheduleInput {
  opensAt: Date;
  closesAt: Date;
  now: Date;
}

/**
 * All problems with a proposed schedule, for per-field error messages. An
 * opening time in the past is allowed on purpose: the scheduler then opens
 * the round at once, which is what an admin editing a late round expects.
 */
export function scheduleIssues({ opensAt, closesAt, now }: ScheduleInput): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  if (Number.isNaN(opensAt.getTime())) {
    issues.push({ field: 'opensAt', code: 'invalid_date', message: 'The opening time is not a valid date.' });
  }
  if (Number.isNaN(closesAt.getTime())) {
    issues.push({
      field: 'closesAt',
      code: 'invalid_date',
      message: 'The closing time is not a valid date.',
    });
  }
  if (issues.length > 0) return issues;

  const duration = closesAt.getTime() - opensAt.getTime();
  if (duration <= 0) {
    issues.push({
      field: 'closesAt',
      code: 'closes_before_opens',
      message: 'The round must close after it opens.',
    });
  } else if (duration < MIN_OPEN_DURATION_MS) {
    issues.push({
      field: 'closesAt',
      code: 'too_short',
      message: 'The round must stay open for at least one hour.',
    });
  } else if (duration > MAX_OPEN_DURATION_MS) {
    issues.push({
      field: 'closesAt',
      code: 'too_long',
      message: 'The round cannot stay open for more than a year.',
    });
  }
  if (duration > 0 && closesAt.getTime() - now.getTime() < MIN_OPEN_DURATION_MS) {
    issues.push({
      field: 'closesAt',
      code: 'closes_too_soon',
      message: 'The closing time must be at least one hour from now, so raters have time to answer.',
    });
  }
  return issues;
}

export function validateSchedule(input: ScheduleInput): void {
  const issues = scheduleIssues(input);
  if (issues.length > 0) {
    throw new DomainError('invalid_schedule', issues.map((issue) => issue.message).join(' '), issues);
  }
}

/**
 * Reminder send times, earliest first: one per offset (hours before closing),
 * skipping any that would fall outside the open window. Duplicates collapse,
 * so no rater gets the same reminder twice.
 */
export function reminderTimes(
  opensAt: Date,
  closesAt: Date,
  offsetsHoursBeforeClose: readonly number[],
): Date[] {
  for (const offset of offsetsHoursBeforeClose) {
    if (!Number.isFinite(offset) || offset <= 0) {
      throw new DomainError(
        'invalid_reminder',
        `Reminder offset ${offset} must be a positive number of hours`,
      );
    }
  }
  const times = new Set<number>();
  for (const offset of offsetsHoursBeforeClose) {
    const time = closesAt.getTime() - offset * 60 * 60 * 1000;
    if (time > opensAt.getTime() && time < closesAt.getTime()) times.add(time);
  }
  return [...times].sort((a, b) => a - b).map((time) => new Date(time));
}
