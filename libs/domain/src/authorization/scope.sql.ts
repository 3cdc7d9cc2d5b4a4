import type { UserRole } from '@xietong/rules';

/** The fields of a user that decide what they see. */
export interface ScopedUser {
  id: string;
  role: UserRole;
  /** A liaison office acts for its parent province. */
  actingOrganizationId: string;
}

/** Collects positional parameters while a query is assembled from fragments (`SqlParams` in libs/db). */
export interface SqlParamSink {
  add(value: unknown): string;
}

/** The organization a user of organization `alias` acts for: a liaison office's parent province, else their own. */
export function actingOrganizationSql(alias: string): string {
  return `CASE WHEN ${alias}.kind = 'liaison_office' AND ${alias}.parent_id IS NOT NULL THEN ${alias}.parent_id ELSE ${alias}.id END`;
}

/**
 * SQL condition keeping rows whose plan and task columns the user may see: admins everything,
 * managers the plans they manage, everyone else the tasks their (acting) organization leads.
 */
export function taskScopeSql(
  user: ScopedUser,
  columns: { planId: string; taskId: string },
  params: SqlParamSink,
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
export function workItemScopeSql(user: ScopedUser, alias: string, params: SqlParamSink): string {
  return taskScopeSql(user, { planId: `${alias}.plan_id`, taskId: `${alias}.task_id` }, params);
}

/** A plan is visible to managers who manage it and to organizations leading any of its tasks. */
export function planScopeSql(user: ScopedUser, alias: string, params: SqlParamSink): string {
  switch (user.role) {
    case 'admin':
      return 'TRUE';
    case 'manager':
      return `${alias}.id IN ${managedPlans(user, params)}`;
    default:
      return `EXISTS (SELECT 1 FROM tasks scope_task WHERE scope_task.plan_id = ${alias}.id AND scope_task.id IN ${ledTasks(user, params)})`;
  }
}

function managedPlans(user: ScopedUser, params: SqlParamSink): string {
  return `(SELECT plan_id FROM plan_managers WHERE user_id = ${params.add(user.id)})`;
}

function ledTasks(user: ScopedUser, params: SqlParamSink): string {
  return `(SELECT task_id FROM task_lead_units WHERE organization_id = ${params.add(user.actingOrganizationId)})`;
}

/**
 * Whose tasks a report for this user may cover, given they see the plan at all (`planScopeSql`):
 * null for the whole plan (admins, and managers, who see every task of the plans they manage),
 * otherwise the organization whose led tasks `taskScopeSql` lets them see.
 */
export function reportScopeOrganizationId(
  user: Pick<ScopedUser, 'role' | 'actingOrganizationId'>,
): string | null {
  return user.role === 'admin' || user.role === 'manager' ? null : user.actingOrganizationId;
}
