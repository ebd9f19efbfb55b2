import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  nextRoundName,
  nextSeriesRound,
  periodLabel,
  RECURRENCE_MONTHS,
  type Recurrence,
  shiftRoundWindow,
} from './recurrence';
import { fromZonedWallTime, toZonedWallTime } from './time-zone';

const at = (iso: string) => new Date(iso);
const window = (opensAt: string, closesAt: string) => ({ opensAt: at(opensAt), closesAt: at(closesAt) });

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
/** The wall clock in a zone, as `YYYY-MM-DD HH:mm`. */
const wall = (date: Date | undefined, timeZone: string) => toZonedWallTime(date!, timeZone).replace('T', ' ');
const berlin = (wallTime: string) => fromZonedWallTime(wallTime, BERLIN)!;
const series = (opens: string, closes: string, timeZone = BERLIN) => ({
  opensAt: fromZonedWallTime(opens, timeZone)!,
  closesAt: fromZonedWallTime(closes, timeZone)!,
});

describe('addCalendarMonths', () => {
  it('clamps to the end of a shorter month, in leap years too', () => {
    expect(wall(addCalendarMonths(berlin('2027-01-31T09:00'), 1, BERLIN), BERLIN)).toBe('2027-02-28 09:00');
    expect(wall(addCalendarMonths(berlin('2028-01-31T09:00'), 1, BERLIN), BERLIN)).toBe('2028-02-29 09:00');
    expect(wall(addCalendarMonths(berlin('2027-08-31T09:00'), 1, BERLIN), BERLIN)).toBe('2027-09-30 09:00');
  });

  it('rolls over into the next year', () => {
    expect(wall(addCalendarMonths(berlin('2027-11-15T12:30'), 3, BERLIN), BERLIN)).toBe('2028-02-15 12:30');
  });

  it('keeps the time of day across the change to summer time and back', () => {
    // Berlin: CET (UTC+1) until the last Sunday of March, CEST (UTC+2) until the last Sunday of October.
    const march = addCalendarMonths(berlin('2027-02-15T09:00'), 1, BERLIN);
    expect(march.toISOString()).toBe('2027-03-15T08:00:00.000Z');
    const april = addCalendarMonths(berlin('2027-03-15T09:00'), 1, BERLIN);
    expect(april.toISOString()).toBe('2027-04-15T07:00:00.000Z');
    const november = addCalendarMonths(berlin('2027-10-15T09:00'), 1, BERLIN);
    expect(november.toISOString()).toBe('2027-11-15T08:00:00.000Z');
  });

  it('keeps the day of month when it exists and the wall-clock time in any zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2090-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 48 }),
        fc.constantFrom(BERLIN, NEW_YORK, 'Europe/Vienna', 'Asia/Tokyo', 'UTC'),
        (date, months, timeZone) => {
          const [day, time] = wall(date, timeZone).split(' ') as [string, string];
          const shifted = wall(addCalendarMonths(date, months, timeZone), timeZone);
          const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
          const [shiftedYear, shiftedMonth, shiftedDay] = shifted.split(' ')[0]!.split('-').map(Number) as [
            number,
            number,
            number,
          ];
          expect((shiftedYear - year) * 12 + shiftedMonth - month).toBe(months);
          expect(shiftedDay).toBeLessThanOrEqual(dayOfMonth);
          if (dayOfMonth <= 28) expect(shiftedDay).toBe(dayOfMonth);
          // A time that does not exist on the target day (skipped by the spring change) moves forward.
          if (!time.startsWith('02:')) expect(shifted.split(' ')[1]).toBe(time);
        },
      ),
    );
  });
});

describe('shiftRoundWindow', () => {
  it('has no next window for a one-off round', () => {
    expect(
      shiftRoundWindow(window('2027-01-04T08:00:00Z', '2027-01-18T17:00:00Z'), 'none', 1, BERLIN),
    ).toBeNull();
  });

  it('moves both ends by the period', () => {
    const first = series('2027-01-04T09:00', '2027-01-18T18:00');
    const cases: [Recurrence, string, string][] = [
      ['monthly', '2027-02-04 09:00', '2027-02-18 18:00'],
      ['quarterly', '2027-04-04 09:00', '2027-04-18 18:00'],
      ['half_yearly', '2027-07-04 09:00', '2027-07-18 18:00'],
      ['yearly', '2028-01-04 09:00', '2028-01-18 18:00'],
    ];
    for (const [recurrence, opensAt, closesAt] of cases) {
      const next = shiftRoundWindow(first, recurrence, 1, BERLIN);
      expect([wall(next?.opensAt, BERLIN), wall(next?.closesAt, BERLIN)]).toEqual([opensAt, closesAt]);
    }
  });

  it('runs a monthly series from 31 January on the last day of shorter months, without drift', () => {
    const first = series('2027-01-31T09:00', '2027-02-14T18:00');
    const opens = [1, 2, 3, 4, 5].map((n) =>
      wall(shiftRoundWindow(first, 'monthly', n, BERLIN)?.opensAt, BERLIN),
    );
    expect(opens).toEqual([
      '2027-02-28 09:00',
      '2027-03-31 09:00',
      '2027-04-30 09:00',
      '2027-05-31 09:00',
      '2027-06-30 09:00',
    ]);
    const leap = series('2028-01-31T09:00', '2028-02-14T18:00');
    expect(wall(shiftRoundWindow(leap, 'monthly', 1, BERLIN)?.opensAt, BERLIN)).toBe('2028-02-29 09:00');
  });

  it('runs a yearly series from 29 February on 28 February, and on 29 February again in the next leap year', () => {
    const first = series('2028-02-29T09:00', '2028-03-14T18:00');
    expect(wall(shiftRoundWindow(first, 'yearly', 1, BERLIN)?.opensAt, BERLIN)).toBe('2029-02-28 09:00');
    expect(wall(shiftRoundWindow(first, 'yearly', 4, BERLIN)?.opensAt, BERLIN)).toBe('2032-02-29 09:00');
  });

  it('keeps 09:00 in Berlin over the last Sunday of March and of October', () => {
    // 2027: summer time from 28 March, winter time from 31 October.
    const first = series('2027-03-01T09:00', '2027-03-27T09:00');
    const april = shiftRoundWindow(first, 'monthly', 1, BERLIN)!;
    expect(wall(april.opensAt, BERLIN)).toBe('2027-04-01 09:00');
    expect(april.opensAt.toISOString()).toBe('2027-04-01T07:00:00.000Z');
    // A window that spans the night of the change keeps both wall-clock ends.
    const spanning = series('2027-09-30T09:00', '2027-10-30T18:00');
    const next = shiftRoundWindow(spanning, 'monthly', 1, BERLIN)!;
    expect([wall(next.opensAt, BERLIN), wall(next.closesAt, BERLIN)]).toEqual([
      '2027-10-30 09:00',
      '2027-11-30 18:00',
    ]);
    expect(next.opensAt.toISOString()).toBe('2027-10-30T07:00:00.000Z');
    expect(next.closesAt.toISOString()).toBe('2027-11-30T17:00:00.000Z');
  });

  it('keeps 09:00 in New York over its own changes (second Sunday of March, first of November)', () => {
    // 2027: daylight saving time from 14 March to 7 November.
    const first = series('2027-02-20T09:00', '2027-03-06T17:00', NEW_YORK);
    expect(first.opensAt.toISOString()).toBe('2027-02-20T14:00:00.000Z');
    const march = shiftRoundWindow(first, 'monthly', 1, NEW_YORK)!;
    expect(march.opensAt.toISOString()).toBe('2027-03-20T13:00:00.000Z');
    const november = shiftRoundWindow(first, 'monthly', 9, NEW_YORK)!;
    expect(wall(november.opensAt, NEW_YORK)).toBe('2027-11-20 09:00');
    expect(november.opensAt.toISOString()).toBe('2027-11-20T14:00:00.000Z');
  });

  it('differs from UTC arithmetic exactly when the zone changes its offset', () => {
    const first = series('2027-02-15T09:00', '2027-03-01T18:00');
    const inBerlin = shiftRoundWindow(first, 'monthly', 2, BERLIN)!;
    const inUtc = shiftRoundWindow(first, 'monthly', 2, 'UTC')!;
    expect(inUtc.opensAt.getTime() - inBerlin.opensAt.getTime()).toBe(3_600_000);
  });

  it('keeps the original length when month-end clamping would squeeze the window', () => {
    const next = shiftRoundWindow(series('2027-01-30T09:00', '2027-01-31T08:00'), 'monthly', 1, BERLIN)!;
    expect([wall(next.opensAt, BERLIN), wall(next.closesAt, BERLIN)]).toEqual([
      '2027-02-28 09:00',
      '2027-03-01 08:00',
    ]);
  });

  it('always yields a window of at least one hour that starts a period later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2080-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 60 * 60 * 1000, max: 60 * 24 * 60 * 60 * 1000 }),
        fc.constantFrom<Exclude<Recurrence, 'none'>>('monthly', 'quarterly', 'half_yearly', 'yearly'),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(BERLIN, NEW_YORK, 'UTC'),
        (opensAt, duration, recurrence, periods, timeZone) => {
          const next = shiftRoundWindow(
            { opensAt, closesAt: new Date(opensAt.getTime() + duration) },
            recurrence,
            periods,
            timeZone,
          )!;
          expect(next.closesAt.getTime() - next.opensAt.getTime()).toBeGreaterThanOrEqual(60 * 60 * 1000);
          expect(next.opensAt).toEqual(
            addCalendarMonths(opensAt, RECURRENCE_MONTHS[recurrence] * periods, timeZone),
          );
        },
      ),
    );
  });
});

describe('nextSeriesRound', () => {
  const first = series('2027-01-31T09:00', '2027-02-14T18:00');

  it('is the next period of the series, counted from its first window', () => {
    const third = nextSeriesRound({
      anchor: first,
      index: 1,
      recurrence: 'monthly',
      timeZone: BERLIN,
      now: berlin('2027-03-14T18:00'),
    });
    expect(third?.index).toBe(2);
    expect(wall(third?.window.opensAt, BERLIN)).toBe('2027-03-31 09:00');
  });

  it('skips periods that would already be over', () => {
    const next = nextSeriesRound({
      anchor: first,
      index: 0,
      recurrence: 'monthly',
      timeZone: BERLIN,
      now: berlin('2027-04-20T12:00'),
    });
    expect(next?.index).toBe(3);
    expect(wall(next?.window.opensAt, BERLIN)).toBe('2027-04-30 09:00');
  });

  it('has no successor for a one-off round', () => {
    expect(
      nextSeriesRound({ anchor: first, index: 0, recurrence: 'none', timeZone: BERLIN, now: first.closesAt }),
    ).toBeNull();
  });
});

describe('nextRoundName', () => {
  const nextOpensAt = at('2027-04-01T08:00:00Z');

  it('moves a quarter forward, rolling over the year', () => {
    expect(nextRoundName('Q1 2027', 'quarterly', nextOpensAt, BERLIN)).toBe('Q2 2027');
    expect(nextRoundName('Leadership feedback Q4 2026', 'quarterly', nextOpensAt, BERLIN)).toBe(
      'Leadership feedback Q1 2027',
    );
    expect(nextRoundName('Feedback 2026-Q4', 'quarterly', nextOpensAt, BERLIN)).toBe('Feedback 2027-Q1');
    expect(nextRoundName('Q3/2027 pulse', 'quarterly', nextOpensAt, BERLIN)).toBe('Q4/2027 pulse');
  });

  it('moves a half-year forward, in English or German style', () => {
    expect(nextRoundName('H2 2027', 'half_yearly', nextOpensAt, BERLIN)).toBe('H1 2028');
    expect(nextRoundName('Führungsfeedback HJ1 2027', 'half_yearly', nextOpensAt, BERLIN)).toBe(
      'Führungsfeedback HJ2 2027',
    );
  });

  it('moves a month name forward in its own language', () => {
    expect(nextRoundName('Pulse March 2027', 'monthly', nextOpensAt, BERLIN)).toBe('Pulse April 2027');
    expect(nextRoundName('Puls Dezember 2027', 'monthly', nextOpensAt, BERLIN)).toBe('Puls Januar 2028');
    expect(nextRoundName('Puls März 2027', 'monthly', nextOpensAt, BERLIN)).toBe('Puls April 2027');
  });

  it('moves numeric months forward but leaves full dates alone', () => {
    expect(nextRoundName('Pulse 2027-12', 'monthly', nextOpensAt, BERLIN)).toBe('Pulse 2028-01');
    expect(nextRoundName('Pulse 09/2027', 'monthly', nextOpensAt, BERLIN)).toBe('Pulse 10/2027');
    expect(nextRoundName('Kick-off 2027-03-15', 'monthly', nextOpensAt, BERLIN)).toBe(
      'Kick-off 2027-03-15 (2027-04)',
    );
  });

  it('moves every year in a yearly name', () => {
    expect(nextRoundName('Review 2026/2027', 'yearly', nextOpensAt, BERLIN)).toBe('Review 2027/2028');
  });

  it('appends the next period to a name without one, without piling up labels later', () => {
    const second = nextRoundName('Leadership feedback', 'quarterly', nextOpensAt, BERLIN);
    expect(second).toBe('Leadership feedback (Q2 2027)');
    expect(nextRoundName(second, 'quarterly', at('2027-07-01T08:00:00Z'), BERLIN)).toBe(
      'Leadership feedback (Q3 2027)',
    );
  });

  it('keeps the name of a one-off round', () => {
    expect(nextRoundName('Q1 2027', 'none', nextOpensAt, BERLIN)).toBe('Q1 2027');
  });

  it('labels periods in a locale-neutral way', () => {
    expect(periodLabel('monthly', nextOpensAt, BERLIN)).toBe('2027-04');
    expect(periodLabel('half_yearly', at('2027-07-01T00:00:00Z'), 'UTC')).toBe('H2 2027');
    expect(periodLabel('yearly', nextOpensAt, BERLIN)).toBe('2027');
  });
});

describe('periodLabel', () => {
  it("names the period as the organisation's calendar has it", () => {
    // 31 March 23:30 UTC is already 1 April in Berlin: the second quarter.
    const lateMarch = at('2027-03-31T23:30:00Z');
    expect(periodLabel('quarterly', lateMarch, BERLIN)).toBe('Q2 2027');
    expect(periodLabel('quarterly', lateMarch, 'UTC')).toBe('Q1 2027');
    expect(periodLabel('yearly', at('2027-12-31T23:30:00Z'), BERLIN)).toBe('2028');
  });
});
