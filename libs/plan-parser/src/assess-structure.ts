import type { ParsedPlan } from './parsed-plan';

export type StructureAssessment = { ok: true } | { ok: false; code: 'no-numbered-tasks'; message: string };

/**
 * Whether the parse found a plan at all. The API answers 422 with `message` when it did not:
 * parsePlan itself never throws on structureless text.
 */
export function assessStructure(parsed: ParsedPlan): StructureAssessment {
  if (parsed.tasks.length > 0) return { ok: true };
  const chapters = parsed.chapters.length > 0 ? `found ${parsed.chapters.length} chapter(s) but ` : '';
  return {
    ok: false,
    code: 'no-numbered-tasks',
    message: `${chapters}no numbered tasks found; expected chapters like 一、… and items like (一)… (未找到编号任务：计划应包含“一、…”形式的章节和“(一)…”形式的条目)`,
  };
}
