import { fiveYearPlanPeriod, parseChineseNumeral } from './chinese-numerals';
import type { OrganizationIndex } from './organization-index';
import type { PlanPeriod } from './parsed-plan';

const PUBLICATION_STAMP = /\s*(?:发布时间|发布日期|时间|来源|日期|发文日期|作者)[:：].*$/;
const TRAILING_DATE = /\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/;
const MARKDOWN_DECORATION = /^#+\s*|\*\*/g;
const MAX_TITLE_LENGTH = 80;

/** The plan title from its first line, without the publication stamp web pages add after it. */
export function titleFromFirstLine(line: string): string | undefined {
  const title = line
    .replace(MARKDOWN_DECORATION, '')
    .replace(PUBLICATION_STAMP, '')
    .replace(TRAILING_DATE, '')
    .trim();
  if (title.length === 0 || title.length > MAX_TITLE_LENGTH || title.includes('。')) return undefined;
  return title;
}

const FIVE_YEAR_PLAN =
  /[“"‘']?(十[一二三四五六七八九]?|[一二三四五六七八九])五[”"’']?(?=规划|时期|期间|实施方案|方案|发展规划|专项规划)|[“"](十[一二三四五六七八九]?|[一二三四五六七八九])五[”"]/;
const YEAR_RANGE = /((?:19|20)\d\d)年? ?[-—–~至到]{1,2} ?((?:19|20)\d\d) ?年/;

/** `“十四五”` → 2021–2025, or an explicit `2021—2025年`; the title is searched before the text. */
export function findPeriod(title: string, text: string): PlanPeriod | undefined {
  for (const source of [title, text]) {
    const range = YEAR_RANGE.exec(source);
    const fiveYear = FIVE_YEAR_PLAN.exec(source);
    if (range && (!fiveYear || range.index < fiveYear.index)) {
      const start = Number(range[1]);
      const end = Number(range[2]);
      if (end >= start && end - start <= 30) return { start, end };
    }
    if (fiveYear) {
      const ordinal = parseChineseNumeral(fiveYear[1] ?? fiveYear[2]);
      const period = ordinal === undefined ? undefined : fiveYearPlanPeriod(ordinal);
      if (period) return period;
    }
  }
  return undefined;
}

const ISSUER_LABEL = /(?:发文机关|发布机关|发文单位|印发机关|发布单位)[:：]\s*([^\s,;。]{2,40})/;
const ISSUED_BY = /([\u4e00-\u9fff、]{2,60}?)(?:关于)?(?:联合)?印发/;

/**
 * The issuing body, when the text says so: a `发文机关:` label, `X印发…` in the opening lines, or a
 * closing line that is nothing but an organization's name.
 */
export function findIssuer(
  openingLines: readonly string[],
  closingLines: readonly string[],
  index: OrganizationIndex,
): string | undefined {
  for (const line of openingLines) {
    const label = ISSUER_LABEL.exec(line);
    if (label) return index.resolve(label[1])?.entry.name ?? label[1];
    const issued = ISSUED_BY.exec(line);
    if (issued) {
      const names = issued[1]
        .split('、')
        .map((name) => index.resolve(name)?.entry.name)
        .filter((name): name is string => name !== undefined);
      if (names.length > 0) return names.join('、');
    }
  }
  for (const line of closingLines) {
    const match = index.resolve(line);
    if (match && match.entry.kind !== 'city') return match.entry.name;
  }
  return undefined;
}
