import { deadlineStanding, DeadlineStandingInput } from './deadline-standing';

const item = (overrides: Partial<DeadlineStandingInput>): DeadlineStandingInput => ({
  status: 'in_progress',
  deadline: '2026-06-30',
  originalDeadline: '2026-06-30',
  completedOn: null,
  today: '2026-06-01',
  ...overrides,
});

describe(deadlineStanding.name, () => {
  it.each<[string, Partial<DeadlineStandingInput>, string]>([
    ['open before the deadline', {}, 'on_time'],
    ['open on the deadline', { today: '2026-06-30' }, 'on_time'],
    ['open the day after', { today: '2026-07-01' }, 'overdue'],
    ['open with an approved later deadline', { deadline: '2026-09-30', today: '2026-07-15' }, 'extended'],
    ['extended and missed again', { deadline: '2026-09-30', today: '2026-10-01' }, 'overdue'],
    [
      'done on time, looked at later',
      { status: 'done', completedOn: '2026-06-29', today: '2027-01-01' },
      'on_time',
    ],
    ['done late', { status: 'done', completedOn: '2026-07-02', today: '2026-07-03' }, 'overdue'],
    [
      'done within an extension',
      { status: 'done', deadline: '2026-08-31', completedOn: '2026-08-01' },
      'extended',
    ],
    ['cancelled after the deadline', { status: 'cancelled', today: '2026-12-01' }, 'on_time'],
  ])('%s is %s', (_name, overrides, expected) => {
    expect(deadlineStanding(item(overrides))).toBe(expected);
  });

  it('rejects impossible dates', () => {
    expect(() => deadlineStanding(item({ deadline: '2026-02-30' }))).toThrow(RangeError);
  });
});
