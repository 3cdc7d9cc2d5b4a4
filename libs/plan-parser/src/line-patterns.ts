import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numerals';

const CHAPTER_NUMBERED = new RegExp(`^([${CHINESE_NUMERAL_CHARS}]{1,6})[、.](.*)$`);
const CHAPTER_ORDINAL = new RegExp(`^第([${CHINESE_NUMERAL_CHARS}]{1,6}|\\d{1,3})[章部篇]\\s*(.*)$`);
const ITEM = new RegExp(`^\\(([${CHINESE_NUMERAL_CHARS}]{1,6})\\)\\s*(.*)$`);
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

export interface ItemStart {
  number: number;
  code: string;
  text: string;
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
  const match = ITEM.exec(line);
  if (!match) return undefined;
  const number = parseChineseNumeral(match[1]);
  if (number === undefined || number === 0) return undefined;
  return { number, code: `(${match[1]})`, text: match[2] };
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
