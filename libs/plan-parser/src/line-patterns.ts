import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numerals';

const CHAPTER_NUMBERED = new RegExp(`^([${CHINESE_NUMERAL_CHARS}]{1,6})[、.](.*)$`);
const CHAPTER_ORDINAL = new RegExp(`^第([${CHINESE_NUMERAL_CHARS}]{1,6}|\\d{1,3})[章部篇]\\s*(.*)$`);
const ITEM = new RegExp(`^\\(([${CHINESE_NUMERAL_CHARS}]{1,6})\\)\\s*(.*)$`);
// `1.5万亩` and `2024.12` are numbers, not items: the mark must not be followed by a digit.
const ARABIC_ITEM = /^(\d{1,3})\s?[.、](?!\d)\s*(.*)$/;
const PAREN_ARABIC_ITEM = /^\((\d{1,3})\)\s*(.*)$/;
const CIRCLED_ITEM = /^([\u2460-\u2473\u2474-\u2487])\s*(.*)$/;
const FIELD_LABEL =
  /^(?:牵头|配合|责任|参与|协办|协作|支持|主办|承办)(?:单位|部门)\s?[:：]|^(?:完成时限|完成时间|时间节点|时限要求|完成期限|时间安排|进度安排|责任领导|牵头领导|分管领导|责任人|联系人)\s?[:：]/;
const ENUMERATION = new RegExp(`^[${CHINESE_NUMERAL_CHARS}]{1,4}是`);
const FIGURE_CAPTION = /^图\s?[0-9一二三四五六七八九十]{1,3}(?:[-.][0-9]{1,2})?[^。;!！？]{0,60}$/;
const BULLET_START = /^(?:——|—|★|☆|●|■|◆|▲|#|\*\*|!\[|第[0-9一二三四五六七八九十百]{1,5}[章节部篇条])/;
const SENTENCE_MARK = /[,、。;]/;
const CLOSED_ENDING = /[。！？;)”]/;
const OPEN_ENDING = /[\u3400-\u9fff,、“《(—]/;

const MAX_CHAPTER_TITLE = 50;
const MAX_CHAPTER_TITLE_BEFORE_TEXT = 30;

export interface ChapterHeading {
  number: number;
  title: string;
  /** Text that followed the heading on the same line, if any. */
  rest: string;
}

/**
 * The numbering styles of items below a chapter, from the outermost: `(一)`, `1.`/`1、`, `(1)`, `①`.
 * Their rank is the conventional nesting of Chinese official documents.
 */
export type ItemStyle = 'paren-chinese' | 'arabic' | 'paren-arabic' | 'circled';

export const ITEM_RANK: Readonly<Record<ItemStyle, number>> = {
  'paren-chinese': 1,
  arabic: 2,
  'paren-arabic': 3,
  circled: 4,
};

export interface ItemStart {
  number: number;
  code: string;
  text: string;
  style: ItemStyle;
}

export function matchChapterHeading(line: string): ChapterHeading | undefined {
  const match = CHAPTER_NUMBERED.exec(line) ?? CHAPTER_ORDINAL.exec(line);
  if (!match) return undefined;
  const number = /^\d+$/.test(match[1]) ? Number(match[1]) : parseChineseNumeral(match[1]);
  if (number === undefined || number === 0) return undefined;
  const text = match[2].trim();
  const stop = text.indexOf('。');
  if (stop === -1 || stop === text.length - 1) {
    const title = stop === -1 ? text : text.slice(0, stop);
    return title.length > 0 && title.length <= MAX_CHAPTER_TITLE ? { number, title, rest: '' } : undefined;
  }
  const title = text.slice(0, stop);
  return title.length > 0 && title.length <= MAX_CHAPTER_TITLE_BEFORE_TEXT
    ? { number, title, rest: text.slice(stop + 1).trim() }
    : undefined;
}

export function matchItemStart(line: string): ItemStart | undefined {
  const chinese = ITEM.exec(line);
  if (chinese) {
    const number = parseChineseNumeral(chinese[1]);
    if (number === undefined || number === 0) return undefined;
    return { number, code: `(${chinese[1]})`, text: chinese[2], style: 'paren-chinese' };
  }
  const arabic = ARABIC_ITEM.exec(line);
  if (arabic && Number(arabic[1]) > 0 && arabic[2].length > 0) {
    return { number: Number(arabic[1]), code: `${Number(arabic[1])}.`, text: arabic[2], style: 'arabic' };
  }
  const parenArabic = PAREN_ARABIC_ITEM.exec(line);
  if (parenArabic && Number(parenArabic[1]) > 0) {
    const number = Number(parenArabic[1]);
    return { number, code: `(${number})`, text: parenArabic[2], style: 'paren-arabic' };
  }
  const circled = CIRCLED_ITEM.exec(line);
  if (circled) {
    const point = circled[1].charCodeAt(0);
    // ⑴…⒇ are parenthesised digits, ①…⑳ circled ones.
    if (point >= 0x2474) {
      const number = point - 0x2474 + 1;
      return { number, code: `(${number})`, text: circled[2], style: 'paren-arabic' };
    }
    return { number: point - 0x2460 + 1, code: circled[1], text: circled[2], style: 'circled' };
  }
  return undefined;
}

/** A `牵头单位：…` / `配合单位：…` / `完成时限：…` line of a task-division block. */
export function startsWithFieldLabel(line: string): boolean {
  return FIELD_LABEL.test(line);
}

export function isEnumerationStart(line: string): boolean {
  return ENUMERATION.test(line);
}

export function isFigureCaption(line: string): boolean {
  return line.length <= 64 && FIGURE_CAPTION.test(line);
}

/** Lines that always open a paragraph of their own, so a broken line before them is never glued to them. */
export function startsParagraph(line: string): boolean {
  return (
    BULLET_START.test(line) ||
    isEnumerationStart(line) ||
    matchItemStart(line) !== undefined ||
    startsWithFieldLabel(line) ||
    line.includes('\t') ||
    matchChapterHeading(line) !== undefined
  );
}

/** Ends on a character, comma or opening mark rather than on closing punctuation. */
export function endsOpen(text: string): boolean {
  return text.length > 0 && OPEN_ENDING.test(text[text.length - 1]);
}

export function hasSentenceMark(text: string): boolean {
  return SENTENCE_MARK.test(text);
}

/**
 * Whether a line can be the rest of a cut sentence: it closes a sentence itself, or it is long
 * running text that was cut again. Short lines that close nothing are headlines and link lists.
 */
export function canContinueSentence(line: string): boolean {
  return (
    CLOSED_ENDING.test(line[line.length - 1] ?? '') ||
    (line.length >= 30 && endsOpen(line) && hasSentenceMark(line))
  );
}
