import { TZDate } from '@date-fns/tz';

/**
 * Most organisations using Resonance are in Germany or Austria; Europe/Berlin and Europe/Vienna
 * have had the same rules since 1980, so either is right for them.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

let supported: ReadonlySet<string> | undefined;

/** The IANA zones this runtime's Intl knows (canonical names), plus UTC, which Intl does not list. */
export function supportedTimeZones(): ReadonlySet<string> {
  supported ??= new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  return supported;
}

export function isSupportedTimeZone(zone: string): boolean {
  return supportedTimeZones().has(zone);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` of an instant as a wall clock in `timeZone` shows it (what datetime-local holds). */
export function toZonedWallTime(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:mm`) means in `timeZone`, or null when it is not
 * one. A time skipped by the spring change (02:30 on the last Sunday of March in Berlin) moves
 * forward by the gap, as a clock would show it.
 */
export function fromZonedWallTime(wallTime: string, timeZone: string): Date | null {
  const match = WALL_TIME.exec(wallTime.trim());
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59) return null;
  const local = new TZDate(year, month - 1, day, hours, minutes, seconds, timeZone);
  if (local.getMonth() !== month - 1) return null;
  return new Date(local.getTime());
}
