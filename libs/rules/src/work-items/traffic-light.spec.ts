import {
  daysBetween,
  daysOverdue,
  expectedProgress,
  trafficLight,
  type TrafficLight,
  type TrafficLightInput,
} from './traffic-light';

// A 100-day window keeps the expected progress equal to the number of elapsed days.
const start = '2026-01-01';
const deadline = '2026-04-11';

function item(overrides: Partial<TrafficLightInput>): TrafficLightInput {
  return {
    status: 'in_progress',
    progress: 0,
    startDate: start,
    deadline,
    today: '2026-01-01',
    ...overrides,
  };
}

describe('daysBetween / daysOverdue', () => {
  it('counts calendar days across month ends and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(daysBetween(start, deadline)).toBe(100);
  });

  it('is zero on the deadline and counts from the day after', () => {
    expect(daysOverdue('2026-11-25', '2026-11-24')).toBe(0);
    expect(daysOverdue('2026-11-25', '2026-11-25')).toBe(0);
    expect(daysOverdue('2026-11-25', '2026-11-26')).toBe(1);
    expect(daysOverdue('2026-11-25', '2027-11-25')).toBe(365);
  });

  it('agrees with Date.UTC on every day from 1899 to 2101', () => {
    const mismatches: string[] = [];
    for (let time = Date.UTC(1899, 0, 1); time <= Date.UTC(2101, 11, 31); time += 86_400_000) {
      const date = new Date(time).toISOString().slice(0, 10);
      if (daysBetween('1970-01-01', date) !== time / 86_400_000) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    '2100-02-29',
    '2026-0a-01',
    '2026/01/01',
    '+2026-01-1',
    '26-01-01',
    '2026-1-1',
    '',
  ])('rejects %p', (bad) => {
    expect(() => daysOverdue(bad, '2026-01-01')).toThrow(RangeError);
  });
});

describe('expectedProgress (序时进度)', () => {
  it.each([
    ['2025-12-01', 0],
    ['2026-01-01', 0],
    ['2026-01-26', 25],
    ['2026-02-20', 50],
    ['2026-04-11', 100],
    ['2026-06-01', 100],
  ])('on %s is %p', (today, expected) => {
    expect(expectedProgress(start, deadline, today)).toBeCloseTo(expected, 10);
  });

  it('treats a deadline on or before the start as fully due once reached', () => {
    expect(expectedProgress('2026-05-01', '2026-05-01', '2026-04-30')).toBe(0);
    expect(expectedProgress('2026-05-01', '2026-05-01', '2026-05-01')).toBe(100);
    expect(expectedProgress('2026-05-01', '2026-04-01', '2026-04-15')).toBe(100);
  });
});

describe('trafficLight', () => {
  const cases: Array<[string, Partial<TrafficLightInput>, TrafficLight]> = [
    ['cancelled is grey even when overdue', { status: 'cancelled', today: '2026-05-01' }, 'grey'],
    ['done is green even when overdue', { status: 'done', progress: 100, today: '2026-05-01' }, 'green'],
    ['blocked is red even early on', { status: 'blocked', progress: 50, today: '2026-01-02' }, 'red'],
    ['the day after the deadline is red', { progress: 99, today: '2026-04-12' }, 'red'],
    ['on the deadline nearly done is not red', { progress: 80, today: '2026-04-11' }, 'yellow'],
    ['not started on day one is green', { status: 'not_started', today: '2026-01-01' }, 'green'],
    ['exactly the margin behind is green', { progress: 25, today: '2026-02-10' /* expected 40 */ }, 'green'],
    ['more than the margin behind is yellow', { progress: 24, today: '2026-02-10' }, 'yellow'],
    ['ahead of schedule is green', { progress: 60, today: '2026-02-10' }, 'green'],
    ['31 days left and on track is green', { progress: 69, today: '2026-03-11' /* expected 69 */ }, 'green'],
    ['30 days left below nearly done is yellow', { progress: 79, today: '2026-03-12' }, 'yellow'],
    ['30 days left and nearly done is green', { progress: 80, today: '2026-03-12' }, 'green'],
    ['due today and done in all but name is green', { progress: 100, today: '2026-04-11' }, 'green'],
  ];

  it.each(cases)('%s', (_name, overrides, expected) => {
    expect(trafficLight(item(overrides))).toBe(expected);
  });

  it('honours a custom margin, due-soon window and nearly-done threshold', () => {
    const behind = item({ progress: 30, today: '2026-02-10' /* 10 points behind */ });
    expect(trafficLight(behind)).toBe('green');
    expect(trafficLight(behind, { behindMargin: 5 })).toBe('yellow');

    const dueIn40 = item({ progress: 70, today: '2026-03-02' /* expected 60 */ });
    expect(trafficLight(dueIn40)).toBe('green');
    expect(trafficLight(dueIn40, { dueSoonDays: 45 })).toBe('yellow');
    expect(trafficLight(dueIn40, { dueSoonDays: 45, nearlyDone: 70 })).toBe('green');
  });
});
