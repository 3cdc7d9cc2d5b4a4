import * as fc from 'fast-check';
import { getDayDetail } from 'chinese-days';
import officialCalendar from 'chinese-days/dist/chinese-days.json';
import { addCalendarDays, calendarDaysBetween } from './calendar-date';
import {
  addWorkingDays,
  CALENDAR_DAYS,
  dayCounting,
  isWorkingDay,
  WORKING_DAYS,
  workingDaysBetween,
} from './working-days';

// 2026 per the State Council notice (chinese-days' data): Spring Festival off Sun 02-15 … Mon 02-23,
// make-up workdays Sat 02-14 and Sat 02-28; New Year off 01-01 … 01-03, make-up Sun 01-04.
describe('isWorkingDay', () => {
  it.each([
    ['2026-02-13', 'Friday before the Spring Festival', true],
    ['2026-02-14', 'Saturday make-up workday (调休)', true],
    ['2026-02-15', 'Sunday, first day of the Spring Festival holiday', false],
    ['2026-02-16', 'Monday in the Spring Festival holiday', false],
    ['2026-02-20', 'Friday in the Spring Festival holiday', false],
    ['2026-02-23', 'Monday, last day of the Spring Festival holiday', false],
    ['2026-02-24', 'Tuesday after the holiday', true],
    ['2026-02-28', 'Saturday make-up workday (调休)', true],
    ['2026-03-07', 'ordinary Saturday', false],
    ['2026-03-08', 'ordinary Sunday', false],
    ['2026-03-09', 'ordinary Monday', true],
    ['2026-01-01', 'New Year holiday on a Thursday', false],
    ['2026-01-04', 'Sunday make-up workday after New Year', true],
    ['2026-10-08', 'Thursday after National Day', true],
    ['2026-10-10', 'Saturday make-up workday after National Day', true],
  ])('%s (%s) → %s', (date, _why, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('agrees with chinese-days on every official holiday and make-up workday', () => {
    const listed = [...Object.keys(officialCalendar.holidays), ...Object.keys(officialCalendar.workdays)];
    expect(listed.length).toBeGreaterThan(500);
    for (const date of listed) {
      expect([date, isWorkingDay(date)]).toEqual([date, getDayDetail(date).work]);
    }
  });

  it('counts Monday to Friday in years the official calendar does not cover yet', () => {
    expect(['2030-01-04', '2030-01-05', '2030-01-06', '2030-01-07'].map(isWorkingDay)).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('rejects a date that does not exist', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow('YYYY-MM-DD');
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-02-25', -1, '2026-02-24'],
    ['2026-02-25', -2, '2026-02-14'],
    ['2026-02-25', -3, '2026-02-13'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'],
    ['2026-03-06', 1, '2026-03-09'],
    ['2026-03-07', 0, '2026-03-07'],
    ['2026-02-12', 5, '2026-02-26'],
  ])('%s %+d working days → %s', (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-02-13', '2026-02-24', 2, 'across the Spring Festival: only Sat 02-14 and Tue 02-24 count'],
    ['2026-02-24', '2026-02-13', -2, 'backwards: Fri 02-13 and Sat 02-14'],
    ['2026-03-06', '2026-03-09', 1, 'Friday → Monday'],
    ['2026-03-07', '2026-03-08', 0, 'within a weekend'],
    ['2026-02-27', '2026-03-02', 2, 'Friday → Monday over a make-up Saturday'],
    ['2026-05-05', '2026-05-05', 0, 'same day'],
  ])('%s → %s = %d (%s)', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it('counts 2026 like a day-by-day walk does, wherever the range starts and ends', () => {
    const walk = (from: string, to: string): number => {
      let count = 0;
      for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) {
        if (isWorkingDay(date)) count += 1;
      }
      return count;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 400 }), (offset, length) => {
        const from = addCalendarDays('2025-06-01', offset);
        const to = addCalendarDays(from, length);
        expect(workingDaysBetween(from, to)).toBe(walk(from, to));
      }),
    );
  });

  it('undoes addWorkingDays in both directions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: -60, max: 60 }), (offset, days) => {
        const date = addCalendarDays('2025-01-01', offset);
        expect(workingDaysBetween(date, addWorkingDays(date, days))).toBe(days);
      }),
    );
  });
});

describe('dayCounting', () => {
  it('lets a policy choose calendar or working days', () => {
    expect(dayCounting(false)).toBe(CALENDAR_DAYS);
    expect(dayCounting(true)).toBe(WORKING_DAYS);
    expect(CALENDAR_DAYS.between('2026-02-13', '2026-02-24')).toBe(11);
    expect(CALENDAR_DAYS.add('2026-02-25', -3)).toBe('2026-02-22');
    expect(calendarDaysBetween('2026-03-01', '2026-02-27')).toBe(-2);
  });
});
