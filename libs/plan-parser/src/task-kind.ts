import type { TaskKind } from './parsed-plan';
import type { ChapterBlock } from './plan-structure';

const REQUIREMENT_CHAPTER =
  /总体要求|总体思路|指导思想|基本原则|发展目标|总体目标|主要目标|战略定位|目标任务/;
const SAFEGUARD_CHAPTER =
  /保障措施|实施保障|组织实施|组织保障|组织领导|保障机制|政策保障|实施机制|推进机制|组织协调/;
const REQUIREMENT_ITEM =
  /^(?:指导思想|基本原则|工作原则|总体要求|总体思路|发展目标|主要目标|总体目标|工作目标|发展方向|战略定位|功能定位)$/;
const CLOSING_CHAPTER_WORDS = /保障|实施|组织|机制|落实/;

/**
 * requirement: the general requirements (guiding ideology, principles, goals); safeguard: the
 * implementation guarantees that close the plan; task: everything else. Chapter titles decide
 * first, then the item title; a closing chapter about 保障/实施 whose items name no lead units
 * is read as safeguards even when its title is worded differently.
 */
export function classifyItem(
  chapter: ChapterBlock | undefined,
  itemTitle: string,
  closingSafeguardChapter: ChapterBlock | undefined,
): TaskKind {
  if (chapter && REQUIREMENT_CHAPTER.test(chapter.title)) return 'requirement';
  if (chapter && (SAFEGUARD_CHAPTER.test(chapter.title) || chapter === closingSafeguardChapter))
    return 'safeguard';
  return REQUIREMENT_ITEM.test(itemTitle) ? 'requirement' : 'task';
}

/** The last chapter, when it is about implementation and none of its items has a lead list. */
export function findClosingSafeguardChapter(
  chapters: readonly ChapterBlock[],
  chapterHasLeadList: (chapter: ChapterBlock) => boolean,
): ChapterBlock | undefined {
  const last = chapters[chapters.length - 1];
  if (!last || !CLOSING_CHAPTER_WORDS.test(last.title) || chapterHasLeadList(last)) return undefined;
  return last;
}
