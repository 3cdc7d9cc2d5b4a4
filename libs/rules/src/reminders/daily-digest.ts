import { addCalendarDays } from './calendar-date';
import { localDate, zonedInstant } from './zoned-time';

/** When people who asked for a digest get it: one mail a day at this local time. */
export const DAILY_DIGEST_TIME = '08:00';

/** The first digest time at or after `at` in the user's time zone. */
export function nextDigestTime(at: Date, timeZone: string, time = DAILY_DIGEST_TIME): Date {
  const today = zonedInstant(localDate(at, timeZone), time, timeZone);
  return today >= at ? today : zonedInstant(addCalendarDays(localDate(at, timeZone), 1), time, timeZone);
}
