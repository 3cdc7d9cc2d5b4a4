import { addCalendarDays } from './calendar-date';
import type { ReminderPolicy } from './reminder-policy';
import { OPEN_WORK_ITEM_STATUSES } from '../work-items/work-item-status';
import { localDate, startOfLocalDay } from './zoned-time';

export interface ReminderCheckItem {
  /** YYYY-MM-DD in the plan's time zone. */
  deadline: string;
  status: string;
  /** As in `silenceReminder`: the latest update, status change or assignment. */
  lastActivityAt: Date;
}

/** The first of `start + k × every` (k ≥ 1) after `today`. */
function nextStep(start: string, every: number, today: string): string {
  let date = addCalendarDays(start, every);
  while (date <= today) date = addCalendarDays(date, every);
  return date;
}

/**
 * The first instant after `now` at which `dueReminders` or `silenceReminder` can decide anything
 * they did not decide at `now` — until the item itself changes (deadline, status, activity) or
 * its plan's policy does, which the scan learns from the database. Between now and then a scan of
 * this item writes nothing new, so the scan skips it; `null`: never again.
 *
 * In calendar days every decision is a threshold on a date (deadline − days before, the deadline,
 * deadline + every overdue step, deadline + escalation, last activity + every silence step), so
 * the answer is the start of the earliest such date after today. Working days shift those dates
 * with the holiday calendar; for them this answers the next day, which is never too late.
 */
export function nextReminderCheck(item: ReminderCheckItem, policy: ReminderPolicy, now: Date): Date | null {
  if (!OPEN_WORK_ITEM_STATUSES.some((status) => status === item.status)) return null;
  const today = localDate(now, policy.timeZone);
  if (policy.workingDays) return startOfLocalDay(addCalendarDays(today, 1), policy.timeZone);
  const dates = [...policy.daysBefore.map((days) => addCalendarDays(item.deadline, -days)), item.deadline];
  if (policy.overdueEveryDays > 0) dates.push(nextStep(item.deadline, policy.overdueEveryDays, today));
  if (policy.escalateAfterDaysOverdue > 0)
    dates.push(addCalendarDays(item.deadline, policy.escalateAfterDaysOverdue));
  if (item.status === 'in_progress' && policy.silenceDays > 0) {
    dates.push(nextStep(localDate(item.lastActivityAt, policy.timeZone), policy.silenceDays, today));
  }
  const next = dates.filter((date) => date > today).sort()[0];
  return next ? startOfLocalDay(next, policy.timeZone) : null;
}
