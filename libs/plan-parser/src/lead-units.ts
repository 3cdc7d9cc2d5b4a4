import { parseChineseNumeral } from './chinese-numerals';
import type { OrganizationIndex } from './organization-index';

/** The bracketed list of lead units that closes a task, located in the task's text. */
export interface LeadList {
  /** Text inside the brackets. */
  text: string;
  /** Offset of the opening bracket. */
  start: number;
  /** False when the closing bracket is missing (lost to garbled text or a cut-off paste). */
  closed: boolean;
}

const MAX_LEAD_LIST_LENGTH = 400;
const SENTENCE_END = /[。！？;]/;

/**
 * Finds the lead-unit list at the end of `text`. A closing bracketed group counts when it follows a
 * finished sentence or names at least one known organization; a real parenthesis like `(湛江)` at
 * the end of a sentence does neither. An unclosed group after the last sentence counts only when
 * it names a known organization.
 */
export function findLeadList(text: string, index: OrganizationIndex): LeadList | undefined {
  const end = trimmedEnd(text);
  if (end === 0) return undefined;
  if (text[end - 1] === ')') {
    const start = matchingOpenBracket(text, end - 1);
    if (start === undefined) return undefined;
    const inner = text.slice(start + 1, end - 1);
    const before = text.slice(0, start).trimEnd();
    const followsSentence = before.length === 0 || SENTENCE_END.test(before[before.length - 1]);
    if (followsSentence || namesKnownOrganization(inner, index)) return { text: inner, start, closed: true };
    return undefined;
  }
  const lastStop = Math.max(text.lastIndexOf('。'), text.lastIndexOf('！'), text.lastIndexOf('？'));
  const start = text.indexOf('(', lastStop + 1);
  if (start === -1 || text.indexOf(')', start) !== -1 || end - start > MAX_LEAD_LIST_LENGTH) return undefined;
  const inner = text.slice(start + 1, end);
  return namesKnownOrganization(inner, index) ? { text: inner, start, closed: false } : undefined;
}

function trimmedEnd(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end -= 1;
  return end;
}

function matchingOpenBracket(text: string, close: number): number | undefined {
  let depth = 0;
  const limit = Math.max(0, close - MAX_LEAD_LIST_LENGTH);
  for (let index = close; index >= limit; index -= 1) {
    const char = text[index];
    if (char === ')') depth += 1;
    else if (char === '(') {
      depth -= 1;
      if (depth === 0) return index;
    } else if (char === '。' || char === '\n') return undefined;
  }
  return undefined;
}

function namesKnownOrganization(inner: string, index: OrganizationIndex): boolean {
  return splitLeadNames(inner).some((part) => index.resolve(part.written) !== undefined);
}

/**
 * A note such as `以下任务均需三省区落实,不再列出`: it hands the provinces it names (or "the N
 * provinces" of the plan) to every following task.
 */
export interface InheritanceNote {
  /** What the note names: `三省区`, `广西、广东、海南`… */
  subject: string;
  /** The count it states (三省区 → 3), when it states one. */
  count?: number;
  start: number;
  end: number;
}

const INHERITANCE_NOTE =
  /以下[^()。,;]{0,12}?均(?:需要|需|由|应|要)([^()。;]{1,40}?)(?:共同|负责|分别)?(?:贯彻)?落实(?:[,;]?\s?不再(?:一一|单独|重复|另行)?列出)?/;
const COUNTED_PROVINCES =
  /^(?:各|相关|有关)?([两二三四五六七八九十\d]{1,2})个?(?:省区市|省区|省市|省份|省|区|市)$/;
const ALL_PROVINCES = /^(?:各|相关|有关)(?:省区市|省区|省市|省份|省|地区|地方)$/;

export function findInheritanceNote(text: string): InheritanceNote | undefined {
  const match = INHERITANCE_NOTE.exec(text);
  if (!match) return undefined;
  const subject = match[1].trim();
  const start = match.index;
  return { subject, count: countedProvinces(subject), start, end: start + match[0].length };
}

/** `三省区` → 3; `各省区` → undefined (all of them); a list of names → undefined. */
export function countedProvinces(subject: string): number | undefined {
  const match = COUNTED_PROVINCES.exec(subject);
  if (!match) return undefined;
  const digits = match[1];
  return /^\d+$/.test(digits) ? Number(digits) : parseChineseNumeral(digits);
}

/** Whether the subject refers to the plan's own provinces rather than naming them. */
export function refersToPlanProvinces(subject: string): boolean {
  return COUNTED_PROVINCES.test(subject) || ALL_PROVINCES.test(subject);
}

export interface WrittenName {
  written: string;
  /** Offset in the text that was split. */
  offset: number;
  /** Index of the comma-separated segment it sits in (provinces and ministries are usually split by a comma). */
  segment: number;
}

const ROLE_SUFFIXES = [
  '按职责分工负责',
  '按照职责分工负责',
  '按职能分工负责',
  '按职责负责',
  '分工负责',
  '分别负责',
  '牵头负责',
  '共同负责',
  '为牵头单位',
  '牵头',
  '负责',
  '配合',
  '参与',
  '支持',
  '协助',
  '协同',
  '协办',
  '指导',
  '等部门',
  '等单位',
  '等',
];
const ROLE_PREFIXES = ['由', '会同'];
const GENERIC_REFERENCE =
  /^(?:各|其他)?(?:有关|相关)?(?:部门|单位|地方|方面|省份|省区|省区市|城市|地区)$|^(?:各地|各级政府|地方各级人民政府)$/;

/**
 * Splits a lead list at `、` `,` `;` outside nested brackets, dropping role words (牵头, 负责, 等)
 * and bracketed remarks such as `(牵头)`.
 */
export function splitLeadNames(text: string): WrittenName[] {
  const names: WrittenName[] = [];
  let depth = 0;
  let segment = 0;
  let current = '';
  let currentStart = 0;
  const flush = (nextStart: number) => {
    const cleaned = stripRoleWords(current);
    if (cleaned.written.length > 0) {
      names.push({ written: cleaned.written, offset: currentStart + cleaned.leading, segment });
    }
    current = '';
    currentStart = nextStart;
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (char === '、' || char === ',' || char === ';' || char === '\n')) {
      flush(index + 1);
      if (char !== '、') segment += 1;
      continue;
    } else if (depth === 0) {
      current += char;
      continue;
    }
    // Bracketed remarks are dropped but keep the offsets of what follows right.
    if (current.length === 0) currentStart = index + 1;
  }
  flush(text.length);
  return names;
}

export function isGenericReference(written: string): boolean {
  return GENERIC_REFERENCE.test(written);
}

function stripRoleWords(raw: string): { written: string; leading: number } {
  let written = raw.trim();
  let leading = raw.length - raw.trimStart().length;
  for (let changed = true; changed;) {
    changed = false;
    for (const prefix of ROLE_PREFIXES) {
      if (written.startsWith(prefix) && written.length > prefix.length + 1) {
        written = written.slice(prefix.length);
        leading += prefix.length;
        changed = true;
      }
    }
    for (const suffix of ROLE_SUFFIXES) {
      if (written.endsWith(suffix) && written.length > suffix.length + 1) {
        written = written.slice(0, written.length - suffix.length);
        changed = true;
      }
    }
  }
  return { written: written.trim(), leading };
}

export type LeadSide = 'province' | 'ministry';

const LOCAL_LOOKING = /(?:省|自治区|特别行政区|市|州|县|区|盟|旗)$/;
const CENTRAL_LOOKING = /^(?:国家|中国|中央|全国|国务院)|(?:部|委|总局|局|署|办|院|会|银行|集团|公司|中心)$/;

/**
 * Where an organization the dictionary does not know goes: its own shape first (…省/…市 are local,
 * 国家…/…部/…局 central), then the company it keeps in the list (the segment before or after the
 * comma), and central as the last resort.
 */
export function guessSideOfUnknown(written: string, neighbours: readonly LeadSide[]): LeadSide {
  if (LOCAL_LOOKING.test(written)) return 'province';
  if (CENTRAL_LOOKING.test(written)) return 'ministry';
  const provinces = neighbours.filter((side) => side === 'province').length;
  return provinces > neighbours.length - provinces ? 'province' : 'ministry';
}
