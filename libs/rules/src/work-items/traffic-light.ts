/**
 * The traffic light of a work item, shared by the API, the reports and the web app.
 * Pure and free of Node APIs so the web app can bundle this file as it is.
 */

export type TrafficLight = 'green' | 'yellow' | 'red' | 'grey';

export type TrafficLightStatus = 'not_started' | 'in_progress' | 'blocked' | 'done' | 'cancelled';

export interface TrafficLightInput {
  status: TrafficLightStatus;
  /** 0–100 */
  progress: number;
  /** YYYY-MM-DD: the plan period start, or the item's creation date when later. */
  startDate: string;
  /** YYYY-MM-DD */
  deadline: string;
  /** YYYY-MM-DD in the plan's time zone. */
  today: string;
}

export interface TrafficLightOptions {
  /** Percentage points an item may trail the expected progress (序时进度) before it turns yellow. */
  behindMargin?: number;
  /** An item due within this many days that is not nearly done turns yellow. */
  dueSoonDays?: number;
  /** Progress from which an item due soon counts as nearly done. */
  nearlyDone?: number;
}

export const TRAFFIC_LIGHT_DEFAULTS: Readonly<Required<TrafficLightOptions>> = {
  behindMargin: 15,
  dueSoonDays: 30,
  nearlyDone: 80,
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The number written by `length` ASCII digits from `start`; NaN when one is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Days since 1970-01-01 of a calendar date in the proleptic Gregorian calendar. Read digit by
 * digit and counted by arithmetic, without regular expressions or Date objects: a joint report
 * lights 50,000 items with several dates each.
 */
function dayNumber(date: string): number {
  if (date.length === 10 && date[4] === '-' && date[7] === '-') {
    const year = digitsAt(date, 0, 4);
    const month = digitsAt(date, 5, 2);
    const day = digitsAt(date, 8, 2);
    const monthLength = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
    // NaN fails every comparison, so a non-digit ends up here rejected too.
    if (month >= 1 && month <= 12 && day >= 1 && day <= monthLength) return daysFromCivil(year, month, day);
  }
  throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got "${date}"`);
}

/**
 * Howard Hinnant's days_from_civil: counts 400-year eras of 146,097 days, with years starting in
 * March so the leap day falls at the end of a year.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days past the deadline; 0 on the deadline itself and before it. */
export function daysOverdue(deadline: string, today: string): number {
  return Math.max(0, daysBetween(deadline, today));
}

/**
 * 序时进度: the share of the time from start to deadline that has elapsed, in percent (0–100),
 * linear in calendar days. Reaches 100 on the deadline.
 */
export function expectedProgress(startDate: string, deadline: string, today: string): number {
  const total = daysBetween(startDate, deadline);
  const elapsed = daysBetween(startDate, today);
  if (total <= 0) return elapsed >= total ? 100 : 0;
  return Math.min(100, Math.max(0, (elapsed / total) * 100));
}

/**
 * grey: cancelled. green: done, or on track. red: overdue or blocked.
 * yellow: trailing the expected progress by more than `behindMargin` points, or due within
 * `dueSoonDays` days with progress below `nearlyDone`.
 */
export function trafficLight(input: TrafficLightInput, options: TrafficLightOptions = {}): TrafficLight {
  // Read one by one rather than spread into a new object: reports call this for every item.
  const behindMargin = options.behindMargin ?? TRAFFIC_LIGHT_DEFAULTS.behindMargin;
  const dueSoonDays = options.dueSoonDays ?? TRAFFIC_LIGHT_DEFAULTS.dueSoonDays;
  const nearlyDone = options.nearlyDone ?? TRAFFIC_LIGHT_DEFAULTS.nearlyDone;
  if (input.status === 'cancelled') return 'grey';
  if (input.status === 'done') return 'green';
  if (input.status === 'blocked' || daysOverdue(input.deadline, input.today) > 0) return 'red';

  const behindBy = expectedProgress(input.startDate, input.deadline, input.today) - input.progress;
  const daysLeft = daysBetween(input.today, input.deadline);
  if (behindBy > behindMargin || (daysLeft <= dueSoonDays && input.progress < nearlyDone)) return 'yellow';
  return 'green';
}
