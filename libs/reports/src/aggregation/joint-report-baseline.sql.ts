/**
 * The benchmark's yardstick: one hand-written query for the figures of a joint report — the
 * headline (organization_id NULL) and every organization's — over a whole plan, without filters.
 * Parameters: $1 plan id, $2 the report date (YYYY-MM-DD). `buildJointReport` must agree with it.
 */
export const jointReportBaselineSql = `
  SELECT wi.organization_id,
         count(*)::int AS items,
         sum(CASE WHEN wi.status = 'done' THEN 1 ELSE 0 END)::int AS done,
         sum(CASE WHEN wi.status = 'in_progress' THEN 1 ELSE 0 END)::int AS in_progress,
         sum(CASE WHEN wi.status = 'not_started' THEN 1 ELSE 0 END)::int AS not_started,
         sum(CASE WHEN wi.status = 'blocked' THEN 1 ELSE 0 END)::int AS blocked,
         sum(CASE WHEN wi.status = 'cancelled' THEN 1 ELSE 0 END)::int AS cancelled,
         sum(CASE WHEN wi.status NOT IN ('done', 'cancelled') AND wi.deadline < $2::date THEN 1 ELSE 0 END)::int AS overdue,
         coalesce(sum(CASE WHEN wi.status <> 'cancelled' THEN wi.progress END)::float8
                  / nullif(sum(CASE WHEN wi.status <> 'cancelled' THEN 1 ELSE 0 END), 0), 0) AS average_progress
  FROM work_items wi
  WHERE wi.plan_id = $1 AND wi.parent_id IS NULL
  GROUP BY ROLLUP (wi.organization_id)`;

export interface JointReportBaselineRow {
  organization_id: string | null;
  items: number;
  done: number;
  in_progress: number;
  not_started: number;
  blocked: number;
  cancelled: number;
  overdue: number;
  average_progress: number;
}
