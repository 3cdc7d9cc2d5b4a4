import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder scan's bookkeeping moves out of work_items into a narrow table of its own. Written
 * on work_items, every recorded check was a new row version in a wide table with many indexes
 * (the search bigram index among them): a cold scan of 100,000 items spent most of its time
 * there. Here it is one small row per item. The triggers now delete the item's check instead of
 * clearing a column; same conditions.
 */
export class WorkItemReminderChecks1796354502565 implements MigrationInterface {
  name = 'WorkItemReminderChecks1796354502565';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER work_items_reminder_changed ON work_items`);
    await db.query(`DROP FUNCTION work_items_reminder_changed()`);
    await db.query(`ALTER TABLE work_items DROP COLUMN reminder_check_at, DROP COLUMN reminder_scanned_at`);
    await db.query(`
      CREATE TABLE work_item_reminder_checks (
        work_item_id uuid PRIMARY KEY REFERENCES work_items (id) ON DELETE CASCADE,
        check_at timestamptz NOT NULL,
        scanned_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE FUNCTION work_items_reminder_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM work_item_reminder_checks WHERE work_item_id = NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER work_items_reminder_changed AFTER UPDATE ON work_items FOR EACH ROW
      WHEN (OLD.deadline IS DISTINCT FROM NEW.deadline OR OLD.status IS DISTINCT FROM NEW.status
            OR OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
            OR OLD.last_update_at IS DISTINCT FROM NEW.last_update_at OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
      EXECUTE FUNCTION work_items_reminder_changed()`);
    await db.query(`
      CREATE OR REPLACE FUNCTION plans_reminder_policy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM work_item_reminder_checks c USING work_items w WHERE w.id = c.work_item_id AND w.plan_id = NEW.id;
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER work_items_reminder_changed ON work_items`);
    await db.query(`DROP FUNCTION work_items_reminder_changed()`);
    await db.query(`DROP TABLE work_item_reminder_checks`);
    await db.query(
      `ALTER TABLE work_items ADD COLUMN reminder_check_at timestamptz, ADD COLUMN reminder_scanned_at timestamptz`,
    );
    await db.query(`
      CREATE FUNCTION work_items_reminder_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.reminder_check_at := NULL;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER work_items_reminder_changed BEFORE UPDATE ON work_items FOR EACH ROW
      WHEN (OLD.deadline IS DISTINCT FROM NEW.deadline OR OLD.status IS DISTINCT FROM NEW.status
            OR OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
            OR OLD.last_update_at IS DISTINCT FROM NEW.last_update_at OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
      EXECUTE FUNCTION work_items_reminder_changed()`);
    await db.query(`
      CREATE OR REPLACE FUNCTION plans_reminder_policy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE work_items SET reminder_check_at = NULL WHERE plan_id = NEW.id AND reminder_check_at IS NOT NULL;
        RETURN NULL;
      END $$`);
  }
}
