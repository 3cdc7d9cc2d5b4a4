/**
 * A plan's reporting cadence: each organization posts a periodic update by a set time (weekly by
 * Friday 12:00, monthly by the 25th …). Those that have not are reminded, and their coordinators
 * after a grace period.
 */
import { z } from 'zod';
import { addCalendarDays, daysInMonth, isoWeekday, toDayNumber } from './calendar-date';
import { parseSettings } from './invalid-settings.error';
import { deferForQuietHours } from './quiet-hours';
import type { ReminderPolicy } from './reminder-policy';
import { dayCounting } from './working-days';
import { isTimeOfDay, localDate, startOfLocalDay, zonedInstant } from './zoned-time';

interface CadenceTiming {
  /** HH:mm in the plan's time zone. */
  time: string;
  /** Days (working days when the reminder policy counts them) after the due time before coordinators hear of it. */
  graceDays: number;
}

export type ReportingCadence =
  | ({
      kind: 'weekly';
      /** ISO weekday: 1 = Monday … 5 = Friday … 7 = Sunday. */ weekday: number;
    } & CadenceTiming)
  | ({ kind: 'monthly'; /** 1–31; short months use their last day. */ day: number } & CadenceTiming)
  | ({
      /** Quarterly (3), half-yearly (6) or yearly (12): due in the period's last month, as 分工方案 ask (每季度末). */
      kind: 'periodic';
      months: 3 | 6 | 12;
      /** 1–31 of the period's last month; short months use their last day. */
      day: number;
    } & CadenceTiming);

export const DEFAULT_CADENCE_GRACE_DAYS = 2;

const timing = {
  time: z.string().refine(isTimeOfDay, { error: 'must be a time of day as "HH:mm", e.g. "12:00"' }),
  graceDays: z
    .int({ error: 'must be a whole number of days' })
    .min(0, { error: 'must be 0 or more' })
    .max(31, { error: 'must be at most 31 days' })
    .default(DEFAULT_CADENCE_GRACE_DAYS),
};

export const reportingCadenceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('weekly'),
      weekday: z
        .int({ error: 'must be an ISO weekday number, 1 = Monday … 7 = Sunday' })
        .min(1, { error: 'must be 1 (Monday) to 7 (Sunday)' })
        .max(7, { error: 'must be 1 (Monday) to 7 (Sunday)' }),
      ...timing,
    }),
    z.strictObject({
      kind: z.literal('monthly'),
      day: z
        .int({ error: 'must be a day of the month, 1–31' })
        .min(1, { error: 'must be a day of the month, 1–31' })
        .max(31, { error: 'must be a day of the month, 1–31' }),
      ...timing,
    }),
    z.strictObject({
      kind: z.literal('periodic'),
      months: z.union([z.literal(3), z.literal(6), z.literal(12)], {
        error: 'must be 3 (quarterly), 6 (half-yearly) or 12 (yearly)',
      }),
      day: z
        .int({ error: 'must be a day of the month, 1–31' })
        .min(1, { error: 'must be a day of the month, 1–31' })
        .max(31, { error: 'must be a day of the month, 1–31' }),
      ...timing,
    }),
  ],
  { error: 'kind must be "weekly", "monthly" or "periodic"' },
);

/** A cadence from JSON; throws `InvalidSettingsError` listing what is wrong. */
export function parseReportingCadence(input: unknown): ReportingCadence {
  return parseSettings(reportingCadenceSchema, input, 'reporting cadence');
}

export interface ReportingPeriod {
  /** `2026-W48` (ISO week) or `2026-11`. */
  key: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** The day the update is due, YYYY-MM-DD. */
  dueDate: string;
}

/** The period containing `date` (YYYY-MM-DD). */
export function reportingPeriod(cadence: ReportingCadence, date: string): ReportingPeriod {
  if (cadence.kind === 'weekly') {
    const monday = addCalendarDays(date, 1 - isoWeekday(date));
    return { key: isoWeekKey(monday), start: monday, dueDate: addCalendarDays(monday, cadence.weekday - 1) };
  }
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const months = cadence.kind === 'periodic' ? cadence.months : 1;
  const firstMonth = Math.floor((month - 1) / months) * months + 1;
  const lastMonth = firstMonth + months - 1;
  const day = Math.min(cadence.day, daysInMonth(year, lastMonth));
  const pad = (n: number) => String(n).padStart(2, '0');
  const keys: Record<number, string> = {
    1: `${year}-${pad(month)}`,
    3: `${year}-Q${(firstMonth + 2) / 3}`,
    6: `${year}-H${(firstMonth + 5) / 6}`,
    12: `${year}`,
  };
  return {
    key: keys[months],
    start: `${year}-${pad(firstMonth)}-01`,
    dueDate: `${year}-${pad(lastMonth)}-${pad(day)}`,
  };
}

function isoWeekKey(monday: string): string {
  const thursday = addCalendarDays(monday, 3);
  const weekYear = thursday.slice(0, 4);
  const week = Math.floor((toDayNumber(thursday) - toDayNumber(`${weekYear}-01-01`)) / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export interface CadenceSubject {
  planId: string;
  organizationId: string;
  /** The organization's latest update on the plan, if any. */
  lastUpdateAt: Date | null;
}

export interface CadenceReminder {
  kind: 'cadence';
  /** `organization`: its members who report; `coordinators`: its coordinators, after the grace period. */
  audience: 'organization' | 'coordinators';
  /** `due`, or `grace:2` for the coordinators. */
  threshold: string;
  periodKey: string;
  /** When the update was due. */
  dueAt: Date;
  dedupeKey: string;
  sendAfter: Date;
}

/**
 * Reminders for the latest period whose due time has passed, if the organization has posted
 * nothing since that period began.
 */
export function cadenceReminders(
  subject: CadenceSubject,
  cadence: ReportingCadence,
  policy: ReminderPolicy,
  now: Date,
): CadenceReminder[] {
  const { timeZone } = policy;
  let period = reportingPeriod(cadence, localDate(now, timeZone));
  if (zonedInstant(period.dueDate, cadence.time, timeZone) > now) {
    period = reportingPeriod(cadence, addCalendarDays(period.start, -1));
  }
  if (subject.lastUpdateAt && subject.lastUpdateAt >= startOfLocalDay(period.start, timeZone)) return [];

  const dueAt = zonedInstant(period.dueDate, cadence.time, timeZone);
  const graceDate = dayCounting(policy.workingDays).add(period.dueDate, cadence.graceDays);
  const audiences: Array<Pick<CadenceReminder, 'audience' | 'threshold'>> = [
    { audience: 'organization', threshold: 'due' },
  ];
  if (zonedInstant(graceDate, cadence.time, timeZone) <= now) {
    audiences.push({ audience: 'coordinators', threshold: `grace:${cadence.graceDays}` });
  }
  const sendAfter = deferForQuietHours(now, policy.quietHours, timeZone);
  return audiences.map((decision) => ({
    kind: 'cadence',
    ...decision,
    periodKey: period.key,
    dueAt,
    dedupeKey: `cadence:${subject.planId}:${subject.organizationId}:${period.key}:${decision.threshold}`,
    sendAfter,
  }));
}
