import { DEFAULT_REMINDER_POLICY, parseReminderPolicy } from './reminder-policy';
import { silenceReminder } from './silence';

const now = new Date('2026-03-05T02:00:00Z'); // 10:00 on 03-05 in Shanghai
const policy = DEFAULT_REMINDER_POLICY;

function lastActiveOn(date: string): Date {
  return new Date(`${date}T01:00:00Z`);
}

describe('silenceReminder', () => {
  it.each([
    ['2026-02-20', 13, null],
    ['2026-02-19', 14, 'silent:14'],
    ['2026-02-13', 20, 'silent:14'],
    ['2026-02-05', 28, 'silent:28'],
  ])('an item in progress last updated %s (%d days) → %s', (date, days, threshold) => {
    const reminder = silenceReminder(
      { id: 'w1', status: 'in_progress', lastActivityAt: lastActiveOn(date) },
      policy,
      now,
    );
    expect(reminder && [reminder.threshold, reminder.daysSilent]).toEqual(threshold && [threshold, days]);
  });

  it.each(['not_started', 'blocked', 'done', 'cancelled'])('leaves a %s item alone', (status) => {
    expect(
      silenceReminder({ id: 'w1', status, lastActivityAt: lastActiveOn('2026-01-01') }, policy, now),
    ).toBeNull();
  });

  it('is off when the policy sets silenceDays to 0', () => {
    const off = parseReminderPolicy({ silenceDays: 0 });
    const item = { id: 'w1', status: 'in_progress', lastActivityAt: lastActiveOn('2026-01-01') };
    expect(silenceReminder(item, off, now)).toBeNull();
  });

  it('starts a new count, with a new dedupe key, after any update', () => {
    const first = silenceReminder(
      { id: 'w1', status: 'in_progress', lastActivityAt: lastActiveOn('2026-02-19') },
      policy,
      now,
    );
    const later = silenceReminder(
      { id: 'w1', status: 'in_progress', lastActivityAt: lastActiveOn('2026-03-05') },
      policy,
      new Date('2026-03-19T02:00:00Z'),
    );
    expect(first).toEqual({
      kind: 'silent',
      audience: 'owner',
      threshold: 'silent:14',
      dedupeKey: 'silent:w1:silent:14:2026-02-19',
      sendAfter: now,
      daysSilent: 14,
    });
    expect(later?.dedupeKey).toBe('silent:w1:silent:14:2026-03-05');
  });

  it('reads the last activity on the Shanghai calendar', () => {
    // 17:00 UTC on 02-18 is already 01:00 on 02-19 in Shanghai: 14 days, not 15.
    const item = { id: 'w1', status: 'in_progress', lastActivityAt: new Date('2026-02-18T17:00:00Z') };
    expect(silenceReminder(item, policy, now)?.dedupeKey).toBe('silent:w1:silent:14:2026-02-19');
  });

  it('counts working days when the policy does, so the Spring Festival is not silence', () => {
    const item = { id: 'w1', status: 'in_progress', lastActivityAt: lastActiveOn('2026-02-13') };
    const tenDays = { silenceDays: 10 };
    // 02-14 (make-up Saturday), 02-24 … 02-28, 03-02 … 03-05: 10 working days; 20 calendar days.
    expect(
      silenceReminder(item, parseReminderPolicy({ ...tenDays, workingDays: true }), now)?.threshold,
    ).toBe('silent:10');
    expect(silenceReminder(item, parseReminderPolicy(tenDays), now)?.threshold).toBe('silent:20');
  });

  it('defers a send that falls in quiet hours', () => {
    const lateEvening = new Date('2026-03-05T15:00:00Z'); // 23:00 in Shanghai
    const item = { id: 'w1', status: 'in_progress', lastActivityAt: lastActiveOn('2026-02-19') };
    expect(silenceReminder(item, policy, lateEvening)?.sendAfter.toISOString()).toBe(
      '2026-03-06T00:00:00.000Z',
    );
  });
});
