import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New people start with other lead units' updates in the daily digest (`coLeadUpdates: digest`,
 * the rules' default), written into the column default so every writer — api, seeds, SQL — gives
 * it. Stored preferences without the key read as the default already, so rows are left as they are.
 */
export class CoLeadUpdatesDefault1796360100000 implements MigrationInterface {
  name = 'CoLeadUpdatesDefault1796360100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE users ALTER COLUMN notification_preferences
       SET DEFAULT '{"channels": ["email", "in_app"], "dailyDigest": false, "coLeadUpdates": "digest"}'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE users ALTER COLUMN notification_preferences
       SET DEFAULT '{"channels": ["email", "in_app"], "dailyDigest": false}'`,
    );
  }
}
