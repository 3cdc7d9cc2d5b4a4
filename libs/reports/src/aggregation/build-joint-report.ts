import type { EntityManager } from 'typeorm';
import type { ReportFilters as FilterIds } from '@xietong/rules';
import { daysBetween, isOpenWorkItemStatus, trafficLight } from '@xietong/rules';
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
  Locale,
  ReportOrganization,
  ReportPerson,
  ReportUpdate,
  WorkItemRow,
  WorkItemStatus,
} from '../joint-report';
import { SqlParams } from '@xietong/db';
import { reportScope } from './report-scope';
import { changesSince, ItemState, NO_CHANGES, ReportRunSummary, summarize } from './report-snapshot';

export interface JointReportRequest {
  planId: string;
  filters?: FilterIds;
  /** Only the tasks this organization leads (see `ScopeOptions`); the whole plan when absent. */
  scopeOrganizationId?: string | null;
  locale?: Locale;
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
  /** UTC, as JSON: see `isoTimestamp`. */
  last_update_at: string | null;
  /** UTC, as JSON: see `isoTimestamp`. */
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

  const scopeOrganizationId = request.scopeOrganizationId ?? null;
  const items = await loadItems(manager, request.planId, filterIds, scopeOrganizationId);
  const placement = placeItems(
    items,
    await loadPlanTasks(manager, request.planId),
    await loadOrganizations(manager),
  );
  const { tasks, organizationRows } = placement;
  const owners = await loadOwners(manager, placement.ownerIds);
  const previousRunAt = request.previousRun ? new Date(request.previousRun.at).toISOString() : null;
  const updatesFrom =
    previousRunAt ??
    new Date(Date.parse(plan.generated_at) - FIRST_REPORT_UPDATE_DAYS * 86_400_000).toISOString();
  const taskIds = tasks.map((task) => task.id);
  const updates = await loadUpdates(
    manager,
    request.planId,
    filterIds,
    scopeOrganizationId,
    taskIds,
    updatesFrom,
  );

  const organizations = organizationRows.map(organizationOf);
  const headlineTally = new FigureTally();
  const tallies = organizations.map(() => new FigureTally());
  const taskReferences = tasks.map((task) => ({
    code: task.code,
    title: task.title,
    chapter:
      task.chapter_number === null ? null : { number: task.chapter_number, title: task.chapter_title! },
  }));
  // Items are visited in the order Postgres sent them, which reads memory front to back, and
  // written to their place in report order.
  const count = items.length;
  const workItems = new Array<WorkItemRow>(count);
  const cells = new Array<MatrixCell>(count);
  const states = new Array<ItemState>(count);
  const overdue: Array<{ place: number; item: OverdueItem }> = [];
  const dueSoon: Array<{ place: number; item: DueSoonItem }> = [];
  for (let position = 0; position < count; position++) {
    const item = items[position];
    const place = placement.placeOf[position];
    const task = taskReferences[placement.taskOf[position]];
    const orgIndex = placement.organizationOf[position];
    const light = trafficLight({
      status: item.status,
      progress: item.progress,
      startDate: item.start_date,
      deadline: item.deadline,
      today: asOf,
    });
    const owner = owners[placement.ownerOf[position]];
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
      lastUpdateAt: isoTimestamp(item.last_update_at),
    };
    workItems[place] = row;
    cells[place] = {
      taskId: item.task_id,
      organizationId: item.organization_id,
      workItemId: item.id,
      status: item.status,
      progress: item.progress,
      light,
      deadline: item.deadline,
    };
    const daysLate = daysBetween(item.deadline, asOf);
    const open = isOpenWorkItemStatus(item.status);
    const isOverdue = open && daysLate > 0;
    const behindSchedule = !isOverdue && (light === 'yellow' || light === 'red');
    headlineTally.add(item.status, item.progress, isOverdue, behindSchedule);
    tallies[orgIndex].add(item.status, item.progress, isOverdue, behindSchedule);
    states[place] = {
      row,
      overdue: isOverdue,
      daysOverdue: Math.max(0, daysLate),
      completedAt: isoTimestamp(item.completed_at),
    };
    if (isOverdue || (open && -daysLate <= DUE_SOON_DAYS)) {
      const listed = {
        workItemId: item.id,
        taskCode: task.code,
        taskTitle: task.title,
        organization: row.organization,
        owner,
        deadline: item.deadline,
        progress: item.progress,
        status: item.status,
      };
      if (isOverdue) overdue.push({ place, item: { ...listed, daysOverdue: daysLate } });
      else dueSoon.push({ place, item: { ...listed, daysLeft: -daysLate, light } });
    }
  }
  // Equally late items stay in report order.
  overdue.sort((a, b) => b.item.daysOverdue - a.item.daysOverdue || a.place - b.place);
  dueSoon.sort((a, b) => a.item.daysLeft - b.item.daysLeft || a.place - b.place);
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
      tasks: tasks.map(({ id, number, code, title }): MatrixTask => ({
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
    overdue: overdue.map((entry) => entry.item),
    dueSoon: dueSoon.map((entry) => entry.item),
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

/**
 * Every item in scope, in no particular order: `placeItems` orders them. Timestamps come as JSON,
 * which Postgres writes in ISO 8601 whatever the session's DateStyle, and cheaper than to_char.
 */
async function loadItems(
  manager: EntityManager,
  planId: string,
  filters: FilterIds,
  scopeOrganizationId: string | null,
): Promise<ItemRow[]> {
  const params = new SqlParams();
  const scope = reportScope(planId, filters, params, { scopeOrganizationId });
  return manager.query(
    `SELECT wi.id, wi.task_id, wi.organization_id, wi.owner_id, wi.deadline::text, wi.start_date::text,
            wi.status, wi.progress, to_json(wi.last_update_at AT TIME ZONE 'UTC') AS last_update_at,
            to_json(wi.completed_at AT TIME ZONE 'UTC') AS completed_at
     FROM work_items wi
     JOIN organizations o ON o.id = wi.organization_id
     WHERE ${scope}`,
    params.values,
  );
}

/**
 * Where the items go: each item's task and organization as positions in the lists the report
 * shows, and the order to list the items in (by task number, then organization order, like the
 * matrix). Every id is looked up once, in the order Postgres sent the rows.
 */
interface ItemPlacement {
  /** The tasks with items, in plan order. */
  tasks: TaskRow[];
  /** The organizations with items, in report order. */
  organizationRows: OrganizationRow[];
  /** Per item row: its place in the order the report lists the items. */
  placeOf: Uint32Array;
  /** Per item row: its task's position in `tasks`. */
  taskOf: Uint32Array;
  /** Per item row: its organization's position in `organizationRows`. */
  organizationOf: Uint32Array;
  /** The owners' ids; position 0 stands for "no owner". */
  ownerIds: Array<string | null>;
  /** Per item row: its owner's position in `ownerIds`. */
  ownerOf: Uint32Array;
}

function placeItems(
  items: readonly ItemRow[],
  planTasks: readonly TaskRow[],
  allOrganizations: readonly OrganizationRow[],
): ItemPlacement {
  const count = items.length;
  const taskIndex = new Map(planTasks.map((task, index) => [task.id, index]));
  const organizationIndex = new Map(allOrganizations.map((row, index) => [row.id, index]));
  const taskOf = new Uint32Array(count);
  const organizationOf = new Uint32Array(count);
  const taskUsed = new Uint8Array(planTasks.length);
  const organizationUsed = new Uint8Array(allOrganizations.length);
  const ownerOf = new Uint32Array(count);
  const ownerPosition = new Map<string | null, number>([[null, 0]]);
  items.forEach((item, position) => {
    taskOf[position] = taskIndex.get(item.task_id)!;
    organizationOf[position] = organizationIndex.get(item.organization_id)!;
    taskUsed[taskOf[position]] = 1;
    organizationUsed[organizationOf[position]] = 1;
    let owner = ownerPosition.get(item.owner_id);
    if (owner === undefined) ownerPosition.set(item.owner_id, (owner = ownerPosition.size));
    ownerOf[position] = owner;
  });
  // Renumber to positions among the tasks and organizations that have items.
  const taskPosition = positionsOfUsed(taskUsed);
  const organizationPosition = positionsOfUsed(organizationUsed);
  const organizationCount = organizationUsed.reduce((sum, used) => sum + used, 0);
  // The item's position is folded into its integer sort key, so a typed array sorts without a comparator.
  const keys = new Float64Array(count);
  for (let position = 0; position < count; position++) {
    taskOf[position] = taskPosition[taskOf[position]];
    organizationOf[position] = organizationPosition[organizationOf[position]];
    keys[position] = (taskOf[position] * organizationCount + organizationOf[position]) * count + position;
  }
  keys.sort();
  const placeOf = new Uint32Array(count);
  keys.forEach((key, place) => {
    placeOf[key % count] = place;
  });
  return {
    tasks: planTasks.filter((_, index) => taskUsed[index]),
    organizationRows: allOrganizations.filter((_, index) => organizationUsed[index]),
    placeOf,
    taskOf,
    organizationOf,
    ownerIds: [...ownerPosition.keys()],
    ownerOf,
  };
}

/** For each entry of `used`, how many used entries come before it. */
function positionsOfUsed(used: Uint8Array): Uint32Array {
  const positions = new Uint32Array(used.length);
  let next = 0;
  used.forEach((isUsed, index) => {
    positions[index] = next;
    next += isUsed;
  });
  return positions;
}

/** The plan's tasks in plan order. */
async function loadPlanTasks(manager: EntityManager, planId: string): Promise<TaskRow[]> {
  return manager.query(
    `SELECT t.id, t.number, t.code, t.title, ch.number AS chapter_number, ch.title AS chapter_title
     FROM tasks t LEFT JOIN chapters ch ON ch.id = t.chapter_id
     WHERE t.plan_id = $1
     ORDER BY t.number`,
    [planId],
  );
}

/** Every organization (a dictionary of a few hundred), in report order. */
async function loadOrganizations(manager: EntityManager): Promise<OrganizationRow[]> {
  return manager.query(`SELECT o.id, o.name, o.kind FROM organizations o ORDER BY ${ORGANIZATION_ORDER}`);
}

/** The people with these ids (null: no owner), in the same order. */
async function loadOwners(
  manager: EntityManager,
  ids: Array<string | null>,
): Promise<Array<ReportPerson | null>> {
  const people = ids.filter((id) => id !== null);
  const rows: ReportPerson[] = people.length
    ? await manager.query(`SELECT u.id, u.display_name AS name FROM users u WHERE u.id = ANY($1::uuid[])`, [
        people,
      ])
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => (id === null ? null : byId.get(id)!));
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

function organizationKind(kind: string): OrganizationKind {
  return kind === 'central' ? 'ministry' : (kind as OrganizationKind);
}

function organizationOf(row: OrganizationRow): ReportOrganization {
  return { id: row.id, name: row.name, kind: organizationKind(row.kind) };
}

/**
 * "2026-03-16T07:59:59.76393" (a UTC timestamp as JSON: microseconds, trailing zeros dropped) as
 * Date#toISOString writes it: "2026-03-16T07:59:59.763Z".
 */
function isoTimestamp(json: string | null): string | null {
  if (json === null) return null;
  const milliseconds = json.length > 20 ? json.slice(20, 23).padEnd(3, '0') : '000';
  return `${json.slice(0, 19)}.${milliseconds}Z`;
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
