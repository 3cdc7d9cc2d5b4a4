import { ImportedTask, ImportedUnit } from '../../api/types';

/** A unit the coordinator picked from the dictionary instead of the one the parser read. */
export interface ChosenUnit {
  id: string;
  name: string;
}

/** What the coordinator changed on one task, keyed by the names the preview gave the units. */
export interface TaskEdit {
  drop?: boolean;
  /** Present when changed: a date, or null for "none" (the items take the plan's end). */
  deadline?: string | null;
  replace?: Record<string, ChosenUnit>;
}

export type Edits = Record<string, TaskEdit>;

/** The body's `corrections`: only the tasks that were changed, in the API's shape. */
export function toCorrections(edits: Edits) {
  return Object.entries(edits)
    .map(([ref, edit]) => ({
      ref,
      ...(edit.drop ? { drop: true } : {}),
      ...(edit.deadline !== undefined && !edit.drop ? { deadline: edit.deadline } : {}),
      ...(edit.replace && !edit.drop && Object.keys(edit.replace).length
        ? { replaceUnits: Object.entries(edit.replace).map(([from, unit]) => ({ from, to: unit.id })) }
        : {}),
    }))
    .filter((correction) => Object.keys(correction).length > 1);
}

/** A unit as the table shows it: the parser's, or the one chosen in its place. */
export function shownUnit(
  unit: ImportedUnit,
  edit: TaskEdit | undefined,
): ImportedUnit & { changed: boolean } {
  const chosen = edit?.replace?.[unit.name];
  return chosen
    ? { name: chosen.name, written: unit.written, verified: true, changed: true }
    : { ...unit, changed: false };
}

export function shownDeadline(task: ImportedTask, edit: TaskEdit | undefined): string | null {
  return edit && edit.deadline !== undefined ? edit.deadline : task.deadline;
}
