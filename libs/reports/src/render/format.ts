import type { TrafficLight } from '../joint-report';

/** Light colours shared by every format so a red cell looks the same in mail, Excel and PDF. */
export const LIGHT_COLORS: Readonly<Record<TrafficLight, { fill: string; text: string }>> = {
  green: { fill: '#52C41A', text: '#FFFFFF' },
  yellow: { fill: '#FADB14', text: '#262626' },
  red: { fill: '#FF4D4F', text: '#FFFFFF' },
  grey: { fill: '#D9D9D9', text: '#262626' },
};

export function formatPercent(value: number): string {
  return `${Math.round(value)}%`;
}

/** Building an Intl.DateTimeFormat costs far more than using one; a report formats thousands of times. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format;
}

/** An ISO timestamp as "YYYY-MM-DD HH:mm" in the report's time zone, the same for every locale. */
export function formatDateTime(iso: string, timeZone: string): string {
  const parts = dateTimeFormat(timeZone).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or CR before one) as a
 * formula when it is edited or imported; a leading apostrophe keeps it the text it was (OWASP's
 * advice on CSV injection, applied to CSV and XLSX alike).
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
