/** The work-item policy's scope lives with the domain, so the worker's report runs apply the same one. */
export { planScopeSql, reportScopeOrganizationId, taskScopeSql, workItemScopeSql } from '@xietong/domain';
export type { ScopedUser } from '@xietong/domain';
