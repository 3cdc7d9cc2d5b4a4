import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

type Queryable = DataSource | EntityManager;

export interface VolumePlanSpec {
  title?: string;
  /** Tasks numbered 1…n, spread round-robin over the chapters. */
  tasks: number;
  chapters?: number;
  /** Seeded organization codes (GX, GD, NDRC …); every one leads every task. */
  leadCodes: string[];
  periodStart?: number;
  periodEnd?: number;
  /** Every item runs from this date to `deadline` unless `varied` spreads them. */
  startDate?: string;
  deadline?: string;
  /** Emails of users added to plan_managers. */
  managerEmails?: string[];
  /**
   * Deterministic variety for volume tests: statuses, progress and deadlines spread from each
   * item's row number, so some items are done, blocked, overdue or due soon.
   */
  varied?: boolean;
}

/**
 * A plan of any size for reports and benchmarks: chapters, tasks, lead units and one work item
 * per task × lead unit, written with set-based inserts so 50,000 items take seconds
 * (`createJointPlan` builds small hand-described plans).
 */
export async function createVolumePlan(
  db: Queryable,
  options: VolumePlanSpec,
): Promise<{ id: string; title: string }> {
  const title = options.title ?? `测试规划 ${randomBytes(4).toString('hex')}`;
  const [plan] = await db.query(
    `INSERT INTO plans (title, issuer, period_start, period_end, source_original, source_normalized, source_sha256)
     VALUES ($1, '国家发展改革委', $2, $3, $1, $1, md5($1)) RETURNING id`,
    [title, options.periodStart ?? 2026, options.periodEnd ?? 2030],
  );
  const chapters = options.chapters ?? 3;
  await db.query(
    `INSERT INTO chapters (plan_id, number, title)
     SELECT $1, n, '第' || n || '章' FROM generate_series(1, $2::int) n`,
    [plan.id, chapters],
  );
  await db.query(
    `INSERT INTO tasks (plan_id, chapter_id, number, code, ref, title, body, kind)
     SELECT $1, ch.id, n, '(' || n || ')', '(' || n || ')', '任务' || n, '任务' || n || '的正文。', 'task'
     FROM generate_series(1, $2::int) n
     JOIN chapters ch ON ch.plan_id = $1 AND ch.number = (n - 1) % $3 + 1`,
    [plan.id, options.tasks, chapters],
  );
  await db.query(
    `INSERT INTO task_lead_units (task_id, organization_id, role, written)
     SELECT t.id, o.id, CASE o.kind WHEN 'province' THEN 'lead_province' ELSE 'lead_ministry' END, o.name
     FROM tasks t CROSS JOIN organizations o
     WHERE t.plan_id = $1 AND o.code = ANY($2::text[])`,
    [plan.id, options.leadCodes],
  );
  await db.query(
    `INSERT INTO work_items (plan_id, task_id, organization_id, title, start_date, deadline, original_deadline,
                             status, progress, completed_at)
     SELECT $1, item.task_id, item.organization_id, item.title, item.start_date, item.deadline, item.deadline,
            item.status, item.progress, CASE WHEN item.status = 'done' THEN now() END
     FROM (
       SELECT l.task_id, l.organization_id, t.title || ' — ' || l.written AS title, $2::date AS start_date,
              CASE WHEN $4::boolean THEN $2::date + 30 + (n * 7919 % 700) ELSE $3::date END AS deadline,
              CASE WHEN NOT $4::boolean THEN 'not_started'
                   ELSE (ARRAY['not_started', 'in_progress', 'in_progress', 'in_progress', 'blocked', 'done',
                               'cancelled'])[n % 7 + 1] END AS status,
              CASE WHEN NOT $4::boolean THEN 0 WHEN n % 7 = 5 THEN 100 WHEN n % 7 = 0 THEN 0 ELSE n * 37 % 100 END AS progress
       FROM (SELECT l.*, row_number() OVER (ORDER BY l.task_id, l.organization_id)::int AS n
             FROM task_lead_units l JOIN tasks t ON t.id = l.task_id WHERE t.plan_id = $1) l
       JOIN tasks t ON t.id = l.task_id
     ) item`,
    [plan.id, options.startDate ?? '2026-01-01', options.deadline ?? '2026-12-31', options.varied ?? false],
  );
  if (options.managerEmails?.length) {
    await db.query(
      `INSERT INTO plan_managers (plan_id, user_id) SELECT $1, id FROM users WHERE email = ANY($2::text[])`,
      [plan.id, options.managerEmails],
    );
  }
  return { id: plan.id, title };
}

export interface WorkItemChange {
  status?: 'not_started' | 'in_progress' | 'blocked' | 'done' | 'cancelled';
  progress?: number;
  deadline?: string;
  ownerEmail?: string;
}

/** Sets a work item's state as people would have left it (done means progress 100 and a completion time). */
export async function changeWorkItem(
  db: Queryable,
  workItemId: string,
  change: WorkItemChange,
): Promise<void> {
  await db.query(
    `UPDATE work_items wi
     SET status = coalesce($2, wi.status),
         progress = coalesce($3, CASE WHEN $2 = 'done' THEN 100 END, wi.progress),
         deadline = coalesce($4::date, wi.deadline),
         start_date = least(wi.start_date, coalesce($4::date, wi.deadline)),
         owner_id = coalesce((SELECT id FROM users WHERE email = $5), wi.owner_id),
         completed_at = CASE WHEN $2 = 'done' THEN now() ELSE wi.completed_at END,
         version = wi.version + 1
     WHERE wi.id = $1`,
    [
      workItemId,
      change.status ?? null,
      change.progress ?? null,
      change.deadline ?? null,
      change.ownerEmail ?? null,
    ],
  );
}

/** A progress update by `authorEmail` on a work item, at `at` (now by default). */
export async function postUpdate(
  db: Queryable,
  workItemId: string,
  authorEmail: string,
  text: string,
  options: { progress?: number; at?: Date } = {},
): Promise<void> {
  const at = options.at ?? new Date();
  await db.query(
    `INSERT INTO work_item_updates (work_item_id, task_id, author_id, organization_id, text, progress, created_at)
     SELECT wi.id, wi.task_id, u.id, u.organization_id, $3, $4, $5
     FROM work_items wi, users u WHERE wi.id = $1 AND u.email = $2`,
    [workItemId, authorEmail, text, options.progress ?? null, at],
  );
  await db.query(
    `UPDATE work_items SET last_update_at = greatest(last_update_at, $2::timestamptz) WHERE id = $1`,
    [workItemId, at],
  );
}
