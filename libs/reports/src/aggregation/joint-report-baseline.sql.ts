import { openStatusSql } from '@xietong/db';
import { TRAFFIC_LIGHT_DEFAULTS, type TrafficLight } from '@xietong/rules';
import type { WorkItemStatus } from '../joint-report';

/** SQL expressions (column names, casts or parameters) for the inputs of the traffic-light rule. */
export interface TrafficLightSqlInput {
  status: string;
  progress: string;
  startDate: string;
  deadline: string;
  today: string;
}

/**
 * `trafficLight()` with its default options as one SQL CASE expression, step for step: the same
 * order of checks, and 序时进度 in float8 so a boundary case rounds as it does in JavaScript.
 */
export function trafficLightSql({
  status,
  progress,
  startDate,
  deadline,
  today,
}: TrafficLightSqlInput): string {
  const { behindMargin, dueSoonDays, nearlyDone } = TRAFFIC_LIGHT_DEFAULTS;
  const total = `(${deadline} - ${startDate})`;
  const elapsed = `(${today} - ${startDate})`;
  const expectedProgress = `CASE WHEN ${total} <= 0 THEN CASE WHEN ${elapsed} >= ${total} THEN 100 ELSE 0 END
                                 ELSE least(100, greatest(0, ${elapsed}::float8 / ${total} * 100)) END`;
  return `CASE
    WHEN ${status} = 'cancelled' THEN 'grey'
    WHEN ${status} = 'done' THEN 'green'
    WHEN ${status} = 'blocked' OR ${deadline} < ${today} THEN 'red'
    WHEN ${expectedProgress} - ${progress} > ${behindMargin}
      OR (${deadline} - ${today} <= ${dueSoonDays} AND ${progress} < ${nearlyDone}) THEN 'yellow'
    ELSE 'green' END`;
}

/**
 * The benchmark's yardstick: the content of a whole plan's joint report (no filters), computed in
 * the simplest honest way, one hand-written query. "The same figures" means everything the report
 * counts or derives from the items — not the names and texts it looks up around them:
 *
 * - one row per organization and one headline row (`organization_id` NULL), with the counts by
 *   status, overdue, average progress and the items behind schedule (the 通报 ranking's figures);
 * - one row per work item (`work_item_id` set) with its matrix cell: task, organization, status,
 *   progress, deadline, the traffic light by the same rule as `trafficLight()`, and days overdue.
 *
 * `buildJointReport` additionally sorts, looks up task titles, chapters and owners, lists the
 * overdue and due-soon items, reads recent updates and indicators, and builds the snapshot for
 * the next run; the yardstick leaves that out, so the comparison favours the yardstick.
 * Parameters: $1 plan id, $2 the report date (YYYY-MM-DD).
 */
export const jointReportBaselineSql = `
  WITH item AS (
    SELECT wi.id, wi.task_id, wi.organization_id, wi.status, wi.progress, wi.deadline,
           ${openStatusSql('wi.status')} AND wi.deadline < $2::date AS overdue,
           ${trafficLightSql({
             status: 'wi.status',
             progress: 'wi.progress',
             startDate: 'wi.start_date',
             deadline: 'wi.deadline',
             today: '$2::date',
           })} AS light
    FROM work_items wi
    WHERE wi.plan_id = $1 AND wi.parent_id IS NULL
  )
  SELECT NULL::uuid AS work_item_id, NULL::uuid AS task_id, item.organization_id,
         count(*)::int AS items,
         count(*) FILTER (WHERE item.status = 'done')::int AS done,
         count(*) FILTER (WHERE item.status = 'in_progress')::int AS in_progress,
         count(*) FILTER (WHERE item.status = 'not_started')::int AS not_started,
         count(*) FILTER (WHERE item.status = 'blocked')::int AS blocked,
         count(*) FILTER (WHERE item.status = 'cancelled')::int AS cancelled,
         count(*) FILTER (WHERE item.overdue)::int AS overdue,
         coalesce(avg(item.progress) FILTER (WHERE item.status <> 'cancelled'), 0)::float8 AS average_progress,
         count(*) FILTER (WHERE NOT item.overdue AND item.light IN ('yellow', 'red'))::int AS behind_schedule,
         NULL AS status, NULL::int AS progress, NULL AS deadline, NULL AS light, NULL::int AS days_overdue
  FROM item
  GROUP BY ROLLUP (item.organization_id)
  UNION ALL
  SELECT item.id, item.task_id, item.organization_id,
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         item.status, item.progress, item.deadline::text, item.light,
         CASE WHEN item.overdue THEN $2::date - item.deadline ELSE 0 END
  FROM item`;

/** A figures row (`work_item_id` NULL: the headline when `organization_id` is NULL too) or an item row. */
export type JointReportBaselineRow = JointReportBaselineFiguresRow | JointReportBaselineItemRow;

interface NoFigures {
  items: null;
  done: null;
  in_progress: null;
  not_started: null;
  blocked: null;
  cancelled: null;
  overdue: null;
  average_progress: null;
  behind_schedule: null;
}

export interface JointReportBaselineFiguresRow extends Record<keyof NoFigures, number> {
  work_item_id: null;
  task_id: null;
  organization_id: string | null;
  status: null;
  progress: null;
  deadline: null;
  light: null;
  days_overdue: null;
}

export interface JointReportBaselineItemRow extends NoFigures {
  work_item_id: string;
  task_id: string;
  organization_id: string;
  status: WorkItemStatus;
  progress: number;
  /** YYYY-MM-DD */
  deadline: string;
  light: TrafficLight;
  days_overdue: number;
}
