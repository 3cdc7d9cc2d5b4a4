import fc from 'fast-check';
import { addCalendarDays } from './calendar-date';
import { nextReminderCheck } from './next-reminder-check';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy } from './reminder-policy';
import { dueReminders } from './reminder-schedule';
import { silenceReminder } from './silence';
import { localDate, zonedInstant } from './zoned-time';

/** What a scan at `at` would write for the item: the dedupe keys of its decisions. */
function decisions(
  item: Parameters<typeof nextReminderCheck>[0],
  policy: ReminderPolicy,
  at: Date,
): string[] {
  const candidate = { id: 'item', ...item };
  const silence = silenceReminder(candidate, policy, at);
  return [
    ...dueReminders(candidate, policy, at).map((r) => r.dedupeKey),
    ...(silence ? [silence.dedupeKey] : []),
  ];
}

const policies = fc.record({
  daysBefore: fc
    .uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 5 })
    .map((days) => days.sort((a, b) => b - a)),
  onDueDate: fc.boolean(),
  overdueEveryDays: fc.integer({ min: 0, max: 10 }),
  escalateAfterDaysOverdue: fc.integer({ min: 0, max: 20 }),
  workingDays: fc.boolean(),
  quietHours: fc.constant(DEFAULT_REMINDER_POLICY.quietHours),
  timeZone: fc.constantFrom('Asia/Shanghai', 'Asia/Urumqi', 'America/New_York'),
  silenceDays: fc.integer({ min: 0, max: 20 }),
});

describe('nextReminderCheck', () => {
  it('is never later than the first day a scan would decide something new (1,000 generated items)', () => {
    fc.assert(
      fc.property(
        policies,
        fc.integer({ min: -60, max: 60 }),
        fc.constantFrom('not_started', 'in_progress', 'blocked'),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        (policy, deadlineOffset, status, silentFor, minuteOfDay) => {
          const today = '2026-03-10';
          const time = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
          const now = zonedInstant(today, time, policy.timeZone);
          const item = {
            deadline: addCalendarDays(today, deadlineOffset),
            status,
            lastActivityAt: zonedInstant(addCalendarDays(today, -silentFor), '09:30', policy.timeZone),
          };
          const next = nextReminderCheck(item, policy, now);
          const seen = decisions(item, policy, now);
          const until = next ? localDate(next, policy.timeZone) : addCalendarDays(today, 45);
          expect(next === null || next.getTime() > now.getTime()).toBe(true);
          for (let day = addCalendarDays(today, 1); day < until; day = addCalendarDays(day, 1)) {
            for (const at of ['00:00', '23:59']) {
              expect(decisions(item, policy, zonedInstant(day, at, policy.timeZone))).toEqual(seen);
            }
          }
        },
      ),
      { numRuns: 1000, seed: 20261204 },
    );
  });

  it('skips the days between thresholds: 20 days before a deadline with 14/7/3/1 wakes 6 days later', () => {
    const policy = { ...DEFAULT_REMINDER_POLICY, silenceDays: 0 };
    const now = zonedInstant('2026-03-10', '10:00', policy.timeZone);
    const next = nextReminderCheck(
      { deadline: '2026-03-30', status: 'not_started', lastActivityAt: now },
      policy,
      now,
    );
    expect(next).toEqual(zonedInstant('2026-03-16', '00:00', policy.timeZone));
  });

  it('never wakes for a closed item, nor for one past every threshold it can reach', () => {
    const policy = {
      ...DEFAULT_REMINDER_POLICY,
      overdueEveryDays: 0,
      escalateAfterDaysOverdue: 0,
      silenceDays: 0,
    };
    const now = zonedInstant('2026-03-10', '10:00', policy.timeZone);
    expect(
      nextReminderCheck({ deadline: '2026-01-01', status: 'done', lastActivityAt: now }, policy, now),
    ).toBeNull();
    expect(
      nextReminderCheck({ deadline: '2026-01-01', status: 'blocked', lastActivityAt: now }, policy, now),
    ).toBeNull();
  });
});
