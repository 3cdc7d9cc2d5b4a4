import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryReplica } from '@xietong/db';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { JointTaskView, TaskViewService } from '../tasks/task-view.service';
import { Page } from './dto/page-query.dto';
import { WorkItemListQueryDto } from './dto/work-item-list-query.dto';
import { workItemListStatements } from './work-item-list.sql';
import {
  toWorkItemView,
  WORK_ITEM_COLUMNS,
  WORK_ITEM_JOINS,
  WorkItemRow,
  WorkItemView,
} from './work-item-row';
import { WorkItemWriter } from './work-item-writer.service';

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

  async list(user: AuthUser, query: WorkItemListQueryDto): Promise<Page<WorkItemView>> {
    const { page, count } = workItemListStatements(user, query);
    const [rows, [{ total }]] = await Promise.all([
      queryReplica<(WorkItemRow & { latestUpdate: unknown })[]>(this.db, page.sql, page.values),
      queryReplica<{ total: number }[]>(this.db, count.sql, count.values),
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
