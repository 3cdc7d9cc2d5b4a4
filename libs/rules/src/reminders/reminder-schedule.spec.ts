import { DEFAULT_REMINDER_POLICY, parseReminderPolicy, type ReminderPolicy } from './reminder-policy';
import {
  alreadyDueAt,
  dueReminder,
  dueReminders,
  reminderRecipients,
  type DueReminder,
} from './reminder-schedule';

/** 10:00 in Asia/Shanghai on `date`, expressed in UTC as the worker's clock gives it. */
function shanghaiMorning(date: string): Date {
  return new Date(`${date}T02:00:00Z`);
}

function thresholds(reminders: DueReminder[]): string[] {
  return reminders.map((reminder) => reminder.threshold);
}

const policy = DEFAULT_REMINDER_POLICY;
const workingDayPolicy = parseReminderPolicy({ workingDays: true });

describe('dueReminders with the default policy (14, 7, 3, 1 days before; due day; every 3 days overdue; escalate at 7)', () => {
  const today = shanghaiMorning('2026-03-01');

  it.each([
    ['2026-03-20', 'due in 19 days', []],
    ['2026-03-16', 'due in 15 days', []],
    ['2026-03-15', 'due in 14 days', ['before:14']],
    ['2026-03-10', 'due in 9 days', ['before:14']],
    ['2026-03-08', 'due in 7 days', ['before:7']],
    ['2026-03-05', 'due in 4 days', ['before:7']],
    ['2026-03-04', 'due in 3 days', ['before:3']],
    ['2026-03-03', 'due in 2 days', ['before:3']],
    ['2026-03-02', 'due tomorrow', ['before:1']],
    ['2026-03-01', 'due today', ['due']],
    ['2026-02-28', '1 day overdue', ['due']],
    ['2026-02-27', '2 days overdue', ['due']],
    ['2026-02-26', '3 days overdue', ['overdue:3']],
    ['2026-02-24', '5 days overdue', ['overdue:3']],
    ['2026-02-23', '6 days overdue', ['overdue:6']],
    ['2026-02-22', '7 days overdue', ['overdue:6', 'escalate:7']],
    ['2026-02-20', '9 days overdue', ['overdue:9', 'escalate:7']],
    ['2026-01-01', '59 days overdue', ['overdue:57', 'escalate:7']],
  ])('deadline %s (%s) → %j', (deadline, _why, expected) => {
    expect(thresholds(dueReminders({ id: 'w1', deadline, status: 'in_progress' }, policy, today))).toEqual(
      expected,
    );
  });

  it('gives an item due tomorrow exactly one reminder, not one per threshold passed', () => {
    const reminders = dueReminders(
      { id: 'w1', deadline: '2026-03-02', status: 'not_started' },
      policy,
      today,
    );
    expect(reminders).toEqual([
      {
        kind: 'due_soon',
        audience: 'owner',
        threshold: 'before:1',
        dedupeKey: 'reminder:w1:due_soon:before:1:2026-03-02',
        sendAfter: today,
        daysToDeadline: 1,
      },
    ]);
  });

  it('names the kind after the threshold and sends escalations to their own audience', () => {
    const at = (deadline: string) =>
      dueReminders({ id: 'w1', deadline, status: 'blocked' }, policy, today).map((r) => [
        r.kind,
        r.audience,
        r.daysToDeadline,
      ]);
    expect(at('2026-03-04')).toEqual([['due_soon', 'owner', 3]]);
    expect(at('2026-03-01')).toEqual([['due_today', 'owner', 0]]);
    expect(at('2026-02-22')).toEqual([
      ['overdue', 'owner', -7],
      ['escalation', 'escalation', -7],
    ]);
  });

  it.each(['done', 'cancelled'])('sends nothing for a %s item', (status) => {
    expect(dueReminders({ id: 'w1', deadline: '2026-02-22', status }, policy, today)).toEqual([]);
    expect(dueReminder({ id: 'w1', deadline: '2026-03-02', status }, policy, today)).toBeNull();
  });

  it('gives a postponed item a new dedupe key, so it is reminded again for the new date', () => {
    const before = dueReminder({ id: 'w1', deadline: '2026-03-02', status: 'in_progress' }, policy, today);
    const after = dueReminder({ id: 'w1', deadline: '2026-03-04', status: 'in_progress' }, policy, today);
    expect(before?.dedupeKey).toBe('reminder:w1:due_soon:before:1:2026-03-02');
    expect(after?.dedupeKey).toBe('reminder:w1:due_soon:before:3:2026-03-04');
  });

  it('returns the owner reminder alone from dueReminder', () => {
    const item = { id: 'w1', deadline: '2026-02-22', status: 'in_progress' };
    expect(dueReminder(item, policy, today)?.threshold).toBe('overdue:6');
  });
});

describe('a scan running every hour over the life of an item', () => {
  function simulate(
    item: { id: string; deadline: string },
    scanPolicy: ReminderPolicy,
    from: Date,
    days: number,
  ) {
    const outbox = new Map<string, DueReminder>();
    for (let hour = 0; hour < days * 24; hour += 1) {
      const now = new Date(from.getTime() + hour * 3_600_000);
      for (const reminder of dueReminders({ ...item, status: 'in_progress' }, scanPolicy, now)) {
        if (!outbox.has(reminder.dedupeKey)) outbox.set(reminder.dedupeKey, reminder);
      }
    }
    return [...outbox.values()];
  }

  it('sends each threshold once, in order, and never inside quiet hours', () => {
    const sent = simulate({ id: 'w1', deadline: '2026-03-20' }, policy, new Date('2026-02-28T16:00:00Z'), 35);
    expect(thresholds(sent)).toEqual([
      'before:14',
      'before:7',
      'before:3',
      'before:1',
      'due',
      'overdue:3',
      'overdue:6',
      'escalate:7',
      'overdue:9',
      'overdue:12',
      'overdue:15',
    ]);
    // The thresholds pass at local midnight; quiet hours hold every send until 08:00 Shanghai.
    expect(sent.map((reminder) => reminder.sendAfter.toISOString().slice(11))).toEqual(
      sent.map(() => '00:00:00.000Z'),
    );
    expect(sent[0].sendAfter.toISOString()).toBe('2026-03-06T00:00:00.000Z');
  });

  it('sends a policy without repeats or escalation only the days before and the due day', () => {
    const quiet = parseReminderPolicy({ daysBefore: [2], overdueEveryDays: 0, escalateAfterDaysOverdue: 0 });
    const sent = simulate({ id: 'w1', deadline: '2026-03-05' }, quiet, new Date('2026-03-01T00:00:00Z'), 20);
    expect(thresholds(sent)).toEqual(['before:2', 'due']);
  });
});

describe('dueReminders reads the date in the policy time zone', () => {
  it('is already the due day at 01:00 Shanghai although UTC still shows the day before', () => {
    const now = new Date('2026-03-01T17:00:00Z');
    const reminder = dueReminder({ id: 'w1', deadline: '2026-03-02', status: 'in_progress' }, policy, now);
    expect(reminder?.threshold).toBe('due');
    expect(reminder?.sendAfter.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('is still the day before at 23:30 Shanghai, and defers the send to 08:00', () => {
    const now = new Date('2026-03-01T15:30:00Z');
    const reminder = dueReminder({ id: 'w1', deadline: '2026-03-02', status: 'in_progress' }, policy, now);
    expect(reminder?.threshold).toBe('before:1');
    expect(reminder?.sendAfter.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('follows another zone when the policy names one', () => {
    const newYork = parseReminderPolicy({ timeZone: 'America/New_York', quietHours: null });
    const now = new Date('2026-03-02T03:00:00Z'); // 22:00 on 03-01 in New York
    expect(
      dueReminder({ id: 'w1', deadline: '2026-03-02', status: 'in_progress' }, newYork, now)?.threshold,
    ).toBe('before:1');
  });
});

describe('dueReminders counting working days (Spring Festival 2026: off 02-15 … 02-23, make-up Sat 02-14 and 02-28)', () => {
  it.each([
    ['2026-02-25', '2026-02-12', 4, 'before:7'],
    ['2026-02-25', '2026-02-13', 3, 'before:3'],
    ['2026-02-25', '2026-02-14', 2, 'before:3'],
    ['2026-02-25', '2026-02-20', 2, 'before:3'],
    ['2026-02-25', '2026-02-24', 1, 'before:1'],
    ['2026-03-02', '2026-02-27', 2, 'before:3'],
    ['2026-03-02', '2026-02-28', 1, 'before:1'],
    ['2026-03-09', '2026-03-06', 1, 'before:1'],
    ['2026-02-12', '2026-02-23', -2, 'due'],
    ['2026-02-12', '2026-02-24', -3, 'overdue:3'],
  ])('deadline %s, today %s → %d working days, %s', (deadline, date, daysToDeadline, threshold) => {
    const reminder = dueReminder(
      { id: 'w1', deadline, status: 'in_progress' },
      workingDayPolicy,
      shanghaiMorning(date),
    );
    expect([reminder?.daysToDeadline, reminder?.threshold]).toEqual([daysToDeadline, threshold]);
  });

  it('reminds 3 working days before a deadline after the holiday on the Friday before it, not mid-holiday', () => {
    const item = { id: 'w1', deadline: '2026-02-25', status: 'in_progress' };
    expect(dueReminder(item, workingDayPolicy, shanghaiMorning('2026-02-13'))?.threshold).toBe('before:3');
    expect(dueReminder(item, policy, shanghaiMorning('2026-02-13'))?.threshold).toBe('before:14');
    expect(dueReminder(item, policy, shanghaiMorning('2026-02-22'))?.threshold).toBe('before:3');
  });

  it('does not escalate over the holiday what is only a few working days late', () => {
    const item = { id: 'w1', deadline: '2026-02-12', status: 'in_progress' };
    expect(thresholds(dueReminders(item, workingDayPolicy, shanghaiMorning('2026-02-24')))).toEqual([
      'overdue:3',
    ]);
    expect(thresholds(dueReminders(item, policy, shanghaiMorning('2026-02-24')))).toEqual([
      'overdue:12',
      'escalate:7',
    ]);
  });
});

describe('reminderRecipients', () => {
  const people = { ownerId: 'owner', coordinatorIds: ['c1', 'c2'], managerIds: ['m1', 'c2'] };

  it('sends to the owner, or to the coordinators when nobody owns the item', () => {
    expect(reminderRecipients('owner', people)).toEqual(['owner']);
    expect(reminderRecipients('owner', { ...people, ownerId: null })).toEqual(['c1', 'c2']);
  });

  it('escalates to coordinators and managers, each once', () => {
    expect(reminderRecipients('escalation', people)).toEqual(['c1', 'c2', 'm1']);
  });
});

describe(alreadyDueAt.name, () => {
  const item = { id: 'w1', deadline: '2026-03-10', status: 'in_progress' };
  const now = shanghaiMorning('2026-03-08');
  const [reminder] = dueReminders(item, policy, now);

  it('says a reminder was due before a robot existed when its threshold was passed then (the backlog)', () => {
    expect(reminder.threshold).toBe('before:3');
    expect(alreadyDueAt(item, policy, reminder.dedupeKey, shanghaiMorning('2026-03-07'), now)).toBe(true);
  });

  it('lets a robot added before the threshold was reached hear of it', () => {
    // On 6 March the item was at before:7; before:3 became due after the robot was added.
    expect(alreadyDueAt(item, policy, reminder.dedupeKey, shanghaiMorning('2026-03-06'), now)).toBe(false);
  });

  it('treats a robot added after the scan time as having missed nothing', () => {
    expect(alreadyDueAt(item, policy, reminder.dedupeKey, shanghaiMorning('2026-03-09'), now)).toBe(false);
  });
});
