import type { EntityManager } from 'typeorm';
import type { ReportFilters as FilterIds } from '@xietong/rules';
import { deadlineStanding, trafficLight } from '@xietong/rules';
import type {
  JointReport,
  PlanIndicator,
  ReportFilters,
  Locale,
  ReportOrganization,
  ReportUpdate,
  WorkItemRow,
  WorkItemStatus,
} from '../joint-report';
import { SqlParams } from '@xietong/db';
import { reportScope } from './report-scope';
import { queryInBatches } from './query-cursor';
import type { ReportRunSummary } from '../tally/report-snapshot';
import {
  isoTimestamp,
  JointReportTally,
  organizationKind,
  organizationOf,
  type TallyItem,
  type TallyOrganization,
  type TallyTask,
} from '../tally/joint-report-tally';

export { DUE_SOON_DAYS } from '../tally/joint-report-tally';

export interface JointReportRequest {
  planId: string;
  filters?: FilterIds;
  /** Only the tasks this organization leads (see `ScopeOptions`); the whole plan when absent. */
  scopeOrganizationId?: string | null;
  locale?: Locale;
  /** YYYY-MM-DD in the plan's time zone; today there when left out. */
  asOf?: string;
  /** The previous completed run of the same view, for "updates since" and "what changed". */
  previousRun?: { at: Date | string; summary: ReportRunSummary } | null;
}

export interface BuiltJointReport {
  report: JointReport;
  /** What the next run of the same view compares against. */
  summary: ReportRunSummary;
}

/** Without a previous run, "updates since" covers this many days. */
export const FIRST_REPORT_UPDATE_DAYS = 30;
/** A report is read by people: beyond this many updates the section stops being useful. */
export const MAX_REPORT_UPDATES = 500;
/** Rows per cursor read: large enough that round trips do not count, small enough to stay a few MB. */
const BATCH_ROWS = 10_000;

const ISO_TIMESTAMP = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const isoOf = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO_TIMESTAMP})`;

/** Provinces first, then ministries and central bodies, then the rest; by code within a kind. */
const ORGANIZATION_ORDER = `CASE o.kind WHEN 'province' THEN 0 WHEN 'central' THEN 1 ELSE 2 END, o.code`;
/** Plan order; numbering may restart per chapter, so the id settles ties the same way every time. */
const TASK_ORDER = `t.number, t.id`;

interface PlanRow {
  id: string;
  title: string;
  period_start: number | null;
  period_end: number | null;
  time_zone: string;
  as_of: string;
  generated_at: string;
}

interface UpdateRow {
  at: string;
  work_item_id: string;
  task_code: string;
  organization_id: string;
  organization_name: string;
  organization_kind: string;
  author_id: string | null;
  author_name: string | null;
  text: string;
  progress: number | null;
}

/**
 * The joint report of a plan, every work item listed (`report.workItems`): for callers that want
 * the report in memory. A worker building files calls `aggregateJointReport` and streams the rows
 * with `streamWorkItemRows` instead. Run it in a REPEATABLE READ transaction.
 */
export async function buildJointReport(
  manager: EntityManager,
  request: JointReportRequest,
): Promise<BuiltJointReport> {
  const built = await aggregateJointReport(manager, request);
  const workItems: WorkItemRow[] = [];
  for await (const batch of streamWorkItemRows(manager, request, built.report)) workItems.push(...batch);
  return { ...built, report: { ...built.report, workItems } };
}

/**
 * Everything a joint report shows except the list of every work item (`workItems` left empty).
 * Postgres hands over the items in scope once, unsorted, through a cursor; the pure tally
 * (`JointReportTally`) applies the traffic-light and deadline rules, counts every figure and keeps
 * each item's matrix cell, and the rows are dropped batch by batch. Counting in that pass costs
 * less than asking Postgres to scan the scope again, and sorting by integer keys in Node avoids a
 * sort of wide rows that spills to disk in Postgres. Run it in a REPEATABLE READ transaction so
 * every query reads one snapshot.
 */
export async function aggregateJointReport(
  manager: EntityManager,
  request: JointReportRequest,
): Promise<BuiltJointReport> {
  const filterIds = request.filters ?? {};
  const plan = await loadPlan(manager, request.planId, request.asOf);
  const scopeOrganizationId = request.scopeOrganizationId ?? null;
  const tally = new JointReportTally({
    asOf: plan.as_of,
    generatedAt: plan.generated_at,
    tasks: await loadPlanTasks(manager, request.planId),
    organizations: await loadOrganizations(manager),
    previous: request.previousRun?.summary ?? null,
  });
  for await (const batch of loadItems(manager, plan, filterIds, scopeOrganizationId)) {
    for (const item of batch) tally.add(item);
  }
  const tallied = tally.result();
  await nameOwners(manager, tallied.owners);

  const previousRunAt = request.previousRun ? new Date(request.previousRun.at).toISOString() : null;
  const updatesFrom =
    previousRunAt ??
    new Date(Date.parse(plan.generated_at) - FIRST_REPORT_UPDATE_DAYS * 86_400_000).toISOString();
  const updates = await loadUpdates(
    manager,
    request.planId,
    filterIds,
    scopeOrganizationId,
    tallied.taskIds,
    updatesFrom,
  );

  const report: JointReport = {
    plan: {
      id: plan.id,
      title: plan.title,
      period:
        plan.period_start !== null && plan.period_end !== null
          ? { startYear: plan.period_start, endYear: plan.period_end }
          : null,
    },
    generatedAt: plan.generated_at,
    asOf: plan.as_of,
    timeZone: plan.time_zone,
    locale: request.locale ?? 'zh-CN',
    filters: await describeFilters(manager, request.planId, filterIds),
    headline: tallied.headline,
    byProvince: tallied.byProvince,
    byMinistry: tallied.byMinistry,
    matrix: tallied.matrix,
    ranking: tallied.ranking,
    deadlineStanding: tallied.deadlineStanding,
    overdue: tallied.overdue,
    dueSoon: tallied.dueSoon,
    previousRunAt,
    updatesSince: updates.map(updateOf),
    changes: tallied.changes,
    indicators: await loadIndicators(manager, request.planId),
    workItemCount: tallied.headline.items,
    workItems: [],
  };
  return { report, summary: tallied.summary };
}

interface RowRecord {
  id: string;
  task_code: string;
  task_title: string;
  chapter_number: number | null;
  chapter_title: string | null;
  organization_id: string;
  organization_name: string;
  organization_kind: string;
  owner_id: string | null;
  owner_name: string | null;
  deadline: string;
  original_deadline: string;
  start_date: string;
  status: WorkItemStatus;
  progress: number;
  last_update_at: string | null;
  completed_on: string | null;
}

/**
 * Every work item of the report as its XLSX and CSV list it, in report order (task, then
 * organization, as the matrix), a batch at a time through a cursor: memory stays at one batch
 * whatever the plan's size. Inside the aggregation's transaction it reads the same snapshot;
 * `report` gives the day the lights are computed for.
 */
export async function* streamWorkItemRows(
  manager: EntityManager,
  request: Pick<JointReportRequest, 'planId' | 'filters' | 'scopeOrganizationId'>,
  report: Pick<JointReport, 'asOf' | 'timeZone'>,
  batchSize = 2_000,
): AsyncGenerator<WorkItemRow[]> {
  const params = new SqlParams();
  const scope = reportScope(request.planId, request.filters ?? {}, params, {
    scopeOrganizationId: request.scopeOrganizationId ?? null,
  });
  const timeZone = params.add(report.timeZone);
  const sql = `SELECT wi.id, t.code AS task_code, t.title AS task_title, ch.number AS chapter_number,
         ch.title AS chapter_title, o.id AS organization_id, o.name AS organization_name,
         o.kind AS organization_kind, wi.owner_id, u.display_name AS owner_name, wi.deadline::text,
         wi.original_deadline::text, wi.start_date::text, wi.status, wi.progress,
         to_json(wi.last_update_at AT TIME ZONE 'UTC') AS last_update_at,
         (wi.completed_at AT TIME ZONE ${timeZone})::date::text AS completed_on
     FROM work_items wi
     JOIN organizations o ON o.id = wi.organization_id
     JOIN tasks t ON t.id = wi.task_id
     LEFT JOIN chapters ch ON ch.id = t.chapter_id
     LEFT JOIN users u ON u.id = wi.owner_id
     WHERE ${scope}
     ORDER BY ${TASK_ORDER}, ${ORGANIZATION_ORDER}, wi.id`;
  // Rows of one organization, chapter or owner share one object, as in the aggregation.
  const organizations = new Map<string, ReportOrganization>();
  const chapters = new Map<number, { number: number; title: string }>();
  const owners = new Map<string, { id: string; name: string }>();
  const today = report.asOf;
  for await (const batch of queryInBatches<RowRecord>(manager, sql, params.values, batchSize)) {
    yield batch.map((row) => {
      let organization = organizations.get(row.organization_id);
      if (!organization) {
        organization = organizationOf({
          id: row.organization_id,
          name: row.organization_name,
          kind: row.organization_kind,
        });
        organizations.set(row.organization_id, organization);
      }
      let chapter = row.chapter_number === null ? null : chapters.get(row.chapter_number);
      if (chapter === undefined) {
        chapter = { number: row.chapter_number!, title: row.chapter_title! };
        chapters.set(row.chapter_number!, chapter);
      }
      let owner = row.owner_id === null ? null : owners.get(row.owner_id);
      if (owner === undefined) {
        owner = { id: row.owner_id!, name: row.owner_name ?? '' };
        owners.set(row.owner_id!, owner);
      }
      return {
        workItemId: row.id,
        taskCode: row.task_code,
        taskTitle: row.task_title,
        organization,
        chapter,
        owner,
        deadline: row.deadline,
        status: row.status,
        progress: row.progress,
        light: trafficLight({
          status: row.status,
          progress: row.progress,
          startDate: row.start_date,
          deadline: row.deadline,
          today,
        }),
        originalDeadline: row.original_deadline,
        deadlineStanding: deadlineStanding({
          status: row.status,
          deadline: row.deadline,
          originalDeadline: row.original_deadline,
          completedOn: row.completed_on,
          today,
        }),
        lastUpdateAt: isoTimestamp(row.last_update_at),
      };
    });
  }
}

async function loadPlan(manager: EntityManager, planId: string, asOf: string | undefined): Promise<PlanRow> {
  const [plan] = await manager.query(
    `SELECT p.id, p.title, p.period_start, p.period_end, p.time_zone,
            coalesce($2::date, (now() AT TIME ZONE p.time_zone)::date)::text AS as_of,
            ${isoOf('now()')} AS generated_at
     FROM plans p WHERE p.id = $1`,
    [planId, asOf ?? null],
  );
  if (!plan) throw new PlanNotFoundError(planId);
  return plan;
}

export class PlanNotFoundError extends Error {
  constructor(readonly planId: string) {
    super(`Plan ${planId} does not exist (it may have been deleted).`);
    this.name = 'PlanNotFoundError';
  }
}

/**
 * Every item in scope, in no particular order (the tally orders them), through a cursor. Timestamps
 * come as JSON, which Postgres writes in ISO 8601 whatever the session's DateStyle, and cheaper
 * than to_char.
 */
function loadItems(
  manager: EntityManager,
  plan: PlanRow,
  filters: FilterIds,
  scopeOrganizationId: string | null,
): AsyncGenerator<TallyItem[]> {
  const params = new SqlParams();
  const scope = reportScope(plan.id, filters, params, { scopeOrganizationId });
  return queryInBatches<TallyItem>(
    manager,
    `SELECT wi.id, wi.task_id AS "taskId", wi.organization_id AS "organizationId", wi.owner_id AS "ownerId",
            wi.deadline::text, wi.original_deadline::text AS "originalDeadline",
            wi.start_date::text AS "startDate", wi.status, wi.progress,
            to_json(wi.completed_at AT TIME ZONE 'UTC') AS "completedAt",
            (wi.completed_at AT TIME ZONE ${params.add(plan.time_zone)})::date::text AS "completedOn"
     FROM work_items wi
     JOIN organizations o ON o.id = wi.organization_id
     WHERE ${scope}`,
    params.values,
    BATCH_ROWS,
  );
}

/** Fills in the names of the listed items' owners. */
async function nameOwners(manager: EntityManager, owners: Map<string, { name: string }>): Promise<void> {
  if (!owners.size) return;
  const rows: Array<{ id: string; name: string }> = await manager.query(
    `SELECT u.id, u.display_name AS name FROM users u WHERE u.id = ANY($1::uuid[])`,
    [[...owners.keys()]],
  );
  for (const row of rows) owners.get(row.id)!.name = row.name;
}

/** The plan's tasks in plan order. */
function loadPlanTasks(manager: EntityManager, planId: string): Promise<TallyTask[]> {
  return manager.query(
    `SELECT t.id, t.number, t.code, t.title, ch.number AS "chapterNumber", ch.title AS "chapterTitle"
     FROM tasks t LEFT JOIN chapters ch ON ch.id = t.chapter_id
     WHERE t.plan_id = $1
     ORDER BY ${TASK_ORDER}`,
    [planId],
  );
}

/** Every organization (a dictionary of a few hundred), in report order. */
function loadOrganizations(manager: EntityManager): Promise<TallyOrganization[]> {
  return manager.query(`SELECT o.id, o.name, o.kind FROM organizations o ORDER BY ${ORGANIZATION_ORDER}`);
}

/**
 * Updates on items in scope (milestones report under their parent item), newest first. Updates
 * carry their item's task, and naming the tasks lets Postgres read only the recent updates of
 * this plan from the (task_id, created_at) index instead of scanning every update.
 */
async function loadUpdates(
  manager: EntityManager,
  planId: string,
  filters: FilterIds,
  scopeOrganizationId: string | null,
  taskIds: string[],
  since: string,
): Promise<UpdateRow[]> {
  const params = new SqlParams();
  const scope = reportScope(planId, filters, params, { includeSubItems: true, scopeOrganizationId });
  return manager.query(
    `SELECT ${isoOf('u.created_at')} AS at, coalesce(wi.parent_id, wi.id) AS work_item_id, t.code AS task_code,
            o.id AS organization_id, o.name AS organization_name, o.kind AS organization_kind,
            u.author_id, a.display_name AS author_name, u.text, u.progress
     FROM work_item_updates u
     JOIN work_items wi ON wi.id = u.work_item_id
     JOIN organizations o ON o.id = wi.organization_id
     JOIN tasks t ON t.id = wi.task_id
     LEFT JOIN users a ON a.id = u.author_id
     WHERE ${scope} AND u.task_id = ANY(${params.add(taskIds)}::uuid[])
       AND u.created_at > ${params.add(since)}::timestamptz
     ORDER BY u.created_at DESC
     LIMIT ${MAX_REPORT_UPDATES}`,
    params.values,
  );
}

async function loadIndicators(manager: EntityManager, planId: string): Promise<PlanIndicator[]> {
  return manager.query(
    `SELECT name, value::text AS value, unit, year FROM plan_indicators WHERE plan_id = $1
     ORDER BY source_line NULLS LAST, name`,
    [planId],
  );
}

/** The filter's ids as names, so a reader sees what the report covers. */
async function describeFilters(
  manager: EntityManager,
  planId: string,
  filters: FilterIds,
): Promise<ReportFilters> {
  const organizationIds = [...(filters.provinceIds ?? []), ...(filters.ministryIds ?? [])];
  const organizationRows: Array<{ id: string; name: string }> = organizationIds.length
    ? await manager.query(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])`, [organizationIds])
    : [];
  const chapters: Array<{ number: number; title: string }> = filters.chapterNumbers?.length
    ? await manager.query(
        `SELECT number, title FROM chapters WHERE plan_id = $1 AND number = ANY($2::int[]) ORDER BY number`,
        [planId, filters.chapterNumbers],
      )
    : [];
  const names = new Map(organizationRows.map((row) => [row.id, row]));
  const named = (ids: string[] | undefined) =>
    (ids ?? []).flatMap((id) => (names.has(id) ? [names.get(id)!] : []));
  return {
    provinces: named(filters.provinceIds),
    ministries: named(filters.ministryIds),
    chapters,
    responsibility: filters.responsibility ?? 'lead',
  };
}

function updateOf(row: UpdateRow): ReportUpdate {
  return {
    at: row.at,
    workItemId: row.work_item_id,
    taskCode: row.task_code,
    organization: {
      id: row.organization_id,
      name: row.organization_name,
      kind: organizationKind(row.organization_kind),
    },
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    text: row.text,
    progress: row.progress,
  };
}
