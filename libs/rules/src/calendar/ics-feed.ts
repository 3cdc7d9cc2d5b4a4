/**
 * A user's deadlines as an iCalendar feed (RFC 5545) that Outlook, Apple Calendar and phones can
 * subscribe to: one all-day event per work item, with a reminder the day before.
 */

export interface IcsFeedItem {
  /** Stable per item (the work item id): calendars update an event in place by its UID. */
  uid: string;
  title: string;
  description: string;
  /** YYYY-MM-DD */
  deadline: string;
  url: string;
  status: string;
}

export interface IcsFeedInput {
  calendarName: string;
  items: IcsFeedItem[];
  now: Date;
}

const UID_DOMAIN = 'xietong';
const MAX_LINE_OCTETS = 75;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** 09:00 the day before an all-day event that starts at midnight. */
const ALARM_BEFORE_START = '-PT15H';
const DONE_PREFIX = '【已完成】';

export function buildIcsFeed({ calendarName, items, now }: IcsFeedInput): string {
  const stamp = utcDateTime(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Xietong//Deadlines//ZH-CN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
    // Subscribed calendars poll; an hour keeps deadlines fresh without hammering the API.
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...items.flatMap((item) => eventLines(item, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function eventLines(item: IcsFeedItem, stamp: string): string[] {
  const cancelled = item.status === 'cancelled';
  const closed = cancelled || item.status === 'done';
  const summary = item.status === 'done' ? `${DONE_PREFIX}${item.title}` : item.title;
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(`${item.uid}@${UID_DOMAIN}`)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icsDate(item.deadline, 0)}`,
    `DTEND;VALUE=DATE:${icsDate(item.deadline, 1)}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(item.description)}`,
    `URL:${item.url}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    // A deadline is not a meeting: it must not show the user as busy.
    'TRANSP:TRANSPARENT',
    ...(closed
      ? []
      : [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${escapeText(`明天截止：${item.title}`)}`,
          `TRIGGER;RELATED=START:${ALARM_BEFORE_START}`,
          'END:VALARM',
        ]),
    'END:VEVENT',
  ];
}

/** `date` plus `days` as an iCalendar DATE (YYYYMMDD). */
function icsDate(date: string, days: number): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`Expected a deadline as YYYY-MM-DD, got "${date}"`);
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return day.toISOString().slice(0, 10).replaceAll('-', '');
}

function utcDateTime(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT escaping (RFC 5545 §3.3.11). */
function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 §3.1), each continuation starting
 * with a space, without splitting a UTF-8 character: Chinese takes 3 octets a character.
 */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Octets(character.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}
