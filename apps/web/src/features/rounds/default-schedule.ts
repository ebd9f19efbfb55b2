import { fromZonedWallTime, toZonedWallTime } from '@resonance/domain';

/** Tomorrow 09:00 to two weeks later 18:00, as wall-clock times in the organisation's zone. */
export function defaultSchedule(now: Date, timeZone: string) {
  const tomorrow = toZonedWallTime(new Date(now.getTime() + 24 * 3_600_000), timeZone).slice(0, 10);
  const opens = fromZonedWallTime(`${tomorrow}T09:00`, timeZone) ?? now;
  const closesDay = toZonedWallTime(new Date(opens.getTime() + 14 * 24 * 3_600_000), timeZone).slice(0, 10);
  return { opens: `${tomorrow}T09:00`, closes: `${closesDay}T18:00` };
}
