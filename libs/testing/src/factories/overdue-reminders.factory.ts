import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PlanImporter } from '@xietong/domain';
import { SAMPLE_PLAN_FILE, samplePlansDirectory } from '../../../../seeds/seed-sample-plan';

export interface OverdueMilestonesSpec {
  /** A top-level work item the milestones hang under (their plan, task and organization). */
  parentId: string;
  ownerId: string;
  count: number;
  /** Prefix of their titles, so each batch is told apart. */
  label: string;
}

/**
 * `count` milestones four days overdue, owned by one person: with a plan's reminders on and quiet
 * hours off, the next scan writes one overdue reminder per milestone and channel of the owner.
 */
export async function createOverdueMilestones(db: DataSource, spec: OverdueMilestonesSpec): Promise<void> {
  const deadline = new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 10);
  await db.query(
    `INSERT INTO work_items (plan_id, task_id, organization_id, parent_id, title, owner_id, deadline, original_deadline, start_date, status)
     SELECT p.plan_id, p.task_id, p.organization_id, p.id, $3 || '里程碑' || g, $4, $5, $5, '2021-01-01', 'in_progress'
     FROM work_items p, generate_series(1, $2) g WHERE p.id = $1`,
    [spec.parentId, spec.count, spec.label, spec.ownerId, deadline],
  );
}

export interface EmailReminders {
  /** The Guangxi coordinator, who takes reminders by email only, one mail each. */
  ownerId: string;
  /** A top-level item of the plan to hang milestones under. */
  parentId: string;
}

/**
 * Nothing due but what a test adds: the plan's quiet hours off (so the test means the same at any
 * hour it runs), every item in the database cancelled, and an owner who takes email only, without
 * a digest. With {@link createOverdueMilestones}, each scan writes exactly one mail per milestone.
 */
export async function quietEmailReminders(db: DataSource, planId: string): Promise<EmailReminders> {
  await db.query(`UPDATE plans SET reminder_policy = '{"quietHours": null}' WHERE id = $1`, [planId]);
  await db.query(`UPDATE work_items SET status = 'cancelled'`);
  const [{ id: ownerId }] = await db.query(
    `SELECT id FROM users WHERE email = 'coordinator.gx@xietong.local'`,
  );
  await db.query(
    `UPDATE users SET notification_preferences = '{"channels": ["email"], "dailyDigest": false}' WHERE id = $1`,
    [ownerId],
  );
  const [{ id: parentId }] = await db.query(
    `SELECT id FROM work_items WHERE plan_id = $1 AND parent_id IS NULL ORDER BY id LIMIT 1`,
    [planId],
  );
  return { ownerId, parentId };
}

/** The Beibu Gulf plan imported, with {@link quietEmailReminders}. */
export async function createEmailReminderPlan(db: DataSource): Promise<EmailReminders & { planId: string }> {
  const text = readFileSync(join(samplePlansDirectory(), SAMPLE_PLAN_FILE), 'utf8');
  const { planId } = await new PlanImporter(db).import({ text, actorId: null });
  if (!planId) throw new Error('the Beibu Gulf plan did not import');
  return { planId, ...(await quietEmailReminders(db, planId)) };
}
