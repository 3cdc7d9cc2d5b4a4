import type { OrganizationDictionaryEntry } from './organization-dictionary';
import type { OrganizationIndex } from './organization-index';
import { parseChineseNumeral } from './chinese-numerals';

export interface ScopeProvince {
  entry: OrganizationDictionaryEntry;
  written: string;
}

export interface PlanScope {
  provinces: ScopeProvince[];
  /** Offset in the searched text of the statement the provinces come from. */
  offset: number;
}

const PROVINCE_COUNT = /([两二三四五六七八九十]|\d{1,2})个?(?:省区市|省区|省市|省份|省)/g;
const LIST_SEPARATOR = /[、和与及]/;
const MAX_LOOKBACK = 120;

/**
 * The provinces a plan is about, from its scope statement: a list of provinces followed by their
 * count, as in `地跨广西、广东、海南三省区`. The first statement whose names all resolve to
 * provinces and whose count matches wins.
 */
export function findPlanScope(text: string, index: OrganizationIndex): PlanScope | undefined {
  for (const match of text.matchAll(PROVINCE_COUNT)) {
    const count = /^\d+$/.test(match[1]) ? Number(match[1]) : parseChineseNumeral(match[1]);
    const offset = match.index ?? 0;
    if (count === undefined || count < 2) continue;
    const provinces = provincesListedBefore(
      text.slice(Math.max(0, offset - MAX_LOOKBACK), offset),
      count,
      index,
    );
    if (provinces) return { provinces, offset };
  }
  return undefined;
}

function provincesListedBefore(
  window: string,
  count: number,
  index: OrganizationIndex,
): ScopeProvince[] | undefined {
  const parts = window.split(LIST_SEPARATOR);
  if (parts.length < count) return undefined;
  const listed: ScopeProvince[] = [];
  for (let position = parts.length - 1; position > parts.length - 1 - count; position -= 1) {
    const part = parts[position].trim();
    const isFirst = position === parts.length - count;
    const match = isFirst ? index.provinceAtEnd(part) : provinceNamed(part, index);
    if (!match) return undefined;
    listed.unshift(match);
  }
  const distinct = new Set(listed.map((province) => province.entry.code));
  return distinct.size === count ? listed : undefined;
}

function provinceNamed(part: string, index: OrganizationIndex): ScopeProvince | undefined {
  const match = index.resolve(part);
  return match?.entry.kind === 'province' ? { entry: match.entry, written: part } : undefined;
}
