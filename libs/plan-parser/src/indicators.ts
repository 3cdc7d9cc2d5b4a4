import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numerals';
import type { IndicatorComparator, PlanIndicator } from './parsed-plan';

/** A stretch of text to read goals from, with a way back to original line numbers. */
export interface GoalText {
  text: string;
  lineAt(offset: number): number;
}

const CLAUSE_SEPARATOR = /[,;。！？\n]/;
const YEAR = /(?:到|至|展望)?((?:19|20)\d\d)年/g;
const NUMBER = '\\d+(?:\\.\\d+)?[万亿千百]?';
const CHINESE_NUMBER = `[${CHINESE_NUMERAL_CHARS}]{1,4}(?=个百分点|倍|成)`;
/**
 * `提高5个百分点以上`, `分别达到1000万、500万标准箱`, `稳定在90%以上`, `超过90%`: a verb, one or
 * more numbers, a unit and an optional bound. The unit is a short run of non-digit characters.
 */
const QUANTITY = new RegExp(
  `(提高到|提升到|增加到|增长到|降低到|下降到|减少到|提高|提升|增加|增长|降低|下降|减少|分别达到|达到|超过|高于|不低于|不少于|低于|不超过|不高于|控制在|稳定在|保持在|降至|突破)` +
    `(${NUMBER}(?:、${NUMBER}){0,9}|${CHINESE_NUMBER})` +
    `(%|个百分点|[^\\d,;。、()\\s%]{1,6}?)?` +
    `(以上|以下|以内|之内|左右)?(?=$|[,;。、)\\s]|[和并且])`,
);
const SUBJECT_SEPARATOR = '、';
const SUBJECT_END = /[港市区省县群场园岛湾]/g;
const LEADING_FILLER = /^(?:力争|确保|争取|努力|进一步|全面|基本|初步|其中|使|让|实现)+/;

/**
 * Reads quantitative goals from the goals paragraph(s). Returns one indicator per value, so
 * `A、B集装箱吞吐量分别达到1000万、500万标准箱` gives two.
 */
export function extractIndicators(goals: readonly GoalText[]): PlanIndicator[] {
  const indicators: PlanIndicator[] = [];
  for (const goal of goals) {
    let year: number | undefined;
    let offset = 0;
    for (const clause of goal.text.split(CLAUSE_SEPARATOR)) {
      const clauseStart = offset;
      offset += clause.length + 1;
      for (const match of clause.matchAll(YEAR)) year = Number(match[1]);
      const match = QUANTITY.exec(clause);
      if (!match) continue;
      const line = goal.lineAt(clauseStart + (match.index ?? 0));
      indicators.push(...indicatorsFromMatch(clause, match, year, line));
    }
  }
  return indicators;
}

function indicatorsFromMatch(
  clause: string,
  match: RegExpExecArray,
  year: number | undefined,
  line: number,
): PlanIndicator[] {
  const [, verb, numbers, rawUnit, bound] = match;
  const subject = clause.slice(0, match.index).replace(YEAR, '').replace(LEADING_FILLER, '').trim();
  if (subject.length === 0) return [];
  const written = numbers.split('、');
  const magnitude = magnitudeOf(written[written.length - 1]);
  const unit = `${magnitude}${rawUnit ?? ''}`.trim();
  const names = namesFor(subject, written.length, verb === '分别达到');
  const comparator = comparatorFor(verb, bound);
  const change = changeFor(verb);
  const indicators: PlanIndicator[] = [];
  written.forEach((value, position) => {
    const amount = readNumber(value);
    if (amount === undefined) return;
    indicators.push({
      name: names[position],
      value: amount,
      unit: unitFor(value, unit, magnitude),
      ...(year === undefined ? {} : { year }),
      ...(comparator === undefined ? {} : { comparator }),
      ...(change === undefined ? {} : { change }),
      line,
    });
  });
  return indicators;
}

/** `1000万、500万标准箱`: each value keeps its own magnitude, the unit is shared. */
function unitFor(value: string, unit: string, sharedMagnitude: string): string {
  const ownMagnitude = magnitudeOf(value);
  return ownMagnitude === sharedMagnitude ? unit : `${ownMagnitude}${unit.slice(sharedMagnitude.length)}`;
}

function magnitudeOf(value: string): string {
  return /^\d[\d.]*([万亿千百])$/.exec(value)?.[1] ?? '';
}

function readNumber(written: string): number | undefined {
  if (/^\d/.test(written)) return Number.parseFloat(written);
  return parseChineseNumeral(written);
}

/**
 * `A、B集装箱吞吐量分别…` with two values: the metric (集装箱吞吐量) follows the last subject, which
 * ends in a place word (港, 市, 区…); every subject gets the metric appended.
 */
function namesFor(subject: string, count: number, respectively: boolean): string[] {
  if (count === 1) return [subject];
  const subjects = subject.split(SUBJECT_SEPARATOR);
  if (respectively && subjects.length === count) {
    const last = subjects[count - 1];
    let split = -1;
    for (const place of last.matchAll(SUBJECT_END)) {
      if ((place.index ?? 0) < last.length - 1) split = place.index ?? -1;
    }
    if (split !== -1) {
      const metric = last.slice(split + 1);
      return subjects.map((name, position) => (position === count - 1 ? last : `${name}${metric}`));
    }
    return subjects;
  }
  return Array.from({ length: count }, (_, position) => `${subject}(${position + 1})`);
}

function comparatorFor(verb: string, bound: string | undefined): IndicatorComparator | undefined {
  if (bound === '以上' || verb === '不低于' || verb === '不少于') return '>=';
  if (bound === '以下' || bound === '以内' || bound === '之内' || verb === '不超过' || verb === '不高于')
    return '<=';
  if (bound === '左右') return '~';
  if (verb === '超过' || verb === '高于' || verb === '突破') return '>';
  if (verb === '低于') return '<';
  return undefined;
}

function changeFor(verb: string): 'increase' | 'decrease' | undefined {
  if (verb.endsWith('到')) return undefined;
  if (['提高', '提升', '增加', '增长'].includes(verb)) return 'increase';
  if (['降低', '下降', '减少'].includes(verb)) return 'decrease';
  return undefined;
}
