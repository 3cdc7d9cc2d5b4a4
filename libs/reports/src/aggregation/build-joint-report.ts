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
import { changesSince, ItemState, NO_CHANGES, ReportRunSummary, summarize } from './report-snapshot';

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

interface OrganizationRow {
  id: string;
  name: string;
  kind: string;
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

/** Running totals of one organization (or of the headline) while the items stream past. */
class FigureTally {
  items = 0;
  done = 0;
  inProgress = 0;
  notStarted = 0;
  blocked = 0;
  cancelled = 0;
  overdue = 0;
  behindSchedule = 0;
  private progressSum = 0;
  private progressCount = 0;

  add(status: WorkItemStatus, progress: number, overdue: boolean, behindSchedule: boolean): void {
    this.items++;
    if (status === 'done') this.done++;
    else if (status === 'in_progress') this.inProgress++;
    else if (status === 'not_started') this.notStarted++;
    else if (status === 'blocked') this.blocked++;
    else this.cancelled++;
    if (status !== 'cancelled') {
      this.progressSum += progress;
      this.progressCount++;
    }
    if (overdue) this.overdue++;
    if (behindSchedule) this.behindSchedule++;
  }

  figures(): ReportFigures {
    return {
      items: this.items,
      done: this.done,
      inProgress: this.inProgress,
      notStarted: this.notStarted,
      blocked: this.blocked,
      cancelled: this.cancelled,
      overdue: this.overdue,
      averageProgress: this.progressCount ? this.progressSum / this.progressCount : 0,
    };
  }
}

/**
 * The joint report of a plan. Postgres hands over the items in scope once, unsorted, with small
 * look-ups for their tasks, organizations and owners; Node then makes one pass over the items that
 * applies the traffic-light rule, counts every figure and fills the lists. Counting in that pass
 * costs less than asking Postgres to scan the scope again, and sorting by integer keys in Node
 * avoids a sort of wide rows that spills to disk in Postgres. Run it in a REPEATABLE READ
 * transaction so every query reads one snapshot.
 */
export async function buildJointReport(
  manager: EntityManager,
  request: JointReportRequest,
): Promise<BuiltJointReport> {
  const filterIds = request.filters ?? {};
  const plan = await loadPlan(manager, request.planId, request.asOf);
  const asOf = plan.as_of;

  const unsortedItems = await loadItems(manager, request.planId, filterIds);
  const tasks = await loadTasks(manager, request.planId, new Set(unsortedItems.map((item) => item.task_id)));
  const organizationRows = await loadOrganizations(manager, distinct(unsortedItems, 'organization_id'));
  const owners = await loadOwners(manager, distinct(unsortedItems, 'owner_id'));
  const previousRunAt = request.previousRun ? new Date(request.previousRun.at).toISOString() : null;
  const updatesFrom =
    previousRunAt ??
    new Date(Date.parse(plan.generated_at) - FIRST_REPORT_UPDATE_DAYS * 86_400_000).toISOString();
  const updates = await loadUpdates(manager, request.planId, filterIds, [...tasks.keys()], updatesFrom);

  const organizationIndex = new Map(organizationRows.map((row, index) => [row.id, index]));
  const organizations = organizationRows.map(organizationOf);
  const items = inPlanOrder(unsortedItems, tasks, organizationIndex);

  const headlineTally = new FigureTally();
  const tallies = organizations.map(() => new FigureTally());
  const taskReferences = new Map(
    [...tasks.values()].map((task) => [
      task.id,
      {
        code: task.code,
        title: task.title,
        chapter:
          task.chapter_number === null ? null : { number: task.chapter_number, title: task.chapter_title! },
      },
    ]),
  );
  const workItems: WorkItemRow[] = [];
  const cells: MatrixCell[] = [];
  const states: ItemState[] = [];
  const overdue: OverdueItem[] = [];
  const dueSoon: DueSoonItem[] = [];
  for (const item of items) {
    const task = taskReferences.get(item.task_id)!;
    const orgIndex = organizationIndex.get(item.organization_id)!;
    const light = trafficLight({
      status: item.status,
      progress: item.progress,
      startDate: item.start_date,
      deadline: item.deadline,
      today: asOf,
    });
    const owner = item.owner_id ? owners.get(item.owner_id)! : null;
    const row: WorkItemRow = {
      workItemId: item.id,
      taskCode: task.code,
      taskTitle: task.title,
      organization: organizations[orgIndex],
      chapter: task.chapter,
      owner,
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
    const daysLate = daysBetween(item.deadline, asOf);
    const open = isOpen(item.status);
    const isOverdue = open && daysLate > 0;
    const behindSchedule = !isOverdue && (light === 'yellow' || light === 'red');
    headlineTally.add(item.status, item.progress, isOverdue, behindSchedule);
    tallies[orgIndex].add(item.status, item.progress, isOverdue, behindSchedule);
    states.push({
      row,
      overdue: isOverdue,
      daysOverdue: Math.max(0, daysLate),
      completedAt: item.completed_at,
    });
    if (isOverdue) {
      overdue.push({
        workItemId: item.id,
        taskCode: task.code,
        taskTitle: task.title,
        organization: row.organization,
        owner,
        deadline: item.deadline,
        daysOverdue: daysLate,
        progress: item.progress,
        status: item.status,
      });
    } else if (open && -daysLate <= DUE_SOON_DAYS) {
      dueSoon.push({
        workItemId: item.id,
        taskCode: task.code,
        taskTitle: task.title,
        organization: row.organization,
        owner,
        deadline: item.deadline,
        daysLeft: -daysLate,
        progress: item.progress,
        status: item.status,
        light,
      });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue);
  dueSoon.sort((a, b) => a.daysLeft - b.daysLeft);
  const headline = headlineTally.figures();
  const organizationFigures = organizations.map((organization, index) => ({
    organization,
    kind: organizationRows[index].kind,
    tally: tallies[index],
    figures: tallies[index].figures(),
  }));

  const byKind = (kind: string): OrganizationFigures[] => {
    const ofKind = organizationFigures.filter((entry) => entry.kind === kind);
    // Ranked like SQL's rank(): ties share a rank and the next rank skips past them.
    return ofKind
      .map(({ organization, figures }) => ({
        ...figures,
        rank: 1 + ofKind.filter((other) => other.figures.averageProgress > figures.averageProgress).length,
        organization,
      }))
      .sort((a, b) => a.rank - b.rank || a.organization.name.localeCompare(b.organization.name, 'zh-CN'));
  };

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
      organizations,
      cells,
    },
    ranking: rankByStanding(
      organizationFigures.map(({ organization, tally, figures }) => ({
        organization,
        overdue: tally.overdue,
        behindSchedule: tally.behindSchedule,
        items: tally.items,
        averageProgress: figures.averageProgress,
      })),
    ),
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

/** Every item in scope, in no particular order: `inPlanOrder` sorts them. */
async function loadItems(manager: EntityManager, planId: string, filters: FilterIds): Promise<ItemRow[]> {
  const params = new QueryParams();
  const scope = reportScope(planId, filters, params);
  return manager.query(
    `SELECT wi.id, wi.task_id, wi.organization_id, wi.owner_id, wi.deadline::text, wi.start_date::text,
            wi.status, wi.progress, ${isoOf('wi.last_update_at')} AS last_update_at,
            ${isoOf('wi.completed_at')} AS completed_at
     FROM work_items wi
     JOIN organizations o ON o.id = wi.organization_id
     WHERE ${scope}`,
    params.values,
  );
}

/**
 * Items by task number, then in organization order, like the matrix. Each item's position is
 * folded into its integer sort key so a typed array sorts them without a comparator.
 */
function inPlanOrder(
  items: readonly ItemRow[],
  tasks: ReadonlyMap<string, TaskRow>,
  organizationIndex: ReadonlyMap<string, number>,
): ItemRow[] {
  const taskIndex = new Map([...tasks.keys()].map((id, index) => [id, index]));
  const count = items.length;
  const keys = new Float64Array(count);
  items.forEach((item, position) => {
    const slot =
      taskIndex.get(item.task_id)! * organizationIndex.size + organizationIndex.get(item.organization_id)!;
    keys[position] = slot * count + position;
  });
  keys.sort();
  return Array.from(keys, (key) => items[key % count]);
}

/** The plan's tasks that have items in scope, in plan order. */
async function loadTasks(
  manager: EntityManager,
  planId: string,
  taskIds: ReadonlySet<string>,
): Promise<Map<string, TaskRow>> {
  const rows: TaskRow[] = await manager.query(
    `SELECT t.id, t.number, t.code, t.title, ch.number AS chapter_number, ch.title AS chapter_title
     FROM tasks t LEFT JOIN chapters ch ON ch.id = t.chapter_id
     WHERE t.plan_id = $1
     ORDER BY t.number`,
    [planId],
  );
  return new Map(rows.filter((row) => taskIds.has(row.id)).map((row) => [row.id, row]));
}

async function loadOrganizations(manager: EntityManager, ids: string[]): Promise<OrganizationRow[]> {
  return manager.query(
    `SELECT o.id, o.name, o.kind FROM organizations o WHERE o.id = ANY($1::uuid[]) ORDER BY ${ORGANIZATION_ORDER}`,
    [ids],
  );
}

async function loadOwners(manager: EntityManager, ids: string[]): Promise<Map<string, ReportPerson>> {
  const rows: Array<{ id: string; name: string }> = ids.length
    ? await manager.query(`SELECT u.id, u.display_name AS name FROM users u WHERE u.id = ANY($1::uuid[])`, [
        ids,
      ])
    : [];
  return new Map(rows.map((row) => [row.id, row]));
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
  taskIds: string[],
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
  return { provinces: named(filters.provinceIds), ministries: named(filters.ministryIds), chapters };
}

/** The monthly 通报: most overdue first, then most behind schedule (yellow, or red without being overdue). */
function rankByStanding(standings: ReadonlyArray<Omit<RankingEntry, 'rank'>>): RankingEntry[] {
  const entries = [...standings].sort(
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

function isOpen(status: WorkItemStatus): boolean {
  return status === 'not_started' || status === 'in_progress' || status === 'blocked';
}

function organizationKind(kind: string): OrganizationKind {
  return kind === 'central' ? 'ministry' : (kind as OrganizationKind);
}

function organizationOf(row: OrganizationRow): ReportOrganization {
  return { id: row.id, name: row.name, kind: organizationKind(row.kind) };
}

/** Distinct non-null values of one column. */
function distinct<K extends keyof ItemRow>(rows: readonly ItemRow[], column: K): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const value = row[column];
    if (value !== null) values.add(value as string);
  }
  return [...values];
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
