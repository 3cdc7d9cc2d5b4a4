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

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date; UTC arithmetic keeps daylight-saving shifts out of it. */
function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const time = Date.UTC(year, month - 1, day);
    const parsed = new Date(time);
    // Date.UTC rolls 2026-02-30 over to March; a round trip catches it.
    if (
      parsed.getUTCFullYear() === year &&
      parsed.getUTCMonth() === month - 1 &&
      parsed.getUTCDate() === day
    ) {
      return time / MS_PER_DAY;
    }
  }
  throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got "${date}"`);
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
  const { behindMargin, dueSoonDays, nearlyDone } = { ...TRAFFIC_LIGHT_DEFAULTS, ...options };
  if (input.status === 'cancelled') return 'grey';
  if (input.status === 'done') return 'green';
  if (input.status === 'blocked' || daysOverdue(input.deadline, input.today) > 0) return 'red';

  const behindBy = expectedProgress(input.startDate, input.deadline, input.today) - input.progress;
  const daysLeft = daysBetween(input.today, input.deadline);
  if (behindBy > behindMargin || (daysLeft <= dueSoonDays && input.progress < nearlyDone)) return 'yellow';
  return 'green';
}
