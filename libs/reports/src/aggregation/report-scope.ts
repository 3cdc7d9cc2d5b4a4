import type { SqlParams } from '@xietong/db';
import type { ReportFilters } from '@xietong/rules';

export interface ScopeOptions {
  /** Milestones share their parent's task and organization; only updates reach down to them. */
  includeSubItems?: boolean;
  /**
   * Only the tasks this organization leads: what its coordinators, liaisons and viewers may see
   * (the work-item policy's task scope). Absent or null: the whole plan.
   */
  scopeOrganizationId?: string | null;
}

/**
 * The work items a report covers, as a SQL condition on `wi` (work_items) and `o` (its
 * organization). An empty filter list means "all" for its dimension: filtering provinces keeps
 * every ministry's items, and the other way round. Lead and supporting items are never mixed:
 * one report covers one side (lead unless the filters ask for support). Conditions are only emitted for filters that
 * are set, so the planner sees a plain `plan_id = …` when there are none.
 */
export function reportScope(
  planId: string,
  filters: ReportFilters,
  params: SqlParams,
  options: ScopeOptions = {},
): string {
  const plan = params.add(planId);
  const conditions = [
    `wi.plan_id = ${plan}`,
    `wi.responsibility = ${params.add(filters.responsibility ?? 'lead')}`,
  ];
  if (!options.includeSubItems) conditions.push('wi.parent_id IS NULL');
  if (options.scopeOrganizationId) {
    conditions.push(
      `wi.task_id IN (SELECT task_id FROM task_lead_units WHERE organization_id = ${params.add(options.scopeOrganizationId)})`,
    );
  }
  if (filters.provinceIds?.length) {
    conditions.push(
      `(o.kind <> 'province' OR wi.organization_id = ANY(${params.add(filters.provinceIds)}::uuid[]))`,
    );
  }
  if (filters.ministryIds?.length) {
    conditions.push(
      `(o.kind <> 'central' OR wi.organization_id = ANY(${params.add(filters.ministryIds)}::uuid[]))`,
    );
  }
  if (filters.chapterNumbers?.length) {
    conditions.push(
      `wi.task_id IN (SELECT t.id FROM tasks t JOIN chapters ch ON ch.id = t.chapter_id
                      WHERE ch.plan_id = ${plan} AND ch.number = ANY(${params.add(filters.chapterNumbers)}::int[]))`,
    );
  }
  return conditions.join(' AND ');
}
