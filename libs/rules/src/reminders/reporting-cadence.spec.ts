import { InvalidSettingsError } from './invalid-settings.error';
import { DEFAULT_REMINDER_POLICY, parseReminderPolicy } from './reminder-policy';
import { cadenceReminders, parseReportingCadence, reportingPeriod } from './reporting-cadence';

const weekly = parseReportingCadence({ kind: 'weekly', weekday: 5, time: '12:00' });
const monthly = parseReportingCadence({ kind: 'monthly', day: 25, time: '12:00', graceDays: 3 });

/** A Shanghai wall-clock time as the instant the worker sees. */
function shanghai(dateTime: string): Date {
  return new Date(`${dateTime}:00+08:00`);
}

describe('parseReportingCadence', () => {
  it('fills in the default grace period', () => {
    expect(weekly).toEqual({ kind: 'weekly', weekday: 5, time: '12:00', graceDays: 2 });
    expect(monthly).toEqual({ kind: 'monthly', day: 25, time: '12:00', graceDays: 3 });
  });

  it.each([
    [{ kind: 'daily', time: '12:00' }, 'kind must be "weekly", "monthly" or "periodic"'],
    [
      { kind: 'periodic', months: 4, day: 31, time: '12:00' },
      'months: must be 3 (quarterly), 6 (half-yearly) or 12',
    ],
    [{ kind: 'weekly', weekday: 0, time: '12:00' }, 'weekday: must be 1 (Monday) to 7 (Sunday)'],
    [{ kind: 'monthly', day: 32, time: '12:00' }, 'day: must be a day of the month, 1–31'],
    [{ kind: 'monthly', day: 25, time: 'noon' }, 'time: must be a time of day as "HH:mm"'],
    [{ kind: 'weekly', weekday: 5, time: '12:00', graceDays: -1 }, 'graceDays: must be 0 or more'],
    [{ kind: 'weekly', day: 5, time: '12:00' }, 'Unrecognized key: "day"'],
  ])('refuses %j: %s', (input, message) => {
    expect(() => parseReportingCadence(input)).toThrow(InvalidSettingsError);
    expect(() => parseReportingCadence(input)).toThrow(message);
  });
});

describe('reportingPeriod', () => {
  it.each([
    ['2026-11-27', '2026-W48', '2026-11-23', '2026-11-27'],
    ['2026-11-23', '2026-W48', '2026-11-23', '2026-11-27'],
    ['2026-11-29', '2026-W48', '2026-11-23', '2026-11-27'],
    ['2026-01-01', '2026-W01', '2025-12-29', '2026-01-02'],
    ['2027-01-01', '2026-W53', '2026-12-28', '2027-01-01'],
    ['2027-01-04', '2027-W01', '2027-01-04', '2027-01-08'],
  ])('weekly by Friday: %s is in %s (from %s, due %s)', (date, key, start, dueDate) => {
    expect(reportingPeriod(weekly, date)).toEqual({ key, start, dueDate });
  });

  it.each([
    [25, '2026-11-03', { key: '2026-11', start: '2026-11-01', dueDate: '2026-11-25' }],
    [31, '2026-11-03', { key: '2026-11', start: '2026-11-01', dueDate: '2026-11-30' }],
    [31, '2026-02-10', { key: '2026-02', start: '2026-02-01', dueDate: '2026-02-28' }],
    [29, '2028-02-10', { key: '2028-02', start: '2028-02-01', dueDate: '2028-02-29' }],
  ])('monthly by day %d: %s → %j', (day, date, period) => {
    expect(reportingPeriod({ kind: 'monthly', day, time: '12:00', graceDays: 0 }, date)).toEqual(period);
  });

  it.each([
    [3, 31, '2026-11-03', { key: '2026-Q4', start: '2026-10-01', dueDate: '2026-12-31' }],
    [3, 31, '2026-04-01', { key: '2026-Q2', start: '2026-04-01', dueDate: '2026-06-30' }],
    [3, 25, '2026-03-31', { key: '2026-Q1', start: '2026-01-01', dueDate: '2026-03-25' }],
    [6, 31, '2026-07-15', { key: '2026-H2', start: '2026-07-01', dueDate: '2026-12-31' }],
    [6, 31, '2026-02-15', { key: '2026-H1', start: '2026-01-01', dueDate: '2026-06-30' }],
    [12, 20, '2026-02-15', { key: '2026', start: '2026-01-01', dueDate: '2026-12-20' }],
  ] as const)('every %d months by day %d: %s → %j', (months, day, date, period) => {
    const cadence = parseReportingCadence({ kind: 'periodic', months, day, time: '12:00' });
    expect(reportingPeriod(cadence, date)).toEqual(period);
  });
});

describe('cadenceReminders (weekly by Friday 12:00, coordinators after 2 days)', () => {
  const subject = { planId: 'p1', organizationId: 'gx', lastUpdateAt: shanghai('2026-11-20T10:00') };
  const audiences = (
    now: Date,
    policy = DEFAULT_REMINDER_POLICY,
    lastUpdateAt: Date | null = subject.lastUpdateAt,
  ) =>
    cadenceReminders({ ...subject, lastUpdateAt }, weekly, policy, now).map(
      (r) => `${r.periodKey} ${r.audience}`,
    );

  it('asks nothing before the due time of a week whose predecessor was reported', () => {
    expect(audiences(shanghai('2026-11-27T11:59'))).toEqual([]);
  });

  it('reminds the organization once the due time passes without an update this week', () => {
    const [reminder, ...others] = cadenceReminders(
      subject,
      weekly,
      DEFAULT_REMINDER_POLICY,
      shanghai('2026-11-27T12:00'),
    );
    expect(others).toEqual([]);
    expect(reminder).toEqual({
      kind: 'cadence',
      audience: 'organization',
      threshold: 'due',
      periodKey: '2026-W48',
      dueAt: shanghai('2026-11-27T12:00'),
      dedupeKey: 'cadence:p1:gx:2026-W48:due',
      sendAfter: shanghai('2026-11-27T12:00'),
    });
  });

  it('adds the coordinators after the grace period, and keeps asking about that week until the next is due', () => {
    expect(audiences(shanghai('2026-11-29T11:59'))).toEqual(['2026-W48 organization']);
    expect(audiences(shanghai('2026-11-29T12:00'))).toEqual([
      '2026-W48 organization',
      '2026-W48 coordinators',
    ]);
    expect(audiences(shanghai('2026-12-02T09:00'))).toEqual([
      '2026-W48 organization',
      '2026-W48 coordinators',
    ]);
    expect(
      cadenceReminders(subject, weekly, DEFAULT_REMINDER_POLICY, shanghai('2026-11-29T12:00')).map(
        (r) => r.dedupeKey,
      ),
    ).toEqual(['cadence:p1:gx:2026-W48:due', 'cadence:p1:gx:2026-W48:grace:2']);
  });

  it('is satisfied by any update since the week began, even a late one', () => {
    expect(
      audiences(shanghai('2026-11-27T12:30'), DEFAULT_REMINDER_POLICY, shanghai('2026-11-23T00:00')),
    ).toEqual([]);
    expect(
      audiences(shanghai('2026-11-29T12:30'), DEFAULT_REMINDER_POLICY, shanghai('2026-11-28T09:00')),
    ).toEqual([]);
    expect(
      audiences(shanghai('2026-11-27T12:30'), DEFAULT_REMINDER_POLICY, shanghai('2026-11-22T23:59')),
    ).toEqual(['2026-W48 organization']);
  });

  it('reminds an organization that never posted', () => {
    expect(audiences(shanghai('2026-11-27T12:30'), DEFAULT_REMINDER_POLICY, null)).toEqual([
      '2026-W48 organization',
    ]);
  });

  it('counts the grace period in working days when the policy does', () => {
    const workingDays = parseReminderPolicy({ workingDays: true });
    // Friday 12:00 + 2 working days = Tuesday 12:00.
    expect(audiences(shanghai('2026-11-30T13:00'), workingDays)).toEqual(['2026-W48 organization']);
    expect(audiences(shanghai('2026-12-01T12:00'), workingDays)).toEqual([
      '2026-W48 organization',
      '2026-W48 coordinators',
    ]);
  });
});

describe('cadenceReminders (monthly by the 25th 12:00, coordinators after 3 days)', () => {
  const subject = { planId: 'p1', organizationId: 'gd', lastUpdateAt: shanghai('2026-10-20T10:00') };

  it.each([
    ['2026-11-25T11:00', []],
    ['2026-11-25T12:00', ['cadence:p1:gd:2026-11:due']],
    ['2026-11-28T12:00', ['cadence:p1:gd:2026-11:due', 'cadence:p1:gd:2026-11:grace:3']],
    ['2026-12-05T09:00', ['cadence:p1:gd:2026-11:due', 'cadence:p1:gd:2026-11:grace:3']],
  ])('at %s Shanghai → %j', (at, keys) => {
    expect(
      cadenceReminders(subject, monthly, DEFAULT_REMINDER_POLICY, shanghai(at)).map((r) => r.dedupeKey),
    ).toEqual(keys);
  });

  it('reads the month in the policy time zone: 16:30 UTC on 11-30 is already December in Shanghai', () => {
    const late = { ...subject, lastUpdateAt: new Date('2026-11-30T16:30:00Z') };
    expect(cadenceReminders(late, monthly, DEFAULT_REMINDER_POLICY, shanghai('2026-12-25T12:00'))).toEqual(
      [],
    );
    const earlier = { ...subject, lastUpdateAt: new Date('2026-11-30T15:30:00Z') };
    expect(
      cadenceReminders(earlier, monthly, DEFAULT_REMINDER_POLICY, shanghai('2026-12-25T12:00')).map(
        (r) => r.periodKey,
      ),
    ).toEqual(['2026-12']);
  });
});
