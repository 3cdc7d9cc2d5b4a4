import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries mark a row `sending` (committed) before the receiver can accept it and `sent` after,
 * so a crash in between leaves a row the sweeper delivers again with the same Message-ID /
 * Idempotency-Key instead of a row marked sent that never arrived. `handed_over_at` marks the
 * moment the receiver may accept (one row per worker process at a time); `redeliveries` counts rows
 * sent again after a crash in that window (possible duplicates, at most one per crash); `failure_kind` tells transient failures, which keep being
 * retried, from permanent ones; `first_failed_at` starts the retry window; `batch_id` keeps a
 * digest mail's rows together so a resend carries the same rows under the same Message-ID.
 */
export class DeliverySendingState1796350767603 implements MigrationInterface {
  name = 'DeliverySendingState1796350767603';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_state_check`);
    await db.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_state_check
         CHECK (state IN ('pending', 'sending', 'sent', 'failed'))`,
    );
    await db.query(`
      ALTER TABLE notifications
        ADD COLUMN redeliveries int NOT NULL DEFAULT 0 CHECK (redeliveries >= 0),
        ADD COLUMN failure_kind text CHECK (failure_kind IN ('transient', 'permanent')),
        ADD COLUMN first_failed_at timestamptz,
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN handed_over_at timestamptz,
        ADD COLUMN batch_id uuid`);
    // The sweeper's second look: rows a dead worker left sending, and transient failures to retry.
    await db.query(
      `CREATE INDEX notifications_retry_idx ON notifications (last_attempt_at)
         WHERE state = 'sending' OR (state = 'failed' AND failure_kind = 'transient')`,
    );
    await db.query(
      `CREATE INDEX notifications_batch_idx ON notifications (batch_id) WHERE batch_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notifications_batch_idx`);
    await db.query(`DROP INDEX notifications_retry_idx`);
    await db.query(`UPDATE notifications SET state = 'pending' WHERE state = 'sending'`);
    await db.query(`
      ALTER TABLE notifications
        DROP COLUMN redeliveries, DROP COLUMN failure_kind, DROP COLUMN first_failed_at,
        DROP COLUMN last_attempt_at, DROP COLUMN handed_over_at, DROP COLUMN batch_id`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_state_check`);
    await db.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_state_check CHECK (state IN ('pending', 'sent', 'failed'))`,
    );
  }
}
