import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose view a report run holds: null for the whole plan, otherwise the organization whose led
 * tasks it covers (what that organization's coordinators, liaisons and viewers may see). The
 * index serves the per-person limits on report runs.
 */
export class ReportRunScope1796353104166 implements MigrationInterface {
  name = 'ReportRunScope1796353104166';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE report_runs ADD COLUMN scope_organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE`,
    );
    await db.query(
      `CREATE INDEX report_runs_requested_by_created_idx ON report_runs (requested_by_id, created_at)
       WHERE requested_by_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX report_runs_requested_by_created_idx`);
    await db.query(`ALTER TABLE report_runs DROP COLUMN scope_organization_id`);
  }
}
