import type { DiagnosticLog } from './diagnostics';
import type { NumberedLine } from './tables';
import {
  canContinueSentence,
  endsOpen,
  hasSentenceMark,
  isFigureCaption,
  matchChapterHeading,
  matchItemStart,
  startsParagraph,
  startsWithFieldLabel,
} from './line-patterns';

/** Where a piece of a paragraph came from: `start` is an offset in the paragraph text, `line` 1-based. */
export interface TextSegment {
  start: number;
  line: number;
}

export interface Paragraph {
  text: string;
  line: number;
  segments: TextSegment[];
}

/** The original line holding `offset` of the paragraph text. */
export function lineAt(paragraph: Paragraph, offset: number): number {
  const { segments } = paragraph;
  let low = 0;
  let high = segments.length - 1;
  if (high < 0 || segments[0].start > offset) return paragraph.line;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (segments[middle].start <= offset) low = middle;
    else high = middle - 1;
  }
  return segments[low].line;
}

/** A paragraph being assembled; its text is joined once at the end so appending stays linear. */
interface OpenParagraph {
  parts: string[];
  length: number;
  line: number;
  segments: TextSegment[];
  hasSentenceMark: boolean;
  isHeading: boolean;
}

const MIN_CUT_PARAGRAPH = 8;

/**
 * Groups normalised lines (one per original line) into paragraphs: blank lines and figure
 * captions go, and a paragraph cut mid-sentence is glued to the line that continues it.
 */
export function buildParagraphs(lines: readonly NumberedLine[], log: DiagnosticLog): Paragraph[] {
  const open: OpenParagraph[] = [];
  for (const { text, line } of lines) {
    if (text.length === 0) continue;
    if (isFigureCaption(text)) {
      log.info(line, `已忽略图注：“${text}”`);
      continue;
    }
    const current = open[open.length - 1];
    // The first line is the title: it is never glued to what follows.
    if (current && open.length > 1 && continuesWith(current, text)) {
      current.segments.push({ start: current.length, line });
      current.parts.push(text);
      current.length += text.length;
      continue;
    }
    open.push({
      parts: [text],
      length: text.length,
      line,
      segments: [{ start: 0, line }],
      hasSentenceMark: hasSentenceMark(text),
      isHeading: matchChapterHeading(text) !== undefined,
    });
  }
  return open.map(({ parts, line, segments }) => ({ text: parts.join(''), line, segments }));
}

function continuesWith(paragraph: OpenParagraph, next: string): boolean {
  return (
    !paragraph.isHeading &&
    paragraph.hasSentenceMark &&
    paragraph.length >= MIN_CUT_PARAGRAPH &&
    endsOpen(paragraph.parts[paragraph.parts.length - 1]) &&
    canContinueSentence(next) &&
    !startsParagraph(next)
  );
}

/** Reported once the page junk is gone, so only joins in the kept text are mentioned. */
export function reportJoinedLines(paragraphs: readonly Paragraph[], log: DiagnosticLog): void {
  for (const paragraph of paragraphs) {
    for (let index = 1; index < paragraph.segments.length; index += 1) {
      const { line } = paragraph.segments[index];
      log.info(paragraph.segments[index - 1].line, `第${line}行与上一行在句中断开，已合并为一段`);
    }
  }
}

const JUNK_KEYWORDS =
  /扫一扫|会员|下载|责任编辑|关闭窗口|打印本页|分享到|相关阅读|相关推荐|版权所有|免责声明|查看更多|阅读原文|点击/;
const SENTENCE_END = /[。！？]/;
const BRACKETED = /^\(.*\)$/;
const MAX_JUNK_LENGTH = 60;

/**
 * Web pages put menus, ads and sign-up prompts after the plan. After the last numbered item, the
 * first paragraph that does not read as plan text starts that junk; it and everything after it
 * are dropped (and returned, so the caller can still look for an issuer line there).
 */
export function dropTrailingPageJunk(paragraphs: Paragraph[], log: DiagnosticLog): Paragraph[] {
  let lastItem = -1;
  let lastField = -1;
  paragraphs.forEach((paragraph, index) => {
    if (matchItemStart(paragraph.text)) lastItem = index;
    if (startsWithFieldLabel(paragraph.text)) lastField = index;
  });
  if (lastItem === -1) return [];
  // The last item's 牵头单位/完成时限 lines, and whatever comes before them, are still the plan.
  for (let index = Math.max(lastItem, lastField) + 1; index < paragraphs.length; index += 1) {
    const text = paragraphs[index].text;
    if (matchChapterHeading(text) || BRACKETED.test(text)) continue;
    if (JUNK_KEYWORDS.test(text) || (!SENTENCE_END.test(text) && text.length <= MAX_JUNK_LENGTH)) {
      const dropped = paragraphs.splice(index);
      const first = dropped[0].line;
      const lastSegments = dropped[dropped.length - 1].segments;
      const last = lastSegments[lastSegments.length - 1].line;
      log.info(first, `第${first}–${last}行在正文之后，像是网页附带内容（如“${excerpt(text)}”），已忽略`);
      return dropped;
    }
  }
  return [];
}

function excerpt(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
