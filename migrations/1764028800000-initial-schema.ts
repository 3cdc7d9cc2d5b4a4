import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole domain of DESIGN.md. Constraints live here, not only in code: foreign keys, the
 * one-item-per-task-and-organization rule, the notification dedupe key, progress 0–100, and an
 * audit log that cannot be rewritten.
 */
export class InitialSchema1764028800000 implements MigrationInterface {
  name = 'InitialSchema1764028800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('province', 'central', 'city', 'liaison_office', 'enterprise')),
        short_names text[] NOT NULL DEFAULT '{}',
        aliases text[] NOT NULL DEFAULT '{}',
        parent_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
        verified boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        display_name text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('admin', 'manager', 'coordinator', 'liaison', 'viewer')),
        locale text NOT NULL DEFAULT 'zh-CN',
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        notification_preferences jsonb NOT NULL DEFAULT '{"channels":["email","in_app"],"dailyDigest":false}',
        calendar_token_hash text UNIQUE,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX users_organization_role_idx ON users (organization_id, role)`);

    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await db.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);

    await db.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL UNIQUE,
        issuer text,
        period_start int,
        period_end int,
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        source_original text NOT NULL,
        source_normalized text NOT NULL,
        source_sha256 text NOT NULL,
        reminder_policy jsonb,
        reporting_cadence jsonb,
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
      )`);

    await db.query(`
      CREATE TABLE plan_managers (
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, user_id)
      )`);
    await db.query(`CREATE INDEX plan_managers_user_idx ON plan_managers (user_id)`);

    await db.query(`
      CREATE TABLE chapters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        number int NOT NULL CHECK (number > 0),
        title text NOT NULL,
        UNIQUE (plan_id, number)
      )`);

    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        chapter_id uuid REFERENCES chapters (id) ON DELETE SET NULL,
        number int NOT NULL CHECK (number > 0),
        code text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('requirement', 'task', 'safeguard')),
        source_line int,
        UNIQUE (plan_id, number)
      )`);
    await db.query(`CREATE INDEX tasks_chapter_idx ON tasks (chapter_id)`);
    await db.query(`CREATE INDEX tasks_title_trgm_idx ON tasks USING gin (title gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE task_lead_units (
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('lead_province', 'lead_ministry', 'participant')),
        written text NOT NULL,
        inherited boolean NOT NULL DEFAULT false,
        PRIMARY KEY (task_id, organization_id)
      )`);
    await db.query(`CREATE INDEX task_lead_units_organization_idx ON task_lead_units (organization_id)`);

    await db.query(`
      CREATE TABLE plan_indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        name text NOT NULL,
        value numeric,
        unit text,
        year int,
        comparator text,
        source_text text NOT NULL,
        source_line int
      )`);
    await db.query(`CREATE INDEX plan_indicators_plan_idx ON plan_indicators (plan_id)`);

    await db.query(`
      CREATE TABLE work_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        parent_id uuid REFERENCES work_items (id) ON DELETE CASCADE,
        title text NOT NULL,
        owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
        deadline date NOT NULL,
        original_deadline date NOT NULL,
        start_date date NOT NULL,
        status text NOT NULL DEFAULT 'not_started'
          CHECK (status IN ('not_started', 'in_progress', 'blocked', 'done', 'cancelled')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        escalated_at timestamptz,
        last_update_at timestamptz,
        completed_at timestamptz,
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        updated_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'done' OR progress = 100),
        CHECK (start_date <= deadline)
      )`);
    // One top-level item per task × lead unit; sub-items (milestones) hang under it freely.
    await db.query(
      `CREATE UNIQUE INDEX work_items_task_organization_uq ON work_items (task_id, organization_id) WHERE parent_id IS NULL`,
    );
    await db.query(
      `CREATE INDEX work_items_parent_idx ON work_items (parent_id) WHERE parent_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX work_items_organization_status_deadline_idx ON work_items (organization_id, status, deadline)`,
    );
    await db.query(`CREATE INDEX work_items_plan_deadline_idx ON work_items (plan_id, deadline, id)`);
    await db.query(
      `CREATE INDEX work_items_owner_idx ON work_items (owner_id, deadline) WHERE owner_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX work_items_task_idx ON work_items (task_id)`);
    // The reminder scan only ever looks at open items ordered by deadline.
    await db.query(
      `CREATE INDEX work_items_open_deadline_idx ON work_items (deadline) WHERE status IN ('not_started', 'in_progress', 'blocked')`,
    );
    await db.query(`CREATE INDEX work_items_title_trgm_idx ON work_items USING gin (title gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE deadline_extensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        work_item_id uuid NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
        requested_by_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        reason text NOT NULL CHECK (length(reason) > 0),
        progress_at_request smallint NOT NULL CHECK (progress_at_request BETWEEN 0 AND 100),
        previous_deadline date NOT NULL,
        requested_deadline date NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
        decided_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        decided_at timestamptz,
        decision_note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX deadline_extensions_work_item_idx ON deadline_extensions (work_item_id)`);
    await db.query(
      `CREATE UNIQUE INDEX deadline_extensions_one_pending_uq ON deadline_extensions (work_item_id) WHERE state = 'pending'`,
    );

    await db.query(`
      CREATE TABLE work_item_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        work_item_id uuid NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        kind text NOT NULL DEFAULT 'progress' CHECK (kind IN ('progress', 'send_back', 'extension')),
        text text NOT NULL CHECK (length(text) > 0),
        progress smallint CHECK (progress BETWEEN 0 AND 100),
        status_from text,
        status_to text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX work_item_updates_item_idx ON work_item_updates (work_item_id, created_at DESC)`,
    );
    await db.query(`CREATE INDEX work_item_updates_task_idx ON work_item_updates (task_id, created_at DESC)`);

    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name text NOT NULL,
        url text NOT NULL CHECK (url ~ '^https?://'),
        format text NOT NULL CHECK (format IN ('json', 'wecom', 'dingtalk', 'feishu')),
        secret text,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX webhook_endpoints_organization_idx ON webhook_endpoints (organization_id)`);

    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid REFERENCES users (id) ON DELETE CASCADE,
        webhook_endpoint_id uuid REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'in_app', 'webhook')),
        kind text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        work_item_id uuid REFERENCES work_items (id) ON DELETE CASCADE,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        send_after timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((recipient_id IS NOT NULL) OR (webhook_endpoint_id IS NOT NULL)),
        CHECK (state <> 'sent' OR sent_at IS NOT NULL)
      )`);
    await db.query(
      `CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC)`,
    );
    // The sweeper looks for rows still pending after a while.
    await db.query(
      `CREATE INDEX notifications_pending_idx ON notifications (send_after) WHERE state = 'pending'`,
    );
    await db.query(
      `CREATE INDEX notifications_failed_idx ON notifications (created_at DESC) WHERE state = 'failed'`,
    );

    await db.query(`
      CREATE TABLE report_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        name text NOT NULL,
        cron text NOT NULL,
        timezone text NOT NULL DEFAULT 'Asia/Shanghai',
        formats text[] NOT NULL CHECK (cardinality(formats) > 0 AND formats <@ ARRAY['html', 'xlsx', 'pdf', 'csv']),
        recipient_ids uuid[] NOT NULL,
        filters jsonb NOT NULL DEFAULT '{}',
        locale text NOT NULL DEFAULT 'zh-CN',
        created_by_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX report_schedules_plan_idx ON report_schedules (plan_id)`);

    await db.query(`
      CREATE TABLE report_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        schedule_id uuid REFERENCES report_schedules (id) ON DELETE SET NULL,
        requested_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        formats text[] NOT NULL CHECK (cardinality(formats) > 0 AND formats <@ ARRAY['html', 'xlsx', 'pdf', 'csv']),
        filters jsonb NOT NULL DEFAULT '{}',
        locale text NOT NULL DEFAULT 'zh-CN',
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
        summary jsonb,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX report_runs_schedule_idx ON report_runs (schedule_id, created_at)`);
    await db.query(`CREATE INDEX report_runs_plan_idx ON report_runs (plan_id, created_at)`);

    await db.query(`
      CREATE TABLE report_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES report_runs (id) ON DELETE CASCADE,
        format text NOT NULL CHECK (format IN ('html', 'xlsx', 'pdf', 'csv')),
        file_name text NOT NULL,
        content_type text NOT NULL,
        content bytea NOT NULL,
        size int NOT NULL CHECK (size >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, format)
      )`);

    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        organization_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        ip text,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id)`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id)`);
    await db.query(`CREATE INDEX audit_log_created_idx ON audit_log (created_at)`);
    await db.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'report_files',
      'report_runs',
      'report_schedules',
      'notifications',
      'webhook_endpoints',
      'work_item_updates',
      'deadline_extensions',
      'work_items',
      'plan_indicators',
      'task_lead_units',
      'tasks',
      'chapters',
      'plan_managers',
      'plans',
      'refresh_tokens',
      'users',
      'organizations',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP FUNCTION audit_log_is_append_only()`);
  }
}
