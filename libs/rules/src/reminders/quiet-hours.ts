import { addCalendarDays } from './calendar-date';
import type { QuietHours } from './reminder-policy';
import { minutesOfDay, wallClock, zonedInstant } from './zoned-time';

/**
 * When a send planned for `at` may go out: `at` itself, or the end of the quiet hours it falls in
 * (read on the wall clock of `timeZone`). Sends are deferred, never dropped.
 */
export function deferForQuietHours(at: Date, quietHours: QuietHours | null, timeZone: string): Date {
  if (!quietHours) return at;
  const { date, minutes } = wallClock(at, timeZone);
  const start = minutesOfDay(quietHours.start);
  const end = minutesOfDay(quietHours.end);
  const spansMidnight = start > end;
  const quiet = spansMidnight ? minutes >= start || minutes < end : minutes >= start && minutes < end;
  if (!quiet) return at;
  const endsTomorrow = spansMidnight && minutes >= start;
  return zonedInstant(endsTomorrow ? addCalendarDays(date, 1) : date, quietHours.end, timeZone);
}
