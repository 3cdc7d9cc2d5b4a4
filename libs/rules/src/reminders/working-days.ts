/**
 * Working days in mainland China: Monday to Friday, minus the official public holidays, plus the
 * weekend days declared make-up workdays (调休上班), from the State Council's yearly notice as
 * published in `chinese-days`. Years beyond the package's data count Monday to Friday only.
 */
// The package's date helpers read local-time fields of dates they parse as UTC, which moves every
// ordinary weekend by a day when the process runs west of UTC; its published table is exact, so
// the arithmetic below uses the table and day numbers only.
import officialCalendar from 'chinese-days/dist/chinese-days.json';
import {
  addCalendarDays,
  calendarDaysBetween,
  fromDayNumber,
  isoWeekdayOfDayNumber,
  toDayNumber,
} from './calendar-date';

const { holidays, workdays }: { holidays: Record<string, string>; workdays: Record<string, string> } =
  officialCalendar;

const makeUpWorkdays = Object.keys(workdays).map(toDayNumber).sort(ascending);
const makeUpWorkdaySet = new Set(makeUpWorkdays);
/** Only holidays on Monday–Friday take a working day away; weekend holidays are days off anyway. */
const weekdayHolidays = Object.keys(holidays)
  .map(toDayNumber)
  .filter((day) => isoWeekdayOfDayNumber(day) <= 5)
  .sort(ascending);
const weekdayHolidaySet = new Set(weekdayHolidays);

function ascending(a: number, b: number): number {
  return a - b;
}

function isWorkingDayNumber(day: number): boolean {
  return makeUpWorkdaySet.has(day) || (isoWeekdayOfDayNumber(day) <= 5 && !weekdayHolidaySet.has(day));
}

/** Monday–Friday days up to and including `day`, counted from 1970-01-05 (a Monday). */
function weekdaysThrough(day: number): number {
  const sinceMonday = day - 4;
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7 + 1, 5);
}

/** How many of the sorted `days` lie in [first, last]. */
function countWithin(days: number[], first: number, last: number): number {
  return firstIndexAbove(days, last) - firstIndexAbove(days, first - 1);
}

function firstIndexAbove(days: number[], bound: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (days[middle] <= bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

function workingDaysWithin(first: number, last: number): number {
  if (last < first) return 0;
  return (
    weekdaysThrough(last) -
    weekdaysThrough(first - 1) +
    countWithin(makeUpWorkdays, first, last) -
    countWithin(weekdayHolidays, first, last)
  );
}

export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

/**
 * The `n`th working day after `date` (before it when `n` is negative); `date` itself when `n` is 0.
 * `workingDaysBetween(date, addWorkingDays(date, n))` is always `n`.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of working days, got ${n}`);
  const step = Math.sign(n);
  let day = toDayNumber(date);
  for (let remaining = Math.abs(n); remaining > 0;) {
    day += step;
    if (isWorkingDayNumber(day)) remaining -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days stepped onto walking from `from` to `to`: those after `from` up to and including
 * `to`, or, walking back, those from `to` up to but excluding `from`, negated. So Friday → Monday
 * is 1, and a deadline on Monday is 1 working day away all weekend.
 */
export function workingDaysBetween(from: string, to: string): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  return end >= start ? workingDaysWithin(start + 1, end) : -workingDaysWithin(end, start - 1);
}

/** How a reminder policy counts days: the same two operations in calendar or working days. */
export interface DayCounting {
  add(date: string, days: number): string;
  between(from: string, to: string): number;
}

export const CALENDAR_DAYS: DayCounting = { add: addCalendarDays, between: calendarDaysBetween };
export const WORKING_DAYS: DayCounting = { add: addWorkingDays, between: workingDaysBetween };

export function dayCounting(workingDays: boolean): DayCounting {
  return workingDays ? WORKING_DAYS : CALENDAR_DAYS;
}
