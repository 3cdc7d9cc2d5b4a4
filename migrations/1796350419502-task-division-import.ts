import { MigrationInterface, QueryRunner } from 'typeorm';

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 as the parser writes chapter numerals in a task's ref (十, 十一, 二十, 二十一 …). */
function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/**
 * Task-division documents (分工方案): numbering restarts in every chapter, so a task is keyed by
 * its `ref` (`二(一)`) instead of its number; units are lead (牵头) or support (配合) and both get
 * work; tasks carry the document's deadline and milestones.
 *
 * - `tasks.ref` is backfilled as chapter numeral + code, which is what the parser writes for the
 *   only shape that could be imported before (`一、` chapters with `(一)` items), so re-importing
 *   an existing plan finds its tasks instead of duplicating them.
 * - `responsibility` on the task–unit link, copied onto the work item so "my work" and the lists
 *   filter and show 配合 without joining the link table; every existing row is a lead.
 * - `work_items.document_deadline`: the deadline the document gave the item when it was last
 *   imported. While `deadline` still equals it no person has moved it, and a re-import that
 *   changes the document's date moves the item too.
 * - `work_items.import_key`: identifies the sub-items an import made from a task's milestones, so
 *   a re-import updates them instead of adding copies; sub-items people make have none.
 */
export class TaskDivisionImport1796350419502 implements MigrationInterface {
  name = 'TaskDivisionImport1796350419502';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks ADD COLUMN ref text`);
    const numerals = Array.from({ length: 99 }, (_, index) => chineseNumeral(index + 1));
    await db.query(
      `UPDATE tasks t
       SET ref = coalesce((SELECT ($1::text[])[c.number] FROM chapters c WHERE c.id = t.chapter_id), '') || t.code`,
      [numerals],
    );
    await db.query(`ALTER TABLE tasks ALTER COLUMN ref SET NOT NULL`);
    await db.query(`ALTER TABLE tasks DROP CONSTRAINT "tasks_plan_id_number_key"`);
    await db.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_plan_id_ref_key UNIQUE (plan_id, ref)`);
    await db.query(`ALTER TABLE tasks ADD COLUMN deadline date`);
    await db.query(`ALTER TABLE tasks ADD COLUMN deadline_text text`);
    await db.query(`ALTER TABLE tasks ADD COLUMN milestones jsonb NOT NULL DEFAULT '[]'`);

    await db.query(
      `ALTER TABLE task_lead_units ADD COLUMN responsibility text NOT NULL DEFAULT 'lead'
         CHECK (responsibility IN ('lead', 'support'))`,
    );
    await db.query(
      `ALTER TABLE work_items ADD COLUMN responsibility text NOT NULL DEFAULT 'lead'
         CHECK (responsibility IN ('lead', 'support'))`,
    );
    await db.query(`ALTER TABLE work_items ADD COLUMN document_deadline date`);
    await db.query(`UPDATE work_items SET document_deadline = original_deadline WHERE parent_id IS NULL`);
    await db.query(`ALTER TABLE work_items ADD COLUMN import_key text`);
    await db.query(
      `CREATE UNIQUE INDEX work_items_parent_import_key_uq ON work_items (parent_id, import_key)
       WHERE import_key IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM work_items WHERE responsibility = 'support' OR import_key IS NOT NULL`);
    await db.query(`DELETE FROM task_lead_units WHERE responsibility = 'support'`);
    await db.query(`DROP INDEX work_items_parent_import_key_uq`);
    await db.query(`ALTER TABLE work_items DROP COLUMN import_key`);
    await db.query(`ALTER TABLE work_items DROP COLUMN document_deadline`);
    await db.query(`ALTER TABLE work_items DROP COLUMN responsibility`);
    await db.query(`ALTER TABLE task_lead_units DROP COLUMN responsibility`);
    await db.query(`ALTER TABLE tasks DROP COLUMN milestones`);
    await db.query(`ALTER TABLE tasks DROP COLUMN deadline_text`);
    await db.query(`ALTER TABLE tasks DROP COLUMN deadline`);
    await db.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_plan_id_ref_key`);
    await db.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_plan_id_number_key UNIQUE (plan_id, number)`);
    await db.query(`ALTER TABLE tasks DROP COLUMN ref`);
  }
}
