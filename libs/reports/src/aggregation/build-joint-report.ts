import type { EntityManager } from 'typeorm';
import type { ReportFilters as FilterIds } from '../../../domain/src/reports/report-schedule.entity';
import { daysBetween, trafficLight } from '../../../domain/src/work-items/traffic-light';
import type {
  DueSoonItem,
  JointReport,
  MatrixCell,
  MatrixTask,
  OrganizationFigures,
  OrganizationKind,
  OverdueItem,
  PlanIndicator,
  RankingEntry,
  ReportFigures,
  ReportFilters,
  ReportLocale,
  ReportOrganization,
  ReportPerson,
  ReportUpdate,
  WorkItemRow,
  WorkItemStatus,
} from '../joint-report';
import { QueryParams, reportScope } from './report-scope';
import {
  changesSince,
  ItemState,
  NO_CHANGES,
  referenceOf,
  ReportRunSummary,
  summarize,
} from './report-snapshot';

export interface JointReportRequest {
  planId: string;
  filters?: FilterIds;
  locale?: ReportLocale;
  /** YYYY-MM-DD in the plan's time zone; today there when left out. */
  asOf?: string;
  /** The previous run of the same schedule, for "updates since" and "what changed". */
  previousRun?: { at: Date | string; summary: ReportRunSummary } | null;
}

export interface BuiltJointReport {
  report: JointReport;
  /** What the next run of the same schedule compares against. */
  summary: ReportRunSummary;
}

export const DUE_SOON_DAYS = 30;
/** Without a previous run, "updates since" covers this many days. */
export const FIRST_REPORT_UPDATE_DAYS = 30;
/** A report is read by people: beyond this many updates the section stops being useful. */
export const MAX_REPORT_UPDATES = 500;

const OPEN_STATUSES = `('not_started', 'in_progress', 'blocked')`;
const ISO_TIMESTAMP = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const isoOf = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO_TIMESTAMP})`;

/** Provinces first, then ministries and central bodies, then the rest; by code within a kind. */
const ORGANIZATION_ORDER = `CASE o.kind WHEN 'province' THEN 0 WHEN 'central' THEN 1 ELSE 2 END, o.code`;

interface PlanRow {
  id: string;
  title: string;
  period_start: number | null;
  period_end: number | null;
  time_zone: string;
  as_of: string;
  generated_at: string;
}

interface FiguresRow {
  organization_id: string | null;
  name: string | null;
  kind: string | null;
  items: number;
  done: number;
  in_progress: number;
  not_started: number;
  blocked: number;
  cancelled: number;
  overdue: number;
  average_progress: number;
  rank: number | null;
}

interface ItemRow {
  id: string;
  task_id: string;
  organization_id: string;
  owner_id: string | null;
  deadline: string;
  start_date: string;
  status: WorkItemStatus;
  progress: number;
  last_update_at: string | null;
  completed_at: string | null;
}

interface TaskRow {
  id: string;
  number: number;
  code: string;
  title: string;
  chapter_number: number | null;
  chapter_title: string | null;
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
 * The joint report of a plan, from a handful of set-based queries: figures are counted by
 * Postgres (GROUPING SETS for the headline and every organization at once), and Node only
 * applies the traffic-light rule to the item rows every report lists anyway. Run it in a
 * REPEATABLE READ transaction so the figures and the lists come from one snapshot.
 */
export async function buildJointReport(
  manager: EntityManager,
  request: JointReportRequest,
): Promise<BuiltJointReport> {
  const filterIds = request.filters ?? {};
  const plan = await loadPlan(manager, request.planId, request.asOf);
  const asOf = plan.as_of;

  const figures = await loadFigures(manager, request.planId, filterIds, asOf);
  const organizations = new Map<string, ReportOrganization>();
  for (const row of figures) {
    if (row.organization_id) organizations.set(row.organization_id, organizationOf(row));
  }
  const items = await loadItems(manager, request.planId, filterIds);
  const tasks = await loadTasks(manager, request.planId, filterIds);
  const owners = await loadOwners(manager, request.planId, filterIds);
  const previousRunAt = request.previousRun ? new Date(request.previousRun.at).toISOString() : null;
  const updatesFrom =
    previousRunAt ??
    new Date(Date.parse(plan.generated_at) - FIRST_REPORT_UPDATE_DAYS * 86_400_000).toISOString();
  const updates = await loadUpdates(manager, request.planId, filterIds, updatesFrom);

  // Plans share a few deadlines among many items: parse each date once.
  const lateness = memoize((deadline: string) => daysBetween(deadline, asOf));
  const chapterOf = memoize((taskId: string) => {
    const task = tasks.get(taskId)!;
    return task.chapter_number === null ? null : { number: task.chapter_number, title: task.chapter_title! };
  });
  const workItems: WorkItemRow[] = [];
  const cells: MatrixCell[] = [];
  const states: ItemState[] = [];
  const overdue: OverdueItem[] = [];
  const dueSoon: DueSoonItem[] = [];
  const behindSchedule = new Map<string, number>();
  for (const item of items) {
    const task = tasks.get(item.task_id)!;
    const light = trafficLight({
      status: item.status,
      progress: item.progress,
      startDate: item.start_date,
      deadline: item.deadline,
      today: asOf,
    });
    const row: WorkItemRow = {
      workItemId: item.id,
      taskCode: task.code,
      taskTitle: task.title,
      organization: organizations.get(item.organization_id)!,
      chapter: chapterOf(item.task_id),
      owner: item.owner_id ? owners.get(item.owner_id)! : null,
      deadline: item.deadline,
      status: item.status,
      progress: item.progress,
      light,
      lastUpdateAt: item.last_update_at,
    };
    workItems.push(row);
    cells.push({
      taskId: item.task_id,
      organizationId: item.organization_id,
      workItemId: item.id,
      status: item.status,
      progress: item.progress,
      light,
      deadline: item.deadline,
    });
    const daysLate = lateness(item.deadline);
    const open = isOpen(item.status);
    const isOverdue = open && daysLate > 0;
    states.push({
      row,
      overdue: isOverdue,
      daysOverdue: Math.max(0, daysLate),
      completedAt: item.completed_at,
    });
    if (isOverdue) {
      overdue.push({
        ...referenceOf(row),
        owner: row.owner,
        deadline: item.deadline,
        daysOverdue: daysLate,
        progress: item.progress,
        status: item.status,
      });
    } else if (open && -daysLate <= DUE_SOON_DAYS) {
      dueSoon.push({
        ...referenceOf(row),
        owner: row.owner,
        deadline: item.deadline,
        daysLeft: -daysLate,
        progress: item.progress,
        status: item.status,
        light,
      });
    }
    if (!isOverdue && (light === 'yellow' || light === 'red')) {
      behindSchedule.set(item.organization_id, (behindSchedule.get(item.organization_id) ?? 0) + 1);
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue);
  dueSoon.sort((a, b) => a.daysLeft - b.daysLeft);
  // GROUPING SETS yields the () row even when no item is in scope.
  const headline = figuresOf(figures.find((row) => row.organization_id === null)!);

  const organizationFigures = figures.filter((row) => row.organization_id !== null);
  const byKind = (kind: string): OrganizationFigures[] =>
    organizationFigures
      .filter((row) => row.kind === kind)
      .map((row) => ({ ...figuresOf(row), rank: row.rank!, organization: organizationOf(row) }))
      .sort((a, b) => a.rank - b.rank || a.organization.name.localeCompare(b.organization.name, 'zh-CN'));

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
    asOf,
    timeZone: plan.time_zone,
    locale: request.locale ?? 'zh-CN',
    filters: await describeFilters(manager, request.planId, filterIds),
    headline,
    byProvince: byKind('province'),
    byMinistry: byKind('central'),
    matrix: {
      tasks: [...tasks.values()].map(({ id, number, code, title }): MatrixTask => ({
        id,
        number,
        code,
        title,
      })),
      organizations: [...organizations.values()],
      cells,
    },
    ranking: rankByStanding(organizationFigures, behindSchedule),
    overdue,
    dueSoon,
    previousRunAt,
    updatesSince: updates.map(updateOf),
    changes: request.previousRun
      ? changesSince(request.previousRun.summary, states, plan.generated_at)
      : NO_CHANGES,
    indicators: await loadIndicators(manager, request.planId),
    workItems,
  };
  return { report, summary: summarize(asOf, plan.generated_at, headline, states) };
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

/** The headline (organization_id NULL) and every organization's figures in one pass. */
async function loadFigures(
  manager: EntityManager,
  planId: string,
  filters: FilterIds,
  asOf: string,
): Promise<FiguresRow[]> {
  const params = new QueryParams();
  const scope = reportScope(planId, filters, params);
  const today = params.add(asOf);
  return manager.query(
    `WITH figures AS (
       SELECT wi.organization_id,
              count(*)::int AS items,
              count(*) FILTER (WHERE wi.status = 'done')::int AS done,
              count(*) FILTER (WHERE wi.status = 'in_progress')::int AS in_progress,
              count(*) FILTER (WHERE wi.status = 'not_started')::int AS not_started,
              count(*) FILTER (WHERE wi.status = 'blocked')::int AS blocked,
              count(*) FILTER (WHERE wi.status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE wi.status IN ${OPEN_STATUSES} AND wi.deadline < ${today}::date)::int AS overdue,
              coalesce(avg(wi.progress) FILTER (WHERE wi.status <> 'cancelled'), 0)::float8 AS average_progress
       FROM work_items wi JOIN organizations o ON o.id = wi.organization_id
       WHERE ${scope}
       GROUP BY GROUPING SETS ((wi.organization_id), ())
     )
     SELECT f.*, o.name, o.kind,
            CASE WHEN f.organization_id IS NOT NULL
                 THEN rank() OVER (PARTITION BY o.kind ORDER BY f.average_progress DESC)::int END AS rank
     FROM figures f LEFT JOIN organizations o ON o.id = f.organization_id
     ORDER BY f.organization_id IS NOT NULL, ${ORGANIZATION_ORDER}`,
    params.values,
  );
}

async function loadItems(manager: EntityManager, planId: string, filters: FilterIds): Promise<ItemRow[]> {
  const params = new QueryParams();
  const scope = reportScope(planId, filters, params);
  return manager.query(
    `SELECT wi.id, wi.task_id, wi.organization_id, wi.owner_id, wi.deadline::text, wi.start_date::text,
            wi.status, wi.progress, ${isoOf('wi.last_update_at')} AS last_update_at,
            ${isoOf('wi.completed_at')} AS completed_at
     FROM work_items wi
     JOIN organizations o ON o.id = wi.organization_id
     JOIN tasks t ON t.id = wi.task_id
     WHERE ${scope}
     ORDER BY t.number, ${ORGANIZATION_ORDER}`,
    params.values,
  );
}

/** The plan's tasks that have items in scope, in plan order. */
async function loadTasks(
  manager: EntityManager,
  planId: string,
  filters: FilterIds,
): Promise<Map<string, TaskRow>> {
  const params = new QueryParams();
  const scope = reportScope(planId, filters, params);
  const rows: TaskRow[] = await manager.query(
    `SELECT t.id, t.number, t.code, t.title, ch.number AS chapter_number, ch.title AS chapter_title
     FROM tasks t LEFT JOIN chapters ch ON ch.id = t.chapter_id
     WHERE t.id IN (SELECT wi.task_id FROM work_items wi JOIN organizations o ON o.id = wi.organization_id
                    WHERE ${scope})
     ORDER BY t.number`,
    params.values,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function loadOwners(
  manager: EntityManager,
  planId: string,
  filters: FilterIds,
): Promise<Map<string, ReportPerson>> {
  const params = new QueryParams();
  const scope = reportScope(planId, filters, params);
  const rows: Array<{ id: string; name: string }> = await manager.query(
    `SELECT u.id, u.display_name AS name FROM users u
     WHERE u.id IN (SELECT wi.owner_id FROM work_items wi JOIN organizations o ON o.id = wi.organization_id
                    WHERE ${scope})`,
    params.values,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Updates on items in scope (milestones report under their parent item), newest first. */
async function loadUpdates(
  manager: EntityManager,
  planId: string,
  filters: FilterIds,
  since: string,
): Promise<UpdateRow[]> {
  const params = new QueryParams();
  const scope = reportScope(planId, filters, params, { includeSubItems: true });
  return manager.query(
    `SELECT ${isoOf('u.created_at')} AS at, coalesce(wi.parent_id, wi.id) AS work_item_id, t.code AS task_code,
            o.id AS organization_id, o.name AS organization_name, o.kind AS organization_kind,
            u.author_id, a.display_name AS author_name, u.text, u.progress
     FROM work_item_updates u
     JOIN work_items wi ON wi.id = u.work_item_id
     JOIN organizations o ON o.id = wi.organization_id
     JOIN tasks t ON t.id = wi.task_id
     LEFT JOIN users a ON a.id = u.author_id
     WHERE ${scope} AND u.created_at > ${params.add(since)}::timestamptz
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
  return { provinces: named(filters.provinceIds), ministries: named(filters.ministryIds), chapters };
}

/** The monthly 通报: most overdue first, then most behind schedule (yellow, or red without being overdue). */
function rankByStanding(
  organizationFigures: readonly FiguresRow[],
  behindSchedule: ReadonlyMap<string, number>,
): RankingEntry[] {
  const entries = organizationFigures
    .map((row) => ({
      organization: organizationOf(row),
      overdue: row.overdue,
      behindSchedule: behindSchedule.get(row.organization_id!) ?? 0,
      items: row.items,
      averageProgress: row.average_progress,
    }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.behindSchedule - a.behindSchedule ||
        a.averageProgress - b.averageProgress ||
        a.organization.name.localeCompare(b.organization.name, 'zh-CN'),
    );
  // Organizations with the same standing share a rank, as a published 通报 would print it.
  return entries.map((entry, index) => {
    let rank = index + 1;
    while (rank > 1 && sameStanding(entries[rank - 2], entry)) rank--;
    return { rank, ...entry };
  });
}

function sameStanding(
  a: { overdue: number; behindSchedule: number },
  b: { overdue: number; behindSchedule: number },
) {
  return a.overdue === b.overdue && a.behindSchedule === b.behindSchedule;
}

function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}

function isOpen(status: WorkItemStatus): boolean {
  return status === 'not_started' || status === 'in_progress' || status === 'blocked';
}

function organizationKind(kind: string): OrganizationKind {
  return kind === 'central' ? 'ministry' : (kind as OrganizationKind);
}

function organizationOf(row: { organization_id: string | null; name: string | null; kind: string | null }) {
  return { id: row.organization_id!, name: row.name!, kind: organizationKind(row.kind!) };
}

function figuresOf(row: FiguresRow): ReportFigures {
  return {
    items: row.items,
    done: row.done,
    inProgress: row.in_progress,
    notStarted: row.not_started,
    blocked: row.blocked,
    cancelled: row.cancelled,
    overdue: row.overdue,
    averageProgress: row.average_progress,
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
