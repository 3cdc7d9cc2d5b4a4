import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_SUPERVISION_POLICY, parseSupervisionPolicy, SupervisionPolicy } from '@xietong/rules';
import { AuthUser } from '../auth/auth-user';
import { planScopeSql, taskScopeSql, workItemScopeSql } from './scope.sql';
import { SqlParams } from '@xietong/db';
import { WorkItemAction, workItemRefusal } from './work-item.policy';

/** What the policy needs to know about a work item, as every loader of items already selects it. */
export interface WorkItemPolicySubject {
  planId: string;
  planTitle: string;
  taskId: string;
  taskCode: string;
  taskTitle: string;
  organizationId: string;
  organizationName: string;
  escalatedAt: Date | null;
}

export interface TaskPolicySubject {
  id: string;
  planId: string;
  planTitle: string;
  code: string;
  title: string;
}

export interface PlanPolicySubject {
  id: string;
  title: string;
}

/**
 * The one place that answers "may this user see / change this". Lists use the scope fragments,
 * single records the assert methods, which evaluate the very same fragments so a record is
 * visible exactly when a list would show it.
 */
@Injectable()
export class PolicyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** SQL condition keeping rows whose plan and task columns the user may see. */
  taskScope(user: AuthUser, columns: { planId: string; taskId: string }, params: SqlParams): string {
    return taskScopeSql(user, columns, params);
  }

  workItemScope(user: AuthUser, alias: string, params: SqlParams): string {
    return workItemScopeSql(user, alias, params);
  }

  planScope(user: AuthUser, alias: string, params: SqlParams): string {
    return planScopeSql(user, alias, params);
  }

  async assertWorkItem(
    user: AuthUser,
    item: WorkItemPolicySubject,
    actions: readonly WorkItemAction[],
    options: { requestedById?: string; manager?: EntityManager } = {},
  ): Promise<void> {
    const visible = await this.isTaskVisible(user, item.planId, item.taskId, options.manager);
    const supervision = actions.some((action) => action === 'decide_extension' || action === 'review_completion')
      ? await this.supervisionPolicy(item.planId, options.manager)
      : DEFAULT_SUPERVISION_POLICY;
    const invisibleReason = visible
      ? ''
      : await this.invisibleTaskReason(user, {
          planTitle: item.planTitle,
          code: item.taskCode,
          title: item.taskTitle,
        });
    for (const action of actions) {
      const refusal = workItemRefusal(action, {
        user,
        visible,
        item: {
          organizationId: item.organizationId,
          organizationName: item.organizationName,
          escalated: item.escalatedAt !== null,
        },
        supervision,
        requestedById: options.requestedById,
        invisibleReason,
      });
      if (refusal) throw new ForbiddenException(refusal);
    }
  }

  /** Who decides extensions and reviews completions in the plan (its stored policy over the defaults). */
  async supervisionPolicy(planId: string, manager: EntityManager = this.db.manager): Promise<SupervisionPolicy> {
    const [plan] = await manager.query(`SELECT supervision_policy AS policy FROM plans WHERE id = $1`, [planId]);
    return parseSupervisionPolicy(plan?.policy ?? null);
  }

  async assertTask(user: AuthUser, task: TaskPolicySubject): Promise<void> {
    if (await this.isTaskVisible(user, task.planId, task.id)) return;
    throw new ForbiddenException(await this.invisibleTaskReason(user, task));
  }

  async assertPlan(user: AuthUser, plan: PlanPolicySubject): Promise<void> {
    const params = new SqlParams();
    const scope = this.planScope(user, 'p', params);
    const [row] = await this.db.query(
      `SELECT ${scope} AS visible FROM (SELECT ${params.add(plan.id)}::uuid AS id) p`,
      params.values,
    );
    if (row.visible) return;
    throw new ForbiddenException(
      user.role === 'manager'
        ? `你不是《${plan.title}》的规划负责人，看不到这个规划。`
        : `${await this.actingOrganizationName(user)}不牵头《${plan.title}》中的任何任务，看不到这个规划。`,
    );
  }

  private async isTaskVisible(
    user: AuthUser,
    planId: string,
    taskId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const params = new SqlParams();
    const scope = this.taskScope(user, { planId: 'subject.plan_id', taskId: 'subject.task_id' }, params);
    const [row] = await manager.query(
      `SELECT ${scope} AS visible FROM (SELECT ${params.add(planId)}::uuid AS plan_id, ${params.add(taskId)}::uuid AS task_id) subject`,
      params.values,
    );
    return row.visible;
  }

  private async invisibleTaskReason(
    user: AuthUser,
    task: { planTitle: string; code: string; title: string },
  ): Promise<string> {
    if (user.role === 'manager') return `你不是《${task.planTitle}》的规划负责人，看不到其中的任务和事项。`;
    return `${await this.actingOrganizationName(user)}不是任务${task.code}「${task.title}」的牵头单位，看不到它的事项。`;
  }

  private async actingOrganizationName(user: AuthUser): Promise<string> {
    const [row] = await this.db.query(`SELECT name FROM organizations WHERE id = $1`, [
      user.actingOrganizationId,
    ]);
    return row?.name ?? '你所在的单位';
  }
}
