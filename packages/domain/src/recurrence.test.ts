import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsUtc,
  nextRoundName,
  nextRoundWindow,
  periodLabel,
  RECURRENCE_MONTHS,
  type Recurrence,
  shiftRoundWindow,
} from './recurrence';

const at = (iso: string) => new Date(iso);
const window = (opensAt: string, closesAt: string) => ({ opensAt: at(opensAt), closesAt: at(closesAt) });

describe('addMonthsUtc', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonthsUtc(at('2027-01-31T09:00:00Z'), 1)).toEqual(at('2027-02-28T09:00:00Z'));
    expect(addMonthsUtc(at('2028-01-31T09:00:00Z'), 1)).toEqual(at('2028-02-29T09:00:00Z'));
    expect(addMonthsUtc(at('2027-08-31T09:00:00Z'), 1)).toEqual(at('2027-09-30T09:00:00Z'));
  });

  it('rolls over into the next year', () => {
    expect(addMonthsUtc(at('2027-11-15T12:30:00Z'), 3)).toEqual(at('2028-02-15T12:30:00Z'));
  });

  it('keeps the day of month when it exists and never lands in the wrong month', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2090-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 48 }),
        (date, months) => {
          const shifted = addMonthsUtc(date, months);
          const monthsApart =
            (shifted.getUTCFullYear() - date.getUTCFullYear()) * 12 +
            shifted.getUTCMonth() -
            date.getUTCMonth();
          expect(monthsApart).toBe(months);
          expect(shifted.getUTCDate()).toBeLessThanOrEqual(date.getUTCDate());
          if (date.getUTCDate() <= 28) expect(shifted.getUTCDate()).toBe(date.getUTCDate());
          expect(shifted.getUTCHours()).toBe(date.getUTCHours());
        },
      ),
    );
  });
});

describe('nextRoundWindow', () => {
  it('has no next window for a one-off round', () => {
    expect(nextRoundWindow(window('2027-01-04T08:00:00Z', '2027-01-18T17:00:00Z'), 'none')).toBeNull();
  });

  it('moves both ends by the period', () => {
    const cases: [Recurrence, string, string][] = [
      ['monthly', '2027-02-04T08:00:00Z', '2027-02-18T17:00:00Z'],
      ['quarterly', '2027-04-04T08:00:00Z', '2027-04-18T17:00:00Z'],
      ['half_yearly', '2027-07-04T08:00:00Z', '2027-07-18T17:00:00Z'],
      ['yearly', '2028-01-04T08:00:00Z', '2028-01-18T17:00:00Z'],
    ];
    for (const [recurrence, opensAt, closesAt] of cases) {
      expect(nextRoundWindow(window('2027-01-04T08:00:00Z', '2027-01-18T17:00:00Z'), recurrence)).toEqual(
        window(opensAt, closesAt),
      );
    }
  });

  it('moves a window that opens on January 31 to the end of February', () => {
    expect(nextRoundWindow(window('2027-01-31T08:00:00Z', '2027-02-14T17:00:00Z'), 'monthly')).toEqual(
      window('2027-02-28T08:00:00Z', '2027-03-14T17:00:00Z'),
    );
  });

  it('keeps the original length when month-end clamping would squeeze the window', () => {
    const next = nextRoundWindow(window('2027-01-30T09:00:00Z', '2027-01-31T08:00:00Z'), 'monthly');
    expect(next).toEqual(window('2027-02-28T09:00:00Z', '2027-03-01T08:00:00Z'));
  });

  it('avoids drift when later rounds are computed from the first window', () => {
    const first = window('2027-01-31T08:00:00Z', '2027-02-07T17:00:00Z');
    expect(shiftRoundWindow(first, 'monthly', 2)?.opensAt).toEqual(at('2027-03-31T08:00:00Z'));
  });

  it('always yields a window of at least one hour that starts a period later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2080-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 60 * 60 * 1000, max: 60 * 24 * 60 * 60 * 1000 }),
        fc.constantFrom<Exclude<Recurrence, 'none'>>('monthly', 'quarterly', 'half_yearly', 'yearly'),
        (opensAt, duration, recurrence) => {
          const next = nextRoundWindow(
            { opensAt, closesAt: new Date(opensAt.getTime() + duration) },
            recurrence,
          )!;
          expect(next.closesAt.getTime() - next.opensAt.getTime()).toBeGreaterThanOrEqual(60 * 60 * 1000);
          expect(next.opensAt).toEqual(addMonthsUtc(opensAt, RECURRENCE_MONTHS[recurrence]));
        },
      ),
    );
  });
});

describe('nextRoundName', () => {
  const nextOpensAt = at('2027-04-01T08:00:00Z');

  it('moves a quarter forward, rolling over the year', () => {
    expect(nextRoundName('Q1 2027', 'quarterly', nextOpensAt)).toBe('Q2 2027');
    expect(nextRoundName('Leadership feedback Q4 2026', 'quarterly', nextOpensAt)).toBe(
      'Leadership feedback Q1 2027',
    );
    expect(nextRoundName('Feedback 2026-Q4', 'quarterly', nextOpensAt)).toBe('Feedback 2027-Q1');
    expect(nextRoundName('Q3/2027 pulse', 'quarterly', nextOpensAt)).toBe('Q4/2027 pulse');
  });

  it('moves a half-year forward, in English or German style', () => {
    expect(nextRoundName('H2 2027', 'half_yearly', nextOpensAt)).toBe('H1 2028');
    expect(nextRoundName('Führungsfeedback HJ1 2027', 'half_yearly', nextOpensAt)).toBe(
      'Führungsfeedback HJ2 2027',
    );
  });

  it('moves a month name forward in its own language', () => {
    expect(nextRoundName('Pulse March 2027', 'monthly', nextOpensAt)).toBe('Pulse April 2027');
    expect(nextRoundName('Puls Dezember 2027', 'monthly', nextOpensAt)).toBe('Puls Januar 2028');
    expect(nextRoundName('Puls März 2027', 'monthly', nextOpensAt)).toBe('Puls April 2027');
  });

  it('moves numeric months forward but leaves full dates alone', () => {
    expect(nextRoundName('Pulse 2027-12', 'monthly', nextOpensAt)).toBe('Pulse 2028-01');
    expect(nextRoundName('Pulse 09/2027', 'monthly', nextOpensAt)).toBe('Pulse 10/2027');
    expect(nextRoundName('Kick-off 2027-03-15', 'monthly', nextOpensAt)).toBe(
      'Kick-off 2027-03-15 (2027-04)',
    );
  });

  it('moves every year in a yearly name', () => {
    expect(nextRoundName('Review 2026/2027', 'yearly', nextOpensAt)).toBe('Review 2027/2028');
  });

  it('appends the next period to a name without one, without piling up labels later', () => {
    const second = nextRoundName('Leadership feedback', 'quarterly', nextOpensAt);
    expect(second).toBe('Leadership feedback (Q2 2027)');
    expect(nextRoundName(second, 'quarterly', at('2027-07-01T08:00:00Z'))).toBe(
      'Leadership feedback (Q3 2027)',
    );
  });

  it('keeps the name of a one-off round', () => {
    expect(nextRoundName('Q1 2027', 'none', nextOpensAt)).toBe('Q1 2027');
  });

  it('labels periods in a locale-neutral way', () => {
    expect(periodLabel('monthly', nextOpensAt)).toBe('2027-04');
    expect(periodLabel('half_yearly', at('2027-07-01T00:00:00Z'))).toBe('H2 2027');
    expect(periodLabel('yearly', nextOpensAt)).toBe('2027');
  });
});
