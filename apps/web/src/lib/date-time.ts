import type { DateTimeFormatOptions } from 'next-intl';

/**
 * A moment as tables show it, e.g. "14 Mar 2027, 09:00": compact enough for one line. Every page
 * formats in the organisation's zone (see displayTimeZone) and names it once, in a column header or
 * a note, or with `withZone` beside a single time.
 */
export const DATE_TIME: DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** "14 Mar 2027, 09:00 (Europe/Berlin)". */
export function withZone(formatted: string, timeZone: string | undefined): string {
  return timeZone ? `${formatted} (${timeZone.replaceAll('_', ' ')})` : formatted;
}
