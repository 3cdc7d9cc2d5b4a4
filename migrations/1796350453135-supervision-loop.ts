import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervision loop: a deadline is confirmed once (later dates only by approved extension),
 * a done item waits for review (待审核 → 销号 or 退回), evidence files are kept in Postgres in
 * chunks so neither upload nor download holds a whole file, and an update may address another
 * lead unit (a question that waits in its inbox).
 */
export class SupervisionLoop1796350453135 implements MigrationInterface {
  name = 'SupervisionLoop1796350453135';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE work_items
        ADD COLUMN deadline_confirmed_at timestamptz,
        ADD COLUMN extension_count int NOT NULL DEFAULT 0 CHECK (extension_count >= 0),
        ADD COLUMN review_state text CHECK (review_state IN ('pending', 'accepted')),
        ADD COLUMN reviewed_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN reviewed_at timestamptz,
        ADD CONSTRAINT work_items_review_only_when_done CHECK (review_state IS NULL OR status = 'done')`);
    await db.query(`
      UPDATE work_items w SET extension_count = e.n, deadline_confirmed_at = e.first_at
      FROM (SELECT work_item_id, count(*)::int AS n, min(created_at) AS first_at
            FROM deadline_extensions WHERE state = 'approved' GROUP BY work_item_id) e
      WHERE e.work_item_id = w.id`);
    // Items finished before reviews existed were closed by their coordinators: they count as accepted.
    await db.query(
      `UPDATE work_items SET review_state = 'accepted' WHERE status = 'done' AND parent_id IS NULL`,
    );
    await db.query(
      `CREATE INDEX work_items_review_pending_idx ON work_items (plan_id) WHERE review_state = 'pending'`,
    );
    await db.query(`ALTER TABLE plans ADD COLUMN supervision_policy jsonb`);

    await db.query(`ALTER TABLE work_item_updates DROP CONSTRAINT work_item_updates_kind_check`);
    await db.query(`
      ALTER TABLE work_item_updates
        ADD CONSTRAINT work_item_updates_kind_check
          CHECK (kind IN ('progress', 'send_back', 'extension', 'accepted')),
        ADD COLUMN addressed_organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL`);
    await db.query(
      `CREATE INDEX work_item_updates_addressed_idx ON work_item_updates (addressed_organization_id, created_at DESC) WHERE addressed_organization_id IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        work_item_id uuid NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
        update_id uuid REFERENCES work_item_updates (id) ON DELETE CASCADE,
        extension_id uuid REFERENCES deadline_extensions (id) ON DELETE CASCADE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage text NOT NULL CHECK (storage IN ('postgres', 's3')),
        storage_key text NOT NULL,
        uploaded_by_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX attachments_work_item_idx ON attachments (work_item_id)`);
    await db.query(
      `CREATE INDEX attachments_update_idx ON attachments (update_id) WHERE update_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX attachments_extension_idx ON attachments (extension_id) WHERE extension_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE attachment_chunks (
        attachment_id uuid NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
        seq int NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (attachment_id, seq)
      )`);
    // Chunks are already compressed formats (PDF, images, zip-based Office): TOAST compression only costs CPU.
    await db.query(`ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE attachment_chunks`);
    await db.query(`DROP TABLE attachments`);
    await db.query(`DELETE FROM work_item_updates WHERE kind = 'accepted'`);
    await db.query(`
      ALTER TABLE work_item_updates
        DROP COLUMN addressed_organization_id,
        DROP CONSTRAINT work_item_updates_kind_check,
        ADD CONSTRAINT work_item_updates_kind_check CHECK (kind IN ('progress', 'send_back', 'extension'))`);
    await db.query(`ALTER TABLE plans DROP COLUMN supervision_policy`);
    await db.query(`
      ALTER TABLE work_items
        DROP COLUMN reviewed_at, DROP COLUMN reviewed_by_id, DROP COLUMN review_state,
        DROP COLUMN extension_count, DROP COLUMN deadline_confirmed_at`);
  }
}
