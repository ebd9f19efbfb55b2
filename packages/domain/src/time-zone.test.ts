import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, fromZonedWallTime, isSupportedTimeZone, toZonedWallTime } from './time-zone';

describe('time zones', () => {
  it('accepts IANA zones Intl supports, and UTC', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Berlin');
    for (const zone of ['Europe/Berlin', 'Europe/Vienna', 'America/New_York', 'UTC']) {
      expect(isSupportedTimeZone(zone)).toBe(true);
    }
    for (const zone of ['CET+1', 'Berlin', 'europe/berlin', '', 'Mars/Olympus_Mons', '+01:00']) {
      expect(isSupportedTimeZone(zone)).toBe(false);
    }
  });

  it('reads a datetime-local value as a wall clock in the zone', () => {
    expect(fromZonedWallTime('2027-03-14T09:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2027-03-14T08:00:00.000Z',
    );
    expect(fromZonedWallTime('2027-07-14T09:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2027-07-14T07:00:00.000Z',
    );
    expect(fromZonedWallTime('2027-07-14T09:00', 'America/New_York')?.toISOString()).toBe(
      '2027-07-14T13:00:00.000Z',
    );
  });

  it('round-trips a wall-clock time, and moves one the spring change skips forward', () => {
    const instant = fromZonedWallTime('2027-10-31T09:30', 'Europe/Berlin')!;
    expect(toZonedWallTime(instant, 'Europe/Berlin')).toBe('2027-10-31T09:30');
    expect(toZonedWallTime(fromZonedWallTime('2027-03-28T02:30', 'Europe/Berlin')!, 'Europe/Berlin')).toBe(
      '2027-03-28T03:30',
    );
  });

  it('refuses what is not a wall-clock time', () => {
    for (const value of ['', '2027-02-30T09:00', '2027-13-01T09:00', '2027-01-01 09:00', 'tomorrow']) {
      expect(fromZonedWallTime(value, 'Europe/Berlin')).toBeNull();
    }
  });
});
