import { describe, expect, it } from 'vitest';
import type { DomainErrorCode } from './errors';
import {
  allowedEvents,
  canTransition,
  ROUND_EVENTS,
  ROUND_STATES,
  type RoundEvent,
  type RoundState,
  reminderTimes,
  scheduleIssues,
  transition,
  validateSchedule,
} from './round-state';

const domainError = (code: DomainErrorCode) => expect.objectContaining({ name: 'DomainError', code });

const HOUR = 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);

describe('round state machine', () => {
  it('walks the happy path draft -> scheduled -> open -> closed -> archived', () => {
    const events: RoundEvent[] = ['schedule', 'open', 'close', 'archive'];
    const visited: RoundState[] = ['draft'];
    for (const event of events) visited.push(transition(visited.at(-1)!, event));
    expect(visited).toEqual(['draft', 'scheduled', 'open', 'closed', 'archived']);
  });

  it('lets an admin unschedule a scheduled round back to draft', () => {
    expect(transition('scheduled', 'unschedule')).toBe('draft');
  });

  it('never reopens a closed round', () => {
    expect(() => transition('closed', 'open')).toThrow(domainError('invalid_transition'));
  });

  it('rejects closing twice, so a repeated scheduler job is detectable', () => {
    expect(() => transition('closed', 'close')).toThrow(domainError('invalid_transition'));
  });

  it('does not open a draft that was never scheduled', () => {
    expect(canTransition('draft', 'open')).toBe(false);
  });

  it('allows nothing once a round is archived', () => {
    expect(allowedEvents('archived')).toEqual([]);
  });

  it('agrees between canTransition and transition for every state and event', () => {
    for (const state of ROUND_STATES) {
      for (const event of ROUND_EVENTS) {
        if (canTransition(state, event)) expect(() => transition(state, event)).not.toThrow();
        else expect(() => transition(state, event)).toThrow(domainError('invalid_transition'));
      }
    }
  });
});

describe('validateSchedule', () => {
  const now = at('2027-01-10T09:00:00Z');

  it('accepts a window of a week that opens in the future', () => {
    expect(() =>
      validateSchedule({ opensAt: at('2027-01-11T08:00:00Z'), closesAt: at('2027-01-18T17:00:00Z'), now }),
    ).not.toThrow();
  });

  it('rejects a round that closes before it opens', () => {
    const issues = scheduleIssues({
      opensAt: at('2027-01-12T00:00:00Z'),
      closesAt: at('2027-01-11T00:00:00Z'),
      now,
    });
    expect(issues.map((issue) => issue.code)).toEqual(['closes_before_opens']);
  });

  it('rejects a round open for less than one hour', () => {
    const opensAt = at('2027-01-12T00:00:00Z');
    const issues = scheduleIssues({ opensAt, closesAt: new Date(opensAt.getTime() + HOUR - 1), now });
    expect(issues.map((issue) => issue.code)).toEqual(['too_short']);
  });

  it('rejects a round open for more than a year', () => {
    const issues = scheduleIssues({
      opensAt: at('2027-01-12T00:00:00Z'),
      closesAt: at('2207-01-12T00:00:00Z'),
      now,
    });
    expect(issues.map((issue) => issue.code)).toEqual(['too_long']);
  });

  it('rejects a closing time less than an hour from now, even if the window itself is long', () => {
    const issues = scheduleIssues({
      opensAt: at('2027-01-01T00:00:00Z'),
      closesAt: at('2027-01-10T09:30:00Z'),
      now,
    });
    expect(issues).toEqual([expect.objectContaining({ field: 'closesAt', code: 'closes_too_soon' })]);
  });

  it('accepts an opening time in the past, so a late round opens at once', () => {
    expect(
      scheduleIssues({ opensAt: at('2027-01-09T00:00:00Z'), closesAt: at('2027-01-20T00:00:00Z'), now }),
    ).toEqual([]);
  });

  it('names invalid dates per field and throws a typed error with the issues', () => {
    const input = { opensAt: new Date(Number.NaN), closesAt: at('2027-01-20T00:00:00Z'), now };
    expect(scheduleIssues(input)).toEqual([
      expect.objectContaining({ field: 'opensAt', code: 'invalid_date' }),
    ]);
    expect(() => validateSchedule(input)).toThrow(domainError('invalid_schedule'));
  });
});

describe('reminderTimes', () => {
  const opensAt = at('2027-03-01T08:00:00Z');
  const closesAt = at('2027-03-08T17:00:00Z');

  it('places reminders the given hours before closing, earliest first', () => {
    expect(reminderTimes(opensAt, closesAt, [24, 72])).toEqual([
      at('2027-03-05T17:00:00Z'),
      at('2027-03-07T17:00:00Z'),
    ]);
  });

  it('skips reminders that would fall before the round opens', () => {
    expect(reminderTimes(opensAt, closesAt, [24, 24 * 30])).toEqual([at('2027-03-07T17:00:00Z')]);
  });

  it('sends a reminder requested twice only once', () => {
    expect(reminderTimes(opensAt, closesAt, [48, 48])).toHaveLength(1);
  });

  it('rejects zero, negative and non-numeric offsets', () => {
    for (const offset of [0, -1, Number.NaN]) {
      expect(() => reminderTimes(opensAt, closesAt, [offset])).toThrow(domainError('invalid_reminder'));
    }
  });
});
