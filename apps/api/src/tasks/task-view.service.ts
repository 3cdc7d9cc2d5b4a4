import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LeadUnitRole, Responsibility } from '@xietong/domain';
import { rollUpProgress } from '@xietong/rules';
import { TaskPolicySubject } from '../authorization/policy.service';
import {
  LATEST_UPDATE_JOIN,
  toWorkItemView,
  WORK_ITEM_COLUMNS,
  WORK_ITEM_JOINS,
  WorkItemRow,
  WorkItemView,
} from '../work-items/work-item-row';

export interface TaskSummary extends TaskPolicySubject {
  number: number;
  body: string;
  kind: string;
  chapter: { id: string; number: number; title: string } | null;
}

export interface LatestUpdate {
  id: string;
  kind: string;
  text: string;
  progress: number | null;
  createdAt: string;
  authorName: string;
  organizationName: string;
}

export interface LeadUnitColumn {
  organization: { id: string; code: string; name: string; kind: string };
  role: LeadUnitRole;
  /** 牵头 or 配合; lead units come first. */
  responsibility: Responsibility;
  /** The name as the plan wrote it. */
  written: string;
  item: (WorkItemView & { latestUpdate: LatestUpdate | null }) | null;
}

export interface JointTaskView {
  task: TaskSummary;
  /** Mean progress of the lead units' items, cancelled ones left out. */
  progress: number | null;
  leadUnits: LeadUnitColumn[];
}

/** The joint (cross-province) view of one task: every lead unit's item side by side. */
@Injectable()
export class TaskViewService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findTask(taskId: string): Promise<TaskSummary> {
    const [task] = await this.db.query(
      `SELECT t.id, t.plan_id AS "planId", p.title AS "planTitle", t.number, t.code, t.title, t.body, t.kind,
              CASE WHEN c.id IS NULL THEN NULL
                   ELSE json_build_object('id', c.id, 'number', c.number, 'title', c.title) END AS chapter
       FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN chapters c ON c.id = t.chapter_id
       WHERE t.id = $1`,
      [taskId],
    );
    if (!task) throw new NotFoundException(`没有 id 为 ${taskId} 的任务；请从规划的任务列表重新打开。`);
    return task;
  }

  /** Two queries whatever the number of lead units: the units, and their items with each one's latest update. */
  async jointView(task: TaskSummary): Promise<JointTaskView> {
    const [units, items] = await Promise.all([
      this.db.query(
        `SELECT json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'kind', o.kind) AS organization,
                l.role, l.responsibility, l.written
         FROM task_lead_units l JOIN organizations o ON o.id = l.organization_id
         WHERE l.task_id = $1
         ORDER BY l.responsibility, array_position(ARRAY['lead_province', 'lead_ministry', 'participant'], l.role), o.code`,
        [task.id],
      ) as Promise<Omit<LeadUnitColumn, 'item'>[]>,
      this.db.query(
        `SELECT ${WORK_ITEM_COLUMNS}, latest."latestUpdate"
         FROM work_items w ${WORK_ITEM_JOINS} ${LATEST_UPDATE_JOIN}
         WHERE w.task_id = $1 AND w.parent_id IS NULL`,
        [task.id],
      ) as Promise<(WorkItemRow & { latestUpdate: LatestUpdate | null })[]>,
    ]);
    const itemByOrganization = new Map(items.map((row) => [row.organizationId, row]));
    const leadUnits = units.map((unit) => {
      const row = itemByOrganization.get(unit.organization.id);
      return { ...unit, item: row ? { ...toWorkItemView(row), latestUpdate: row.latestUpdate } : null };
    });
    return { task, progress: rollUpProgress(items), leadUnits };
  }
}
