import type { Locale, TrafficLight, TrafficLightStatus } from '@xietong/rules';

/**
 * Everything a joint (cross-province) progress report shows, as plain JSON-serialisable data:
 * the aggregation fills it, the renderers only format it, and a report run can store it as is.
 * Timestamps are ISO 8601 strings; deadlines and other calendar dates are YYYY-MM-DD in the plan's
 * time zone; progress figures are percentages 0–100.
 */

export type { Locale, TrafficLight };
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

/** What changed since the previous run of the same schedule; empty lists when there was none. */
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
  overdue: OverdueItem[];
  dueSoon: DueSoonItem[];
  /** ISO timestamp of the previous run of the same schedule. */
  previousRunAt: string | null;
  updatesSince: ReportUpdate[];
  changes: ReportChanges;
  indicators: PlanIndicator[];
  workItems: WorkItemRow[];
}
