import type { OrganizationDictionaryEntry } from './organization-dictionary';

export interface OrganizationMatch {
  entry: OrganizationDictionaryEntry;
  /**
   * True when the written form only matched after dropping a national prefix (中华人民共和国, 中国,
   * 国家). Prefixes are never added: a bare 统计局 in a provincial plan is the province's own bureau.
   */
  approximate: boolean;
}

export interface OrganizationIndex {
  resolve(written: string): OrganizationMatch | undefined;
  /** The longest tail of `text` that names a province, e.g. 地跨广西 → 广西. */
  provinceAtEnd(text: string): { entry: OrganizationDictionaryEntry; written: string } | undefined;
  /** The longest name (two characters or more) that `text` starts with, e.g. 广东省交通运输厅 → 广东省. */
  longestPrefix(text: string): { entry: OrganizationDictionaryEntry; written: string } | undefined;
  /** Provinces named anywhere in `text`, in order of first mention, each once. */
  provincesMentioned(text: string): { entry: OrganizationDictionaryEntry; written: string }[];
}

const MAX_NAME_LENGTH = 40;
const PREFIX_VARIANTS: readonly ((form: string) => string | undefined)[] = [
  (form) => (form.startsWith('中华人民共和国') ? form.slice(7) : undefined),
  (form) => (form.startsWith('中国') ? form.slice(2) : undefined),
  (form) => (form.startsWith('国家') ? form.slice(2) : undefined),
];
const WHITESPACE = /\s+/g;

const cache = new WeakMap<readonly OrganizationDictionaryEntry[], OrganizationIndex>();

/** Looks names up by full name, short form or alias; built once per dictionary array. */
export function indexOrganizations(dictionary: readonly OrganizationDictionaryEntry[]): OrganizationIndex {
  const cached = cache.get(dictionary);
  if (cached) return cached;
  const byForm = new Map<string, OrganizationDictionaryEntry>();
  // Full names win over short forms, short forms over aliases, when two entries share a form.
  for (const pick of [
    (entry: OrganizationDictionaryEntry) => [entry.name],
    (entry: OrganizationDictionaryEntry) => entry.shortNames,
    (entry: OrganizationDictionaryEntry) => entry.aliases,
  ]) {
    for (const entry of dictionary) {
      for (const form of pick(entry)) {
        const key = compact(form);
        if (key.length > 0 && !byForm.has(key)) byForm.set(key, entry);
      }
    }
  }
  let longestProvinceForm = 0;
  let longestForm = 0;
  const provinceForms: string[] = [];
  for (const [form, entry] of byForm) {
    longestForm = Math.max(longestForm, form.length);
    if (entry.kind !== 'province') continue;
    longestProvinceForm = Math.max(longestProvinceForm, form.length);
    // One-character aliases (桂, 粤) are too ambiguous inside running text.
    if (form.length >= 2) provinceForms.push(form);
  }
  provinceForms.sort((a, b) => b.length - a.length);
  const provincePattern =
    provinceForms.length > 0 ? new RegExp(provinceForms.map(escapeRegExp).join('|'), 'g') : undefined;

  const index: OrganizationIndex = {
    resolve(written) {
      const form = compact(written);
      if (form.length === 0 || form.length > MAX_NAME_LENGTH) return undefined;
      const exact = byForm.get(form);
      if (exact) return { entry: exact, approximate: false };
      for (const variant of PREFIX_VARIANTS) {
        const candidate = variant(form);
        const entry = candidate === undefined ? undefined : byForm.get(candidate);
        if (entry) return { entry, approximate: true };
      }
      return undefined;
    },
    provinceAtEnd(text) {
      for (let length = Math.min(longestProvinceForm, text.length); length >= 1; length -= 1) {
        const written = text.slice(text.length - length);
        const entry = byForm.get(written);
        if (entry?.kind === 'province') return { entry, written };
      }
      return undefined;
    },
    longestPrefix(text) {
      const form = compact(text);
      for (let length = Math.min(longestForm, form.length); length >= 2; length -= 1) {
        const written = form.slice(0, length);
        const entry = byForm.get(written);
        if (entry) return { entry, written };
      }
      return undefined;
    },
    provincesMentioned(text) {
      const found: { entry: OrganizationDictionaryEntry; written: string }[] = [];
      if (!provincePattern) return found;
      for (const match of text.matchAll(provincePattern)) {
        const entry = byForm.get(match[0]);
        if (entry && !found.some((province) => province.entry === entry))
          found.push({ entry, written: match[0] });
      }
      return found;
    },
  };
  cache.set(dictionary, index);
  return index;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compact(form: string): string {
  return form.replace(WHITESPACE, '');
}
