import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryPrepared } from '@xietong/db';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { JointTaskView, TaskViewService } from '../tasks/task-view.service';
import { WorkItemListQueryDto } from './dto/work-item-list-query.dto';
import { decodeWorkItemCursor, WorkItemCursor } from './work-item-cursor';
import { WorkItemListRow, workItemListStatements, WorkItemPage, workItemPage } from './work-item-list.sql';
import {
  toWorkItemView,
  WORK_ITEM_COLUMNS,
  WORK_ITEM_JOINS,
  WorkItemRow,
  WorkItemView,
} from './work-item-row';
import { WorkItemWriter } from './work-item-writer.service';
import { EXPORT_MAX_ROWS, ExportedItem, workItemsWorkbook } from './work-items-workbook';

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

  /** Both statements are prepared (named): the same few shapes run on every request. */
  async list(user: AuthUser, query: WorkItemListQueryDto): Promise<WorkItemPage> {
    const cursor = query.after === undefined ? null : this.cursorOf(query);
    const { page, count } = workItemListStatements(user, query, cursor);
    const [rows, [{ total }]] = await Promise.all([
      queryPrepared<WorkItemListRow>(this.db, 'replica', page.sql, page.values),
      queryPrepared<{ total: number }>(this.db, 'replica', count.sql, count.values),
    ]);
    return workItemPage(query, cursor, rows, total);
  }

  private cursorOf(query: WorkItemListQueryDto): WorkItemCursor {
    if (query.page !== 1) {
      throw new BadRequestException(
        'after 与 page 不能同时使用：after 从上一页的 nextCursor 接着列出。Use either after or page: after continues from the previous page’s nextCursor.',
      );
    }
    const cursor = decodeWorkItemCursor(query.after!);
    if (!cursor) {
      throw new BadRequestException(
        'after 不是有效的翻页游标，请使用上一页返回的 nextCursor。after is not a cursor: pass the nextCursor of the previous page.',
      );
    }
    if (cursor.sort !== query.sort) {
      throw new BadRequestException(
        `该游标属于排序 ${cursor.sort}，与 sort=${query.sort} 不符；请从第一页重新列出。The cursor belongs to sort=${cursor.sort}, not sort=${query.sort}; start again from the first page.`,
      );
    }
    return cursor;
  }

  /** Every item of the list as filtered, searched and sorted, as an XLSX workbook. */
  async exportWorkbook(user: AuthUser, query: WorkItemListQueryDto): Promise<Buffer> {
    const { page, count } = workItemListStatements(
      user,
      { ...query, page: 1, pageSize: EXPORT_MAX_ROWS },
      null,
    );
    // The count stops a little past the page, which is all this needs to know.
    const [{ total }] = await queryPrepared<{ total: number }>(this.db, 'replica', count.sql, count.values);
    if (total > EXPORT_MAX_ROWS) {
      throw new UnprocessableEntityException(
        `这个列表超过一次导出的上限 ${EXPORT_MAX_ROWS} 项；请按规划、单位或状态筛选后再导出。` +
          ` The list holds more than the ${EXPORT_MAX_ROWS} items one export can hold; filter it first.`,
      );
    }
    const [rows, [{ timeZone }]] = await Promise.all([
      queryPrepared<WorkItemRow & { latestUpdate: ExportedItem['latestUpdate'] }>(
        this.db,
        'replica',
        page.sql,
        page.values,
      ),
      this.db.query(`SELECT time_zone AS "timeZone" FROM users WHERE id = $1`, [user.id]),
    ]);
    return workItemsWorkbook(
      rows.map((row) => ({ ...toWorkItemView(row), latestUpdate: row.latestUpdate })),
      timeZone,
    );
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
