import type { DiagnosticLog } from './diagnostics';
import {
  canContinueSentence,
  endsMidSentence,
  isFigureCaption,
  matchChapterHeading,
  matchItemStart,
  startsParagraph,
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
  let line = paragraph.line;
  for (const segment of paragraph.segments) {
    if (segment.start > offset) break;
    line = segment.line;
  }
  return line;
}

/**
 * Groups normalised lines (one per original line) into paragraphs: blank lines and figure
 * captions go, and a paragraph cut mid-sentence is glued to the line that continues it.
 */
export function buildParagraphs(lines: readonly string[], log: DiagnosticLog): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index];
    const line = index + 1;
    if (text.length === 0) continue;
    if (isFigureCaption(text)) {
      log.info(line, `已忽略图注：“${text}”`);
      continue;
    }
    const current = paragraphs[paragraphs.length - 1];
    if (current && paragraphs.length > 1 && continuesWith(current, text)) {
      current.segments.push({ start: current.text.length, line });
      current.text += text;
      continue;
    }
    paragraphs.push({ text, line, segments: [{ start: 0, line }] });
  }
  return paragraphs;
}

function continuesWith(paragraph: Paragraph, next: string): boolean {
  return (
    endsMidSentence(paragraph.text) &&
    canContinueSentence(next) &&
    matchChapterHeading(paragraph.text) === undefined &&
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
  paragraphs.forEach((paragraph, index) => {
    if (matchItemStart(paragraph.text)) lastItem = index;
  });
  if (lastItem === -1) return [];
  for (let index = lastItem + 1; index < paragraphs.length; index += 1) {
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
