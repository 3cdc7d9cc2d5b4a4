import {
  deadlineStanding,
  DeadlineStanding,
  isDeadlineConfirmed,
  OPEN_WORK_ITEM_STATUSES,
  ReviewState,
  trafficLight,
  TrafficLight,
  WorkItemPriority,
  WorkItemStatus,
} from '@xietong/rules';

/**
 * Columns every work-item read selects, with `w` the item, `p` its plan, `t` its task, `o` its
 * organization and `owner` its owner; join them with {@link WORK_ITEM_JOINS}.
 */
export const WORK_ITEM_COLUMNS = `
  w.id, w.plan_id AS "planId", p.title AS "planTitle", w.task_id AS "taskId", t.number AS "taskNumber",
  t.code AS "taskCode", t.ref AS "taskRef", t.title AS "taskTitle", w.parent_id AS "parentId", w.title,
  w.responsibility,
  w.organization_id AS "organizationId", o.name AS "organizationName", o.code AS "organizationCode",
  w.owner_id AS "ownerId", owner.display_name AS "ownerName",
  w.deadline::text AS deadline, w.original_deadline::text AS "originalDeadline", w.start_date::text AS "startDate",
  w.deadline_confirmed_at AS "deadlineConfirmedAt", w.extension_count AS "extensionCount",
  w.review_state AS "reviewState", w.reviewed_at AS "reviewedAt",
  w.status, w.progress, w.priority, w.escalated_at AS "escalatedAt", w.last_update_at AS "lastUpdateAt",
  w.completed_at AS "completedAt", w.version, w.updated_at AS "updatedAt",
  (now() AT TIME ZONE p.time_zone)::date::text AS today,
  (w.completed_at AT TIME ZONE p.time_zone)::date::text AS "completedOn"`;

export const WORK_ITEM_JOINS = `
  JOIN plans p ON p.id = w.plan_id
  JOIN tasks t ON t.id = w.task_id
  JOIN organizations o ON o.id = w.organization_id
  LEFT JOIN users owner ON owner.id = w.owner_id`;

/** Adds `latest."latestUpdate"`: the newest update of each item, one index probe per row. */
export const LATEST_UPDATE_JOIN = `
  LEFT JOIN LATERAL (
    SELECT json_build_object('id', up.id, 'kind', up.kind, 'text', up.text, 'progress', up.progress,
                             'createdAt', up.created_at, 'authorName', author.display_name,
                             'organizationName', author_org.name) AS "latestUpdate"
    FROM work_item_updates up
    JOIN users author ON author.id = up.author_id
    JOIN organizations author_org ON author_org.id = up.organization_id
    WHERE up.work_item_id = w.id
    ORDER BY up.created_at DESC
    LIMIT 1
  ) latest ON true`;

export interface WorkItemRow {
  id: string;
  planId: string;
  planTitle: string;
  taskId: string;
  taskNumber: number;
  taskCode: string;
  taskRef: string;
  taskTitle: string;
  /** `lead` (牵头) or `support` (配合). */
  responsibility: 'lead' | 'support';
  parentId: string | null;
  title: string;
  organizationId: string;
  organizationName: string;
  organizationCode: string;
  ownerId: string | null;
  ownerName: string | null;
  deadline: string;
  originalDeadline: string;
  startDate: string;
  deadlineConfirmedAt: Date | null;
  extensionCount: number;
  reviewState: ReviewState | null;
  reviewedAt: Date | null;
  status: WorkItemStatus;
  progress: number;
  priority: WorkItemPriority;
  escalatedAt: Date | null;
  lastUpdateAt: Date | null;
  completedAt: Date | null;
  version: number;
  updatedAt: Date;
  /** Today in the plan's time zone: what "overdue" is judged against. */
  today: string;
  completedOn: string | null;
}

export type WorkItemView = Omit<WorkItemRow, 'today' | 'completedOn'> & {
  overdue: boolean;
  trafficLight: TrafficLight;
  deadlineStanding: DeadlineStanding;
  /** Only an approved extension moves a confirmed deadline. */
  deadlineConfirmed: boolean;
};

/** Adds what is derived, never stored: overdue, the traffic light and on time / extended / overdue. */
export function toWorkItemView(row: WorkItemRow): WorkItemView {
  const { today, completedOn, ...item } = row;
  return {
    ...item,
    overdue: OPEN_WORK_ITEM_STATUSES.includes(row.status) && row.deadline < today,
    trafficLight: trafficLight({ ...row, today }),
    deadlineStanding: deadlineStanding({ ...row, completedOn, today }),
    deadlineConfirmed: isDeadlineConfirmed(row),
  };
}
