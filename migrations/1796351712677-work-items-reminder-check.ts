import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder scan reads only items whose reminders can have changed: each scanned item records
 * when its next threshold is reached (`reminder_check_at`, from the pure `nextReminderCheck`)
 * and the scan's time (`reminder_scanned_at`, so a scan "as of" an earlier time looks again).
 * Anything that changes what the rules decide clears `reminder_check_at` in the database
 * itself, whichever code path (api, import, SQL by hand) made the change: the item's deadline,
 * status, owner, organization or activity, and its plan's policy or time zone.
 */
export class WorkItemsReminderCheck1796351712677 implements MigrationInterface {
  name = 'WorkItemsReminderCheck1796351712677';

  async up(db: QueryRunner): Promise<void> {
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
      CREATE FUNCTION plans_reminder_policy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE work_items SET reminder_check_at = NULL WHERE plan_id = NEW.id AND reminder_check_at IS NOT NULL;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER plans_reminder_policy_changed AFTER UPDATE ON plans FOR EACH ROW
      WHEN (OLD.reminder_policy IS DISTINCT FROM NEW.reminder_policy OR OLD.time_zone IS DISTINCT FROM NEW.time_zone)
      EXECUTE FUNCTION plans_reminder_policy_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER plans_reminder_policy_changed ON plans`);
    await db.query(`DROP FUNCTION plans_reminder_policy_changed()`);
    await db.query(`DROP TRIGGER work_items_reminder_changed ON work_items`);
    await db.query(`DROP FUNCTION work_items_reminder_changed()`);
    await db.query(`ALTER TABLE work_items DROP COLUMN reminder_check_at, DROP COLUMN reminder_scanned_at`);
  }
}
