import { DataSource } from 'typeorm';

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
