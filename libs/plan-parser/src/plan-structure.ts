import type { DiagnosticLog } from './diagnostics';
import { findInheritanceNote } from './lead-units';
import {
  ITEM_RANK,
  isEnumerationStart,
  matchChapterHeading,
  matchItemStart,
  type ItemStyle,
} from './line-patterns';
import type { Paragraph } from './paragraphs';

export interface ChapterBlock {
  kind: 'chapter';
  number: number;
  title: string;
  line: number;
  /** Paragraphs between the heading and the first item. */
  intro: Paragraph[];
}

export interface ItemBlock {
  kind: 'item';
  number: number;
  code: string;
  style: ItemStyle;
  /** 1 for `(一)`, deeper styles count up (see ITEM_RANK). */
  rank: number;
  /** The nearest item before it of a shallower rank in the same chapter: its parent in the outline. */
  parent?: ItemBlock;
  /** The chapter block the item sits in, if any. */
  chapter?: ChapterBlock;
  line: number;
  /** The item's own paragraph (without the `(五)` marker) followed by the paragraphs that continue it. */
  paragraphs: Paragraph[];
}

/** A paragraph of its own that only says which provinces carry the following tasks. */
export interface NoteBlock {
  kind: 'note';
  paragraph: Paragraph;
}

export type PlanBlock = ChapterBlock | ItemBlock | NoteBlock;

export interface PlanStructure {
  /** Paragraphs before the first chapter or item (title, preamble). */
  preamble: Paragraph[];
  blocks: PlanBlock[];
  /** How many paragraphs open with `一是…二是…`, for a helpful message when there are no items. */
  enumerationCount: number;
}

const MAX_NOTE_PARAGRAPH = 60;

/** Splits paragraphs into chapters (`一、…`) and numbered items (`(一)…`), reporting odd numbering. */
export function buildStructure(paragraphs: readonly Paragraph[], log: DiagnosticLog): PlanStructure {
  const preamble: Paragraph[] = [];
  const blocks: PlanBlock[] = [];
  let chapter: ChapterBlock | undefined;
  let item: ItemBlock | undefined;
  let enumerationCount = 0;
  let reportedItemWithoutChapter = false;

  for (const paragraph of paragraphs) {
    const heading = matchChapterHeading(paragraph.text);
    if (heading) {
      const expected = chapter ? chapter.number + 1 : undefined;
      if (expected !== undefined && heading.number !== expected) {
        log.warning(paragraph.line, `章节编号不连续：上一章为${chapter?.number}，此处为${heading.number}`);
      }
      chapter = {
        kind: 'chapter',
        number: heading.number,
        title: heading.title,
        line: paragraph.line,
        intro: [],
      };
      if (heading.rest.length > 0) {
        chapter.intro.push(restOfParagraph(paragraph, paragraph.text.length - heading.rest.length));
      }
      blocks.push(chapter);
      item = undefined;
      continue;
    }
    const start = matchItemStart(paragraph.text);
    if (start) {
      const rank = ITEM_RANK[start.style];
      const parent = enclosingItem(item, rank);
      checkItemNumber(lastItemOfStyle(blocks, start.style), start, parent ?? chapter, paragraph.line, log);
      if (!chapter && !parent && !reportedItemWithoutChapter) {
        log.warning(paragraph.line, '编号条目出现在任何章节（如“一、…”）之前，章节记为0');
        reportedItemWithoutChapter = true;
      }
      item = {
        kind: 'item',
        number: start.number,
        code: start.code,
        style: start.style,
        rank,
        ...(parent ? { parent } : {}),
        chapter,
        line: paragraph.line,
        paragraphs: [restOfParagraph(paragraph, paragraph.text.length - start.text.length)],
      };
      blocks.push(item);
      continue;
    }
    if (isEnumerationStart(paragraph.text)) enumerationCount += 1;
    if (paragraph.text.length <= MAX_NOTE_PARAGRAPH && findInheritanceNote(paragraph.text)) {
      blocks.push({ kind: 'note', paragraph });
      continue;
    }
    if (item) item.paragraphs.push(paragraph);
    else if (chapter) chapter.intro.push(paragraph);
    else preamble.push(paragraph);
  }
  return { preamble, blocks, enumerationCount };
}

/** The open item (or one of its ancestors) that an item of `rank` nests under. */
function enclosingItem(open: ItemBlock | undefined, rank: number): ItemBlock | undefined {
  let candidate = open;
  while (candidate && candidate.rank >= rank) candidate = candidate.parent;
  return candidate;
}

function lastItemOfStyle(blocks: readonly PlanBlock[], style: ItemStyle): ItemBlock | undefined {
  for (let index = blocks.length - 1; index >= 0; index -= 1) {
    const block = blocks[index];
    if (block.kind === 'item' && block.style === style) return block;
  }
  return undefined;
}

const FIRST_CODE: Readonly<Record<ItemStyle, string>> = {
  'paren-chinese': '(一)',
  arabic: '1.',
  'paren-arabic': '(1)',
  circled: '①',
};

/**
 * Numbering runs on through the plan, or restarts at 1 under a new parent (chapter or outer item);
 * anything else is reported.
 */
function checkItemNumber(
  previous: ItemBlock | undefined,
  start: { number: number; code: string; style: ItemStyle },
  parent: ChapterBlock | ItemBlock | undefined,
  line: number,
  log: DiagnosticLog,
): void {
  const { number } = start;
  if (!previous) {
    const written = start.style === 'paren-chinese' ? `(${number})` : start.code;
    if (number !== 1)
      log.warning(line, `第一个编号条目是${written}而不是${FIRST_CODE[start.style]}，前面的条目可能缺失`);
    return;
  }
  const previousParent = previous.parent ?? previous.chapter;
  const restartsUnderNewParent = number === 1 && previousParent !== parent;
  if (number === previous.number + 1 || restartsUnderNewParent) return;
  if (number === previous.number) {
    log.warning(line, `条目编号重复：${previous.code}出现了两次`);
  } else {
    log.warning(line, `条目编号不连续：${previous.code}之后是第${number}项`);
  }
}

/** The part of a paragraph from `offset` on, keeping line numbers right. */
function restOfParagraph(paragraph: Paragraph, offset: number): Paragraph {
  const text = paragraph.text.slice(offset);
  const segments = paragraph.segments
    .map((segment) => ({ start: Math.max(0, segment.start - offset), line: segment.line }))
    .filter((segment, index, all) => index === all.length - 1 || all[index + 1].start > 0);
  return { text, line: segments[0]?.line ?? paragraph.line, segments };
}
