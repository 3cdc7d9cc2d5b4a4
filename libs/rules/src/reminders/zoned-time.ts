/**
 * Wall-clock time in an IANA time zone via `Intl`, so rules work for any zone without a
 * time-zone library and whatever the process's own TZ is.
 */
import { toDayNumber } from './calendar-date';

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
}

const MS_PER_MINUTE = 60_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

/** `HH:mm` → minutes since midnight. */
export function minutesOfDay(time: string): number {
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw new RangeError(`Expected a time of day as HH:mm, got "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

// A reminder scan asks about the same few instants for every item it reads; formatting is the
// expensive part, so recent answers are kept.
const recentWallClocks = new Map<string, WallClock>();
const RECENT_WALL_CLOCKS_LIMIT = 256;

export function wallClock(at: Date, timeZone: string): WallClock {
  const key = `${timeZone} ${at.getTime()}`;
  const known = recentWallClocks.get(key);
  if (known) return { ...known };
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const clock = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
  if (recentWallClocks.size >= RECENT_WALL_CLOCKS_LIMIT) recentWallClocks.clear();
  recentWallClocks.set(key, clock);
  return { ...clock };
}

/** `2026-03-04 09:05` as the wall clock in `timeZone` shows it (Asia/Shanghai unless the reader chose another). */
export function formatLocalDateTime(at: Date | string, timeZone = 'Asia/Shanghai'): string {
  const { date, minutes } = wallClock(new Date(at), timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The calendar date it is at `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return wallClock(at, timeZone).date;
}

/** Offset of `timeZone` from UTC at `at`, in minutes, to the minute. */
function offsetMinutes(at: Date, timeZone: string): number {
  const local = wallClock(at, timeZone);
  const localAsUtcMinutes = toDayNumber(local.date) * 1440 + local.minutes;
  return localAsUtcMinutes - Math.floor(at.getTime() / MS_PER_MINUTE);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. A wall-clock time that a
 * daylight-saving jump skips or repeats resolves to one of the instants next to it.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const naiveMinutes = toDayNumber(date) * 1440 + minutesOfDay(time);
  const firstGuess = naiveMinutes - offsetMinutes(new Date(naiveMinutes * MS_PER_MINUTE), timeZone);
  // The second pass corrects the guess when an offset change lies between the two instants.
  const corrected = naiveMinutes - offsetMinutes(new Date(firstGuess * MS_PER_MINUTE), timeZone);
  return new Date(corrected * MS_PER_MINUTE);
}

/** Midnight starting `date` in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return zonedInstant(date, '00:00', timeZone);
}
