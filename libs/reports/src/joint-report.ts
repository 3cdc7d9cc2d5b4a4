import type { DeadlineStanding, Locale, TrafficLight, TrafficLightStatus } from '@xietong/rules';

/**
 * Everything a joint (cross-province) progress report shows, as plain JSON-serialisable data:
 * the aggregation fills it, the renderers only format it, and a report run can store it as is.
 * Timestamps are ISO 8601 strings; deadlines and other calendar dates are YYYY-MM-DD in the plan's
 * time zone; progress figures are percentages 0–100.
 */

export type { DeadlineStanding, Locale, TrafficLight };
export type WorkItemStatus = TrafficLightStatus;
export type ReportFormat = 'html' | 'xlsx' | 'pdf' | 'csv';
export type OrganizationKind = 'province' | 'ministry' | 'city' | 'liaison_office' | 'enterprise';

export interface ReportOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
}

export interface ReportPerson {
  id: string;
  name: string;
}

export interface ReportFilters {
  /** Empty lists mean "all". */
  provinces: Array<{ id: string; name: string }>;
  ministries: Array<{ id: string; name: string }>;
  chapters: Array<{ number: number; title: string }>;
  /** 牵头 (lead) items, or the supporting units' 配合 items. */
  responsibility: 'lead' | 'support';
}

export interface ReportFigures {
  items: number;
  done: number;
  inProgress: number;
  notStarted: number;
  blocked: number;
  cancelled: number;
  overdue: number;
  /** Mean progress of the items that are not cancelled. */
  averageProgress: number;
}

export interface OrganizationFigures extends ReportFigures {
  /** 1 = best average progress. */
  rank: number;
  organization: ReportOrganization;
}

export interface MatrixTask {
  id: string;
  /** (十一) → 11 */
  number: number;
  /** As written, e.g. "(十一)". */
  code: string;
  title: string;
}

export interface MatrixCell {
  taskId: string;
  organizationId: string;
  workItemId: string;
  status: WorkItemStatus;
  progress: number;
  light: TrafficLight;
  deadline: string | null;
}

export interface ProgressMatrix {
  tasks: MatrixTask[];
  organizations: ReportOrganization[];
  /** At most one per task × organization; a missing cell means the organization does not lead the task. */
  cells: MatrixCell[];
}

/** The monthly 通报: organizations ranked by overdue, then behind-schedule items. */
export interface RankingEntry {
  rank: number;
  organization: ReportOrganization;
  overdue: number;
  /** Items not overdue but yellow or red by the traffic-light rule. */
  behindSchedule: number;
  items: number;
  averageProgress: number;
}

interface WorkItemReference {
  workItemId: string;
  taskCode: string;
  taskTitle: string;
  organization: ReportOrganization;
}

export interface OverdueItem extends WorkItemReference {
  owner: ReportPerson | null;
  deadline: string;
  daysOverdue: number;
  progress: number;
  status: WorkItemStatus;
}

export interface DueSoonItem extends WorkItemReference {
  owner: ReportPerson | null;
  deadline: string;
  daysLeft: number;
  progress: number;
  status: WorkItemStatus;
  light: TrafficLight;
  /** 按期 or 已延期 (an approved extension moved the deadline); never overdue here. */
  deadlineStanding: DeadlineStanding;
}

/** How many items kept their first deadline (按期), were given a later one (已延期), or missed it (逾期). */
export interface StandingCounts {
  onTime: number;
  extended: number;
  /** Open past the deadline, or finished after it (unlike `ReportFigures.overdue`, which counts open items only). */
  overdue: number;
}

export interface OrganizationStanding extends StandingCounts {
  organization: ReportOrganization;
}

/** The deadline standing (see `deadlineStanding` in the rules) of every item, and per organization in report order. */
export interface DeadlineStandingTally {
  headline: StandingCounts;
  byOrganization: OrganizationStanding[];
}

export interface ReportUpdate {
  /** ISO timestamp */
  at: string;
  workItemId: string;
  taskCode: string;
  organization: ReportOrganization;
  author: ReportPerson | null;
  text: string;
  /** Progress reported with the update, when it reported one. */
  progress: number | null;
}

export interface FinishedItem extends WorkItemReference {
  /** ISO timestamp */
  finishedAt: string;
}

export interface NewlyOverdueItem extends WorkItemReference {
  deadline: string;
  daysOverdue: number;
}

export interface ProgressDelta extends WorkItemReference {
  from: number;
  to: number;
}

/** What changed since the previous completed run of the same plan, view and filters; empty lists when there was none. */
export interface ReportChanges {
  finished: FinishedItem[];
  newlyOverdue: NewlyOverdueItem[];
  progressDeltas: ProgressDelta[];
}

export interface PlanIndicator {
  name: string;
  /** Decimal as text (Postgres numeric), e.g. "1000"; null when the plan gives none. */
  value: string | null;
  unit: string | null;
  year: number | null;
}

/** One CSV row per work item. */
export interface WorkItemRow extends WorkItemReference {
  chapter: { number: number; title: string } | null;
  owner: ReportPerson | null;
  deadline: string | null;
  status: WorkItemStatus;
  progress: number;
  light: TrafficLight;
  /** The deadline first set; differs from `deadline` after an approved extension. */
  originalDeadline: string | null;
  deadlineStanding: DeadlineStanding;
  /** ISO timestamp of the latest update, if any. */
  lastUpdateAt: string | null;
}

export interface JointReport {
  plan: { id: string; title: string; period: { startYear: number; endYear: number } | null };
  /** ISO timestamp */
  generatedAt: string;
  /** The day the lights were computed for (YYYY-MM-DD in `timeZone`). */
  asOf: string;
  /** IANA zone the report's timestamps are shown in, e.g. Asia/Shanghai. */
  timeZone: string;
  locale: Locale;
  filters: ReportFilters;
  headline: ReportFigures;
  byProvince: OrganizationFigures[];
  byMinistry: OrganizationFigures[];
  matrix: ProgressMatrix;
  ranking: RankingEntry[];
  deadlineStanding: DeadlineStandingTally;
  overdue: OverdueItem[];
  dueSoon: DueSoonItem[];
  /** ISO timestamp of the previous completed run of the same plan, view and filters (null: the first). */
  previousRunAt: string | null;
  updatesSince: ReportUpdate[];
  changes: ReportChanges;
  indicators: PlanIndicator[];
  /** How many work items the report covers (the headline's items). */
  workItemCount: number;
  /**
   * Every work item in report order, when the report was built in memory. A worker building
   * files leaves it empty and streams the rows into the XLSX and CSV instead (`WorkItemRowSource`).
   */
  workItems: WorkItemRow[];
}

/** Work-item rows in report order, in batches: a list in memory or a database cursor. */
export type WorkItemRowSource = Iterable<readonly WorkItemRow[]> | AsyncIterable<readonly WorkItemRow[]>;
