import { AuthUser } from '../auth/auth-user';
import { SqlParams } from './sql-params';

/** The fields of a user that decide what they see. */
export type ScopedUser = Pick<AuthUser, 'id' | 'role' | 'actingOrganizationId'>;

/**
 * SQL condition keeping rows whose plan and task columns the user may see: admins everything,
 * managers the plans they manage, everyone else the tasks their (acting) organization leads.
 */
export function taskScopeSql(
  user: ScopedUser,
  columns: { planId: string; taskId: string },
  params: SqlParams,
): string {
  switch (user.role) {
    case 'admin':
      return 'TRUE';
    case 'manager':
      return `${columns.planId} IN ${managedPlans(user, params)}`;
    default:
      return `${columns.taskId} IN ${ledTasks(user, params)}`;
  }
}

/** Work items are visible when their task is: every lead unit sees every lead unit's items. */
export function workItemScopeSql(user: ScopedUser, alias: string, params: SqlParams): string {
  return taskScopeSql(user, { planId: `${alias}.plan_id`, taskId: `${alias}.task_id` }, params);
}

/** A plan is visible to managers who manage it and to organizations leading any of its tasks. */
export function planScopeSql(user: ScopedUser, alias: string, params: SqlParams): string {
  switch (user.role) {
    case 'admin':
      return 'TRUE';
    case 'manager':
      return `${alias}.id IN ${managedPlans(user, params)}`;
    default:
      return `EXISTS (SELECT 1 FROM tasks scope_task WHERE scope_task.plan_id = ${alias}.id AND scope_task.id IN ${ledTasks(user, params)})`;
  }
}

function managedPlans(user: ScopedUser, params: SqlParams): string {
  return `(SELECT plan_id FROM plan_managers WHERE user_id = ${params.add(user.id)})`;
}

function ledTasks(user: ScopedUser, params: SqlParams): string {
  return `(SELECT task_id FROM task_lead_units WHERE organization_id = ${params.add(user.actingOrganizationId)})`;
}
