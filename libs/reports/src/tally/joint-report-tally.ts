import {
  daysBetween,
  deadlineStanding,
  isOpenWorkItemStatus,
  trafficLight,
  type DeadlineStanding,
  type DeadlineStandingInput,
} from '@xietong/rules';
import type {
  DueSoonItem,
  FinishedItem,
  MatrixCell,
  MatrixTask,
  NewlyOverdueItem,
  OrganizationFigures,
  OrganizationKind,
  OverdueItem,
  ProgressDelta,
  RankingEntry,
  ReportChanges,
  ReportFigures,
  ReportOrganization,
  ReportPerson,
  StandingCounts,
  DeadlineStandingTally,
  WorkItemStatus,
} from '../joint-report';
import type { ReportRunSummary } from './report-snapshot';

/**
 * The pure half of the joint report: the loader hands every item in scope to `add` once, in any
 * order and in batches of any size; `result` then ranks, sorts and lists. Nothing here reads a
 * database, so the same counting runs in a unit spec, and an item is dropped as soon as it is
 * counted: what stays per item is its matrix cell, the sort key and what the next run compares
 * against — never the loaded row — so the memory a report needs grows by a few dozen bytes per
 * item, not by the row.
 */

export const DUE_SOON_DAYS = 30;

/** A task of the plan, in plan order. */
export interface TallyTask {
  id: string;
  number: number;
  code: string;
  title: string;
  chapterNumber: number | null;
  chapterTitle: string | null;
}

/** An organization as the dictionary stores it (`kind` 'central' for ministries and central bodies). */
export interface TallyOrganization {
  id: string;
  name: string;
  kind: string;
}

/** One work item as the loader reads it. */
export interface TallyItem {
  id: string;
  taskId: string;
  organizationId: string;
  ownerId: string | null;
  /** YYYY-MM-DD */
  deadline: string;
  /** YYYY-MM-DD, the first deadline set. */
  originalDeadline: string;
  /** YYYY-MM-DD */
  startDate: string;
  status: WorkItemStatus;
  progress: number;
  /** UTC timestamp as JSON (see `isoTimestamp`). */
  completedAt: string | null;
  /** YYYY-MM-DD in the plan's time zone. */
  completedOn: string | null;
}

export interface TallyContext {
  /** YYYY-MM-DD: the day the lights are computed for. */
  asOf: string;
  /** ISO timestamp of this run: a finished item without a completion time counts as finished now. */
  generatedAt: string;
  /** The plan's tasks in plan order. */
  tasks: readonly TallyTask[];
  /** Every organization that may lead an item, in report order. */
  organizations: readonly TallyOrganization[];
  /** The previous completed run of the same view, for "what changed". */
  previous: ReportRunSummary | null;
}

export interface TallyResult {
  headline: ReportFigures;
  byProvince: OrganizationFigures[];
  byMinistry: OrganizationFigures[];
  matrix: { tasks: MatrixTask[]; organizations: ReportOrganization[]; cells: MatrixCell[] };
  ranking: RankingEntry[];
  deadlineStanding: DeadlineStandingTally;
  overdue: OverdueItem[];
  dueSoon: DueSoonItem[];
  changes: ReportChanges;
  /** What the next run compares against. */
  summary: ReportRunSummary;
  /** The tasks with items, in plan order (the updates section reads theirs). */
  taskIds: string[];
  /**
   * The owners of the listed items (overdue, due soon), one object each, named '' until the
   * loader fills in `name`: looking up a few hundred names costs less than joining every item's.
   */
  owners: Map<string, ReportPerson>;
}

/** Running totals of one organization (or of the headline) while the items stream past. */
export class FigureTally {
  items = 0;
  done = 0;
  inProgress = 0;
  notStarted = 0;
  blocked = 0;
  cancelled = 0;
  overdue = 0;
  behindSchedule = 0;
  onTime = 0;
  extended = 0;
  late = 0;
  private progressSum = 0;
  private progressCount = 0;

  add(
    status: WorkItemStatus,
    progress: number,
    overdue: boolean,
    behindSchedule: boolean,
    standing: DeadlineStanding,
  ): void {
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
    if (standing === 'on_time') this.onTime++;
    else if (standing === 'extended') this.extended++;
    else this.late++;
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

  standing(): StandingCounts {
    return { onTime: this.onTime, extended: this.extended, overdue: this.late };
  }
}

/** Pooled so that 200,000 items share five status strings instead of holding one each. */
const STATUSES: Readonly<Record<WorkItemStatus, WorkItemStatus>> = {
  not_started: 'not_started',
  in_progress: 'in_progress',
  blocked: 'blocked',
  done: 'done',
  cancelled: 'cancelled',
};

interface Placed<T> {
  key: number;
  item: T;
}

export class JointReportTally {
  private readonly taskIndex: Map<string, number>;
  private readonly organizationIndex: Map<string, number>;
  private readonly organizations: ReportOrganization[];
  private readonly headlineTally = new FigureTally();
  private readonly tallies: FigureTally[];
  private readonly taskUsed: Uint8Array;
  private readonly organizationUsed: Uint8Array;
  /** Per item in arrival order: its cell, its report-order key and whether it is overdue. */
  private readonly cells: MatrixCell[] = [];
  private readonly keys: number[] = [];
  private readonly overdueFlags: boolean[] = [];
  private readonly overdue: Array<Placed<OverdueItem>> = [];
  private readonly dueSoon: Array<Placed<DueSoonItem>> = [];
  private readonly finished: Array<Placed<FinishedItem>> = [];
  private readonly newlyOverdue: Array<Placed<NewlyOverdueItem>> = [];
  private readonly progressDeltas: Array<Placed<ProgressDelta>> = [];
  private readonly previousIndex: Map<string, number> | null;
  /** Reused for every item: the rule reads it at once, and an object per item only feeds the collector. */
  private readonly standingInput: DeadlineStandingInput;
  /** People are shared by their items: one object per owner. */
  private readonly owners = new Map<string, ReportPerson>();

  constructor(private readonly context: TallyContext) {
    this.taskIndex = new Map(context.tasks.map((task, index) => [task.id, index]));
    this.organizationIndex = new Map(context.organizations.map((row, index) => [row.id, index]));
    this.organizations = context.organizations.map(organizationOf);
    this.tallies = context.organizations.map(() => new FigureTally());
    this.taskUsed = new Uint8Array(context.tasks.length);
    this.organizationUsed = new Uint8Array(context.organizations.length);
    const previous = context.previous;
    this.standingInput = {
      status: 'not_started',
      deadline: context.asOf,
      originalDeadline: context.asOf,
      completedOn: null,
      today: context.asOf,
    };
    this.previousIndex = previous ? new Map(previous.items.ids.map((id, index) => [id, index])) : null;
  }

  get count(): number {
    return this.cells.length;
  }

  add(item: TallyItem): void {
    const { asOf } = this.context;
    const taskPosition = this.taskIndex.get(item.taskId);
    const organizationPosition = this.organizationIndex.get(item.organizationId);
    if (taskPosition === undefined || organizationPosition === undefined) {
      throw new Error(`Work item ${item.id} belongs to a task or organization the report does not know.`);
    }
    const task = this.context.tasks[taskPosition];
    const organization = this.organizations[organizationPosition];
    this.taskUsed[taskPosition] = 1;
    this.organizationUsed[organizationPosition] = 1;
    const status = STATUSES[item.status];
    const light = trafficLight({
      status,
      progress: item.progress,
      startDate: item.startDate,
      deadline: item.deadline,
      today: asOf,
    });
    const judged = this.standingInput;
    judged.status = status;
    judged.deadline = item.deadline;
    judged.originalDeadline = item.originalDeadline;
    judged.completedOn = item.completedOn;
    const standing = deadlineStanding(judged);
    const daysLate = daysBetween(item.deadline, asOf);
    const open = isOpenWorkItemStatus(status);
    const isOverdue = open && daysLate > 0;
    const behindSchedule = !isOverdue && (light === 'yellow' || light === 'red');
    this.headlineTally.add(status, item.progress, isOverdue, behindSchedule, standing);
    this.tallies[organizationPosition].add(status, item.progress, isOverdue, behindSchedule, standing);

    // Plan order of the task, then report order of the organization: the order every list shows.
    const key = taskPosition * this.organizations.length + organizationPosition;
    this.cells.push({
      taskId: task.id,
      organizationId: organization.id,
      workItemId: item.id,
      status,
      progress: item.progress,
      light,
      deadline: item.deadline,
    });
    this.keys.push(key);
    this.overdueFlags.push(isOverdue);

    if (isOverdue || (open && -daysLate <= DUE_SOON_DAYS)) {
      const listed = {
        workItemId: item.id,
        taskCode: task.code,
        taskTitle: task.title,
        organization,
        owner: this.owner(item),
        deadline: item.deadline,
        progress: item.progress,
        status,
      };
      if (isOverdue) this.overdue.push({ key, item: { ...listed, daysOverdue: daysLate } });
      else
        this.dueSoon.push({
          key,
          item: { ...listed, daysLeft: -daysLate, light, deadlineStanding: standing },
        });
    }
    if (this.previousIndex) this.compare(item, key, task, organization, isOverdue, daysLate);
  }

  /** Finished, newly overdue, progress moved: items the previous run did not cover have nothing to compare with. */
  private compare(
    item: TallyItem,
    key: number,
    task: TallyTask,
    organization: ReportOrganization,
    isOverdue: boolean,
    daysLate: number,
  ): void {
    const before = this.previousIndex!.get(item.id);
    if (before === undefined) return;
    const previous = this.context.previous!.items;
    const reference = () => ({
      workItemId: item.id,
      taskCode: task.code,
      taskTitle: task.title,
      organization,
    });
    if (item.status === 'done' && previous.statuses[before] !== 'done') {
      this.finished.push({
        key,
        item: { ...reference(), finishedAt: isoTimestamp(item.completedAt) ?? this.context.generatedAt },
      });
    }
    if (isOverdue && !previous.overdue[before]) {
      this.newlyOverdue.push({
        key,
        item: { ...reference(), deadline: item.deadline, daysOverdue: daysLate },
      });
    }
    const from = previous.progress[before];
    if (from !== item.progress) {
      this.progressDeltas.push({ key, item: { ...reference(), from, to: item.progress } });
    }
  }

  private owner(item: TallyItem): ReportPerson | null {
    if (item.ownerId === null) return null;
    let person = this.owners.get(item.ownerId);
    if (!person) this.owners.set(item.ownerId, (person = { id: item.ownerId, name: '' }));
    return person;
  }

  result(): TallyResult {
    const { asOf, generatedAt } = this.context;
    const order = reportOrder(this.keys);
    const cells = Array.from(order, (position) => this.cells[position]);
    const headline = this.headlineTally.figures();
    const used = this.organizations.flatMap((organization, index) =>
      this.organizationUsed[index]
        ? [{ organization, kind: this.context.organizations[index].kind, tally: this.tallies[index] }]
        : [],
    );
    const withFigures = used.map((entry) => ({ ...entry, figures: entry.tally.figures() }));
    const byKind = (kind: string): OrganizationFigures[] => {
      const ofKind = withFigures.filter((entry) => entry.kind === kind);
      // Ranked like SQL's rank(): ties share a rank and the next rank skips past them.
      return ofKind
        .map(({ organization, figures }) => ({
          ...figures,
          rank: 1 + ofKind.filter((other) => other.figures.averageProgress > figures.averageProgress).length,
          organization,
        }))
        .sort((a, b) => a.rank - b.rank || a.organization.name.localeCompare(b.organization.name, 'zh-CN'));
    };
    const tasks = this.context.tasks.filter((_, index) => this.taskUsed[index]);
    // Equally late items stay in report order.
    const overdue = this.overdue.sort((a, b) => b.item.daysOverdue - a.item.daysOverdue || a.key - b.key);
    const dueSoon = this.dueSoon.sort((a, b) => a.item.daysLeft - b.item.daysLeft || a.key - b.key);
    const inOrder = <T>(list: Array<Placed<T>>) =>
      list.sort((a, b) => a.key - b.key).map((entry) => entry.item);
    const progressDeltas = inOrder(this.progressDeltas).sort(
      (a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from),
    );
    return {
      headline,
      byProvince: byKind('province'),
      byMinistry: byKind('central'),
      matrix: {
        tasks: tasks.map(({ id, number, code, title }) => ({ id, number, code, title })),
        organizations: used.map((entry) => entry.organization),
        cells,
      },
      ranking: rankByStanding(
        withFigures.map(({ organization, tally, figures }) => ({
          organization,
          overdue: tally.overdue,
          behindSchedule: tally.behindSchedule,
          items: tally.items,
          averageProgress: figures.averageProgress,
        })),
      ),
      deadlineStanding: {
        headline: this.headlineTally.standing(),
        byOrganization: used.map(({ organization, tally }) => ({ organization, ...tally.standing() })),
      },
      overdue: overdue.map((entry) => entry.item),
      dueSoon: dueSoon.map((entry) => entry.item),
      changes: {
        finished: inOrder(this.finished),
        newlyOverdue: inOrder(this.newlyOverdue),
        progressDeltas,
      },
      summary: {
        asOf,
        generatedAt,
        headline,
        items: {
          ids: cells.map((cell) => cell.workItemId),
          statuses: cells.map((cell) => cell.status),
          progress: cells.map((cell) => cell.progress),
          overdue: Array.from(order, (position) => this.overdueFlags[position]),
        },
      },
      taskIds: tasks.map((task) => task.id),
      owners: this.owners,
    };
  }
}

/**
 * Positions sorted by key, equal keys in arrival order. The position is folded into the integer
 * key, so a typed array sorts without a comparator (several times faster than objects would).
 */
function reportOrder(keys: readonly number[]): Uint32Array {
  const count = keys.length;
  const folded = new Float64Array(count);
  for (let position = 0; position < count; position++) folded[position] = keys[position] * count + position;
  folded.sort();
  const order = new Uint32Array(count);
  for (let place = 0; place < count; place++) order[place] = folded[place] % count;
  return order;
}

/** The monthly 通报: most overdue first, then most behind schedule (yellow, or red without being overdue). */
export function rankByStanding(standings: ReadonlyArray<Omit<RankingEntry, 'rank'>>): RankingEntry[] {
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

export function organizationKind(kind: string): OrganizationKind {
  return kind === 'central' ? 'ministry' : (kind as OrganizationKind);
}

export function organizationOf(row: TallyOrganization): ReportOrganization {
  return { id: row.id, name: row.name, kind: organizationKind(row.kind) };
}

/**
 * "2026-03-16T07:59:59.76393" (a UTC timestamp as JSON: microseconds, trailing zeros dropped) as
 * Date#toISOString writes it: "2026-03-16T07:59:59.763Z".
 */
export function isoTimestamp(json: string | null): string | null {
  if (json === null) return null;
  const milliseconds = json.length > 20 ? json.slice(20, 23).padEnd(3, '0') : '000';
  return `${json.slice(0, 19)}.${milliseconds}Z`;
}
