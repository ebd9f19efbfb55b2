import { TZDate } from '@date-fns/tz';
import { addMonths } from 'date-fns';
import { DomainError } from './errors';
import { MIN_OPEN_DURATION_MS } from './round-state';
import type { Localized } from './theses';

export const RECURRENCES = ['none', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const RECURRENCE_MONTHS: Record<Exclude<Recurrence, 'none'>, number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};

export const RECURRENCE_LABELS: Record<Recurrence, Localized> = {
  none: { en: 'One-off', de: 'Einmalig' },
  monthly: { en: 'Monthly', de: 'Monatlich' },
  quarterly: { en: 'Quarterly', de: 'Vierteljährlich' },
  half_yearly: { en: 'Every six months', de: 'Halbjährlich' },
  yearly: { en: 'Yearly', de: 'Jährlich' },
};

export interface RoundWindow {
  opensAt: Date;
  closesAt: Date;
}

/**
 * Adds calendar months as a wall clock in `timeZone` reads them: the time of day stays (09:00 in
 * Berlin stays 09:00 across the change to summer time) and the day is clamped to the target
 * month's length (31 January + 1 month = 28 or 29 February).
 */
export function addCalendarMonths(date: Date, months: number, timeZone: string): Date {
  if (!Number.isInteger(months)) throw new DomainError('invalid_input', 'Months must be a whole number');
  return new Date(addMonths(new TZDate(date.getTime(), timeZone), months).getTime());
}

/**
 * The window `periods` recurrences after the series' first window `anchor`, or null for a one-off
 * round. Both ends move by calendar months in the organisation's zone, so "opens on the 1st at
 * 09:00, closes on the 15th at 18:00" stays that way. Always computed from the anchor, never from
 * the previous round: a clamped month end would otherwise drift (31 Jan -> 28 Feb -> 28 Mar).
 */
export function shiftRoundWindow(
  anchor: RoundWindow,
  recurrence: Recurrence,
  periods: number,
  timeZone: string,
): RoundWindow | null {
  if (recurrence === 'none') return null;
  const months = RECURRENCE_MONTHS[recurrence] * periods;
  const opensAt = addCalendarMonths(anchor.opensAt, months, timeZone);
  let closesAt = addCalendarMonths(anchor.closesAt, months, timeZone);
  // Clamping only the opening end (e.g. open Jan 30, close Jan 31 -> both Feb 28)
  // can squeeze the window; keep the original length then.
  if (closesAt.getTime() - opensAt.getTime() < MIN_OPEN_DURATION_MS) {
    closesAt = new Date(opensAt.getTime() + (anchor.closesAt.getTime() - anchor.opensAt.getTime()));
  }
  return { opensAt, closesAt };
}

export interface SeriesPosition {
  /** The series' first window; every later round is computed from it. */
  anchor: RoundWindow;
  /** 0 for the first round of the series, n for the round n periods after it. */
  index: number;
}

/**
 * The round that follows the one at `index` in its series: the next period whose window still
 * closes at least an hour after `now`, so a round closed long after its time does not schedule a
 * successor that is already over. Null for a one-off round.
 */
export function nextSeriesRound({
  anchor,
  index,
  recurrence,
  timeZone,
  now,
}: SeriesPosition & { recurrence: Recurrence; timeZone: string; now: Date }): {
  index: number;
  window: RoundWindow;
} | null {
  if (recurrence === 'none') return null;
  for (let next = index + 1; ; next++) {
    const window = shiftRoundWindow(anchor, recurrence, next, timeZone);
    if (!window) return null;
    if (window.closesAt.getTime() - now.getTime() >= MIN_OPEN_DURATION_MS) return { index: next, window };
  }
}

const MONTH_NAMES: Record<'en' | 'de', readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
};

const YEAR = '((?:19|20)\\d{2})';
const SEPARATOR = '(\\s*[/-]?\\s*)';

/** Moves a (period, year) pair forward by one, rolling over into the next year. */
function nextPeriod(period: number, year: number, periodsPerYear: number): [number, number] {
  return period === periodsPerYear ? [1, year + 1] : [period + 1, year];
}

interface NameRule {
  pattern: RegExp;
  next: (...groups: string[]) => string;
}

const monthNamePattern = [
  ...MONTH_NAMES.en,
  ...MONTH_NAMES.de.filter((name) => !MONTH_NAMES.en.includes(name)),
].join('|');

const NAME_RULES: Record<Exclude<Recurrence, 'none'>, NameRule[]> = {
  quarterly: [
    {
      pattern: new RegExp(`\\bQ([1-4])${SEPARATOR}${YEAR}\\b`, 'g'),
      next: (quarter, separator, year) => {
        const [q, y] = nextPeriod(Number(quarter), Number(year), 4);
        return `Q${q}${separator}${y}`;
      },
    },
    {
      pattern: new RegExp(`\\b${YEAR}${SEPARATOR}Q([1-4])\\b`, 'g'),
      next: (year, separator, quarter) => {
        const [q, y] = nextPeriod(Number(quarter), Number(year), 4);
        return `${y}${separator}Q${q}`;
      },
    },
  ],
  half_yearly: [
    {
      pattern: new RegExp(`\\b(HJ|H)([12])${SEPARATOR}${YEAR}\\b`, 'g'),
      next: (prefix, half, separator, year) => {
        const [h, y] = nextPeriod(Number(half), Number(year), 2);
        return `${prefix}${h}${separator}${y}`;
      },
    },
    {
      pattern: new RegExp(`\\b${YEAR}${SEPARATOR}(HJ|H)([12])\\b`, 'g'),
      next: (year, separator, prefix, half) => {
        const [h, y] = nextPeriod(Number(half), Number(year), 2);
        return `${y}${separator}${prefix}${h}`;
      },
    },
  ],
  monthly: [
    {
      pattern: new RegExp(`(?<![\\p{L}])(${monthNamePattern})(\\s+)${YEAR}\\b`, 'giu'),
      next: (monthName, space, year) => {
        const language = MONTH_NAMES.en.some((name) => name.toLowerCase() === monthName.toLowerCase())
          ? 'en'
          : 'de';
        const names = MONTH_NAMES[language];
        const month = names.findIndex((name) => name.toLowerCase() === monthName.toLowerCase()) + 1;
        const [m, y] = nextPeriod(month, Number(year), 12);
        return `${names[m - 1]}${space}${y}`;
      },
    },
    {
      // ISO year-month, but not a full date such as 2027-03-15.
      pattern: new RegExp(`\\b${YEAR}-(0[1-9]|1[0-2])\\b(?!-\\d)`, 'g'),
      next: (year, month) => {
        const [m, y] = nextPeriod(Number(month), Number(year), 12);
        return `${y}-${String(m).padStart(2, '0')}`;
      },
    },
    {
      pattern: new RegExp(`(?<![\\d./])(0?[1-9]|1[0-2])/${YEAR}\\b`, 'g'),
      next: (month, year) => {
        const [m, y] = nextPeriod(Number(month), Number(year), 12);
        return `${month.length === 2 ? String(m).padStart(2, '0') : m}/${y}`;
      },
    },
  ],
  yearly: [{ pattern: new RegExp(`\\b${YEAR}\\b`, 'g'), next: (year) => String(Number(year) + 1) }],
};

/** A locale-neutral label for the period a round opens in (in `timeZone`), e.g. "Q2 2027" or "2027-05". */
export function periodLabel(
  recurrence: Exclude<Recurrence, 'none'>,
  opensAt: Date,
  timeZone: string,
): string {
  const local = new TZDate(opensAt.getTime(), timeZone);
  const year = local.getFullYear();
  const month = local.getMonth();
  switch (recurrence) {
    case 'monthly':
      return `${year}-${String(month + 1).padStart(2, '0')}`;
    case 'quarterly':
      return `Q${Math.floor(month / 3) + 1} ${year}`;
    case 'half_yearly':
      return `H${month < 6 ? 1 : 2} ${year}`;
    case 'yearly':
      return String(year);
  }
}

/**
 * Name for the next round of a series. A period in the name moves forward by
 * one ("Q4 2026" -> "Q1 2027", "März 2027" -> "April 2027", "H2 2027" ->
 * "H1 2028"); a name without one gets the next round's period appended in
 * parentheses, which later rounds then move forward, so labels never pile up.
 */
export function nextRoundName(
  name: string,
  recurrence: Recurrence,
  nextOpensAt: Date,
  timeZone: string,
): string {
  if (recurrence === 'none') return name;
  const trimmed = name.trim();
  for (const rule of NAME_RULES[recurrence]) {
    // Every rule moves a number forward, so an unchanged name means no match.
    const moved = trimmed.replace(rule.pattern, (_match, ...groups: string[]) => rule.next(...groups));
    if (moved !== trimmed) return moved;
  }
  return `${trimmed} (${periodLabel(recurrence, nextOpensAt, timeZone)})`;
}
