const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Character class (for regexes) of everything `parseChineseNumeral` understands. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/**
 * Reads a Chinese numeral below 10 000 (十一 → 11, 三十五 → 35, 一百零二 → 102).
 * Returns undefined for anything that is not a well-formed numeral, so callers can report it.
 */
export function parseChineseNumeral(written: string): number | undefined {
  if (written.length === 0 || written.length > 8) return undefined;
  let total = 0;
  let pending: number | undefined;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const char of written) {
    const digit = DIGITS[char];
    if (digit !== undefined) {
      if (pending !== undefined && pending !== 0) return undefined;
      pending = digit;
      continue;
    }
    const unit = UNITS[char];
    if (unit === undefined || unit >= lastUnit) return undefined;
    if (pending === 0) return undefined;
    // Only 十 may stand without its digit, and only at the start (十一 = 11); a bare 百 is not a number.
    const multiplier = pending ?? (total === 0 && unit === 10 ? 1 : undefined);
    if (multiplier === undefined) return undefined;
    total += multiplier * unit;
    pending = undefined;
    lastUnit = unit;
  }
  total += pending ?? 0;
  return total;
}

/**
 * The years of the N-th five-year plan (“十四五” → 2021–2025). The third plan started in 1966 after
 * the 1963–1965 readjustment, so the arithmetic only holds from there on.
 */
export function fiveYearPlanPeriod(ordinal: number): { start: number; end: number } | undefined {
  if (ordinal === 1) return { start: 1953, end: 1957 };
  if (ordinal === 2) return { start: 1958, end: 1962 };
  if (ordinal < 3 || ordinal > 30) return undefined;
  const start = 1966 + 5 * (ordinal - 3);
  return { start, end: start + 4 };
}

const DIGIT_CHARS = '零一二三四五六七八九';

/** 1 → 一, 11 → 十一, 35 → 三十五, 102 → 一百零二 (below 1000; larger numbers stay Arabic). */
export function toChineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 1000) return String(value);
  if (value < 10) return DIGIT_CHARS[value];
  if (value < 20) return `十${value % 10 === 0 ? '' : DIGIT_CHARS[value % 10]}`;
  if (value < 100) {
    const ones = value % 10;
    return `${DIGIT_CHARS[Math.floor(value / 10)]}十${ones === 0 ? '' : DIGIT_CHARS[ones]}`;
  }
  const rest = value % 100;
  const hundreds = `${DIGIT_CHARS[Math.floor(value / 100)]}百`;
  if (rest === 0) return hundreds;
  return rest < 10
    ? `${hundreds}零${DIGIT_CHARS[rest]}`
    : `${hundreds}${rest < 20 ? '一' : ''}${toChineseNumeral(rest)}`;
}
