import { z } from 'zod';
import { parseSettings } from './invalid-settings.error';
import { isTimeOfDay, isValidTimeZone } from './zoned-time';

export interface QuietHours {
  /** HH:mm; a start later than the end spans midnight. */
  start: string;
  end: string;
}

export interface ReminderPolicy {
  /** Days before the deadline that each trigger a `due_soon` reminder, largest first. */
  daysBefore: number[];
  onDueDate: boolean;
  /** Repeat an `overdue` reminder every this many days past the deadline; 0 never repeats. */
  overdueEveryDays: number;
  /** Escalate to coordinators and managers once this many days overdue; 0 never escalates. */
  escalateAfterDaysOverdue: number;
  /** Count every day above in mainland-China working days instead of calendar days. */
  workingDays: boolean;
  /** Sends falling in these hours wait until they end; null sends at any hour. */
  quietHours: QuietHours | null;
  /** IANA zone in which deadlines, days and quiet hours are read. */
  timeZone: string;
  /** Remind the owner of an item in progress with no update for this many days; 0 never does. */
  silenceDays: number;
}

export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  daysBefore: Object.freeze([14, 7, 3, 1]) as number[],
  onDueDate: true,
  overdueEveryDays: 3,
  escalateAfterDaysOverdue: 7,
  workingDays: false,
  quietHours: Object.freeze({ start: '22:00', end: '08:00' }),
  timeZone: 'Asia/Shanghai',
  silenceDays: 14,
});

const MAX_DAYS = 366;

function dayCount(minimum: 0 | 1, meaning: string) {
  return z
    .int({ error: `must be a whole number of days (${meaning})` })
    .min(minimum, { error: `must be at least ${minimum} (${meaning})` })
    .max(MAX_DAYS, { error: `must be at most ${MAX_DAYS} days` });
}

const timeOfDay = z
  .string({ error: 'must be a time of day as "HH:mm"' })
  .refine(isTimeOfDay, { error: 'must be a time of day as "HH:mm" between 00:00 and 23:59, e.g. "22:00"' });

const defaults = DEFAULT_REMINDER_POLICY;

/**
 * A policy as stored with a plan: every field optional (missing ones take the default), unknown
 * fields refused so that a misspelt setting does not silently fall back to the default.
 */
export const reminderPolicySchema = z.strictObject({
  daysBefore: z
    .array(dayCount(1, 'the due day itself is onDueDate'), {
      error: 'must be a list of days, e.g. [14, 7, 3, 1]',
    })
    .max(12, { error: 'must list at most 12 reminders' })
    .refine((days) => new Set(days).size === days.length, { error: 'must not list a day twice' })
    .transform((days) => [...days].sort((a, b) => b - a))
    .default(() => [...defaults.daysBefore]),
  onDueDate: z.boolean({ error: 'must be true or false' }).default(defaults.onDueDate),
  overdueEveryDays: dayCount(0, '0 sends no repeats').default(defaults.overdueEveryDays),
  escalateAfterDaysOverdue: dayCount(0, '0 never escalates').default(defaults.escalateAfterDaysOverdue),
  workingDays: z.boolean({ error: 'must be true or false' }).default(defaults.workingDays),
  quietHours: z
    .strictObject(
      { start: timeOfDay, end: timeOfDay },
      { error: 'must be { "start": "HH:mm", "end": "HH:mm" } or null' },
    )
    .refine((hours) => hours.start !== hours.end, { error: 'start and end must differ' })
    .nullable()
    .default(() => (defaults.quietHours ? { ...defaults.quietHours } : null)),
  timeZone: z
    .string({ error: 'must be an IANA time zone name' })
    .refine(isValidTimeZone, { error: 'must be an IANA time zone name such as "Asia/Shanghai"' })
    .default(defaults.timeZone),
  silenceDays: dayCount(0, '0 turns the silence reminder off').default(defaults.silenceDays),
});

/**
 * The policy a plan's stored overrides (JSON, possibly null) amount to. Throws
 * `InvalidSettingsError` listing every field that is wrong.
 */
export function parseReminderPolicy(overrides: unknown): ReminderPolicy {
  return parseSettings(reminderPolicySchema, overrides ?? {}, 'reminder policy');
}
