import { InvalidSettingsError } from './invalid-settings.error';
import { DEFAULT_REMINDER_POLICY, parseReminderPolicy } from './reminder-policy';

describe('parseReminderPolicy', () => {
  it('gives the default policy for a plan without overrides', () => {
    expect(parseReminderPolicy(null)).toEqual({
      daysBefore: [14, 7, 3, 1],
      onDueDate: true,
      overdueEveryDays: 3,
      escalateAfterDaysOverdue: 7,
      workingDays: false,
      quietHours: { start: '22:00', end: '08:00' },
      timeZone: 'Asia/Shanghai',
      silenceDays: 14,
    });
    expect(parseReminderPolicy({})).toEqual(DEFAULT_REMINDER_POLICY);
  });

  it('keeps the defaults for what the overrides leave out', () => {
    const policy = parseReminderPolicy({ workingDays: true, daysBefore: [1, 10, 5], quietHours: null });
    expect(policy).toEqual({
      ...DEFAULT_REMINDER_POLICY,
      workingDays: true,
      daysBefore: [10, 5, 1],
      quietHours: null,
    });
  });

  it('hands out copies, so nobody can change the default through a parsed policy', () => {
    const policy = parseReminderPolicy({});
    policy.daysBefore.push(30);
    policy.quietHours!.start = '20:00';
    expect(DEFAULT_REMINDER_POLICY.daysBefore).toEqual([14, 7, 3, 1]);
    expect(DEFAULT_REMINDER_POLICY.quietHours).toEqual({ start: '22:00', end: '08:00' });
  });

  it.each([
    [{ daysBefore: [3, 0] }, 'daysBefore[1]: must be at least 1'],
    [{ daysBefore: [3, 3] }, 'daysBefore: must not list a day twice'],
    [{ daysBefore: 3 }, 'daysBefore: must be a list of days'],
    [{ overdueEveryDays: 1.5 }, 'overdueEveryDays: must be a whole number of days'],
    [{ escalateAfterDaysOverdue: -1 }, 'escalateAfterDaysOverdue: must be at least 0'],
    [{ silenceDays: 400 }, 'silenceDays: must be at most 366 days'],
    [{ onDueDate: 'yes' }, 'onDueDate: must be true or false'],
    [{ quietHours: { start: '24:00', end: '08:00' } }, 'quietHours.start: must be a time of day as "HH:mm"'],
    [{ quietHours: { start: '8:00', end: '08:00' } }, 'quietHours.start: must be a time of day'],
    [{ quietHours: { start: '08:00', end: '08:00' } }, 'quietHours: start and end must differ'],
    [{ quietHours: '22-08' }, 'quietHours: must be { "start": "HH:mm", "end": "HH:mm" } or null'],
    [{ timeZone: 'China/Beijing' }, 'timeZone: must be an IANA time zone name such as "Asia/Shanghai"'],
    [{ escalateAfterDays: 7 }, 'Unrecognized key: "escalateAfterDays"'],
    ['weekly', 'expected object'],
  ])('refuses %j: %s', (overrides, message) => {
    expect(() => parseReminderPolicy(overrides)).toThrow(InvalidSettingsError);
    expect(() => parseReminderPolicy(overrides)).toThrow(message);
  });

  it('lists every problem at once', () => {
    try {
      parseReminderPolicy({ overdueEveryDays: -3, timeZone: 'Nowhere' });
      throw new Error('expected the policy to be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSettingsError);
      expect((error as InvalidSettingsError).issues).toHaveLength(2);
      expect((error as Error).message).toMatch(
        /^Invalid reminder policy: overdueEveryDays: .+; timeZone: .+$/,
      );
    }
  });
});
