import { BadRequestException } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';

/** Reports go to people's inboxes: more often than hourly is a mistake, not a schedule. */
export const MIN_REPORT_INTERVAL_MS = 60 * 60 * 1000;

export function assertTimeZone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new BadRequestException(
      `"${timezone}" is not a time zone; use an IANA name such as Asia/Shanghai or Asia/Urumqi.`,
    );
  }
}

/** The next firing of a valid expression; a 400 that says how to write one otherwise. */
export function nextFiring(cron: string, timezone: string, after = new Date()): Date {
  let firings: Date[];
  try {
    const expression = CronExpressionParser.parse(cron, { tz: timezone, currentDate: after, strict: false });
    firings = [expression.next().toDate(), expression.next().toDate()];
  } catch (error) {
    throw new BadRequestException(
      `"${cron}" is not a valid cron expression (${(error as Error).message}). Use five fields — ` +
        `minute hour day-of-month month day-of-week — e.g. "0 8 * * 1" for 08:00 every Monday.`,
    );
  }
  if (firings[1].getTime() - firings[0].getTime() < MIN_REPORT_INTERVAL_MS) {
    throw new BadRequestException(
      `"${cron}" would mail a report more than once an hour; schedule it hourly at most, e.g. "0 8 * * *" for daily at 08:00.`,
    );
  }
  return firings[0];
}
