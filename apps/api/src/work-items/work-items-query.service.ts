import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OPEN_WORK_ITEM_STATUSES } from '@xietong/domain';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { SqlParams } from '../authorization/sql-params';
import { JointTaskView, TaskViewService } from '../tasks/task-view.service';
import { Page, pageOffset } from './dto/page-query.dto';
import { WorkItemListQueryDto, WorkItemSort } from './dto/work-item-list-query.dto';
import {
  LATEST_UPDATE_JOIN,
  toWorkItemView,
  WORK_ITEM_COLUMNS,
  WORK_ITEM_JOINS,
  WorkItemRow,
  WorkItemView,
} from './work-item-row';
import { WorkItemWriter } from './work-item-writer.service';

const ASCENDING: Readonly<Record<string, string>> = {
  deadline: 'w.deadline',
  progress: 'w.progress',
  priority: `array_position(ARRAY['low', 'normal', 'high', 'urgent'], w.priority)`,
  task: 't.number',
  updatedAt: 'w.updated_at',
  lastUpdateAt: 'w.last_update_at',
};

function orderBy(sort: WorkItemSort): string {
  const descending = sort.startsWith('-');
  const expression = ASCENDING[descending ? sort.slice(1) : sort];
  // The id makes pages stable when many items share a deadline.
  return `${expression} ${descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST'}, w.id`;
}

const OPEN_STATUSES_SQL = OPEN_WORK_ITEM_STATUSES.map((status) => `'${status}'`).join(', ');
const IS_OVERDUE = `(w.status IN (${OPEN_STATUSES_SQL}) AND w.deadline < (now() AT TIME ZONE p.time_zone)::date)`;

export interface WorkItemDetail extends WorkItemView {
  task: JointTaskView['task'];
  taskProgress: number | null;
  /** The task's other lead units with their items, for comparison. */
  otherLeadUnits: JointTaskView['leadUnits'];
  subItems: WorkItemView[];
  /** The original deadline plus every extension asked for, granted or refused. */
  deadlineHistory: { originalDeadline: string; deadline: string; extensions: unknown[] };
}

@Injectable()
export class WorkItemsQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly writer: WorkItemWriter,
    private readonly tasks: TaskViewService,
  ) {}

  /**
   * One query for the page and one for the count. The page is chosen on work_items (with plan and
   * task for time zone, search and sort) before the remaining joins and the latest-update probe
   * run, so those touch only the rows shown.
   */
  async list(user: AuthUser, query: WorkItemListQueryDto): Promise<Page<WorkItemView>> {
    const params = new SqlParams();
    const where = [this.policy.workItemScope(user, 'w', params)];
    if (query.planId) where.push(`w.plan_id = ${params.add(query.planId)}`);
    if (query.taskId) where.push(`w.task_id = ${params.add(query.taskId)}`);
    if (query.chapter) {
      where.push(`t.chapter_id IN (SELECT id FROM chapters WHERE number = ${params.add(query.chapter)})`);
    }
    if (query.organizationId) where.push(`w.organization_id = ${params.add(query.organizationId)}`);
    if (query.ownerId) where.push(`w.owner_id = ${params.add(query.ownerId)}`);
    if (query.status?.length) where.push(`w.status = ANY(${params.add(query.status)}::text[])`);
    if (query.overdue !== undefined) where.push(query.overdue ? IS_OVERDUE : `NOT ${IS_OVERDUE}`);
    if (query.dueAfter) where.push(`w.deadline >= ${params.add(query.dueAfter)}::date`);
    if (query.dueBefore) where.push(`w.deadline <= ${params.add(query.dueBefore)}::date`);
    if (query.q?.trim()) {
      const pattern = params.add(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(w.title ILIKE ${pattern} OR t.title ILIKE ${pattern})`);
    }
    const filtered = `FROM work_items w JOIN plans p ON p.id = w.plan_id JOIN tasks t ON t.id = w.task_id
                      WHERE ${where.join(' AND ')}`;
    const filterValues = [...params.values];
    const order = orderBy(query.sort);

    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `WITH page AS (
           SELECT w.id ${filtered}
           ORDER BY ${order}
           LIMIT ${params.add(query.pageSize)} OFFSET ${params.add(pageOffset(query))}
         )
         SELECT ${WORK_ITEM_COLUMNS}, latest."latestUpdate"
         FROM page JOIN work_items w ON w.id = page.id ${WORK_ITEM_JOINS} ${LATEST_UPDATE_JOIN}
         ORDER BY ${order}`,
        params.values,
      ) as Promise<(WorkItemRow & { latestUpdate: unknown })[]>,
      this.db.query(`SELECT count(*)::int AS total ${filtered}`, filterValues),
    ]);
    return {
      items: rows.map((row) => ({ ...toWorkItemView(row), latestUpdate: row.latestUpdate })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async detail(user: AuthUser, id: string): Promise<WorkItemDetail> {
    const item = await this.writer.find(this.db.manager, id);
    await this.policy.assertWorkItem(user, item, ['view']);
    const task = await this.tasks.findTask(item.taskId);
    const [joint, subItems, extensions] = await Promise.all([
      this.tasks.jointView(task),
      this.db.query(
        `SELECT ${WORK_ITEM_COLUMNS} FROM work_items w ${WORK_ITEM_JOINS}
         WHERE w.parent_id = $1 ORDER BY w.deadline, w.id`,
        [id],
      ) as Promise<WorkItemRow[]>,
      this.db.query(
        `SELECT e.id, e.state, e.previous_deadline::text AS "previousDeadline",
                e.requested_deadline::text AS "requestedDeadline", e.reason, e.progress_at_request AS "progressAtRequest",
                e.created_at AS "requestedAt", json_build_object('id', r.id, 'displayName', r.display_name) AS "requestedBy",
                e.decided_at AS "decidedAt", e.decision_note AS "decisionNote",
                CASE WHEN d.id IS NULL THEN NULL
                     ELSE json_build_object('id', d.id, 'displayName', d.display_name) END AS "decidedBy"
         FROM deadline_extensions e
         JOIN users r ON r.id = e.requested_by_id
         LEFT JOIN users d ON d.id = e.decided_by_id
         WHERE e.work_item_id = $1 ORDER BY e.created_at, e.id`,
        [id],
      ),
    ]);
    return {
      ...toWorkItemView(item),
      task,
      taskProgress: joint.progress,
      otherLeadUnits: joint.leadUnits.filter((unit) => unit.organization.id !== item.organizationId),
      subItems: subItems.map(toWorkItemView),
      deadlineHistory: { originalDeadline: item.originalDeadline, deadline: item.deadline, extensions },
    };
  }
}
