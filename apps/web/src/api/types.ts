import type { NotificationPreferences, TrafficLight } from '@xietong/rules';

/** Response shapes of the API, as its services select them. */

export type WorkItemStatus = 'not_started' | 'in_progress' | 'blocked' | 'done' | 'cancelled';
export const WORK_ITEM_STATUSES: WorkItemStatus[] = [
  'not_started',
  'in_progress',
  'blocked',
  'done',
  'cancelled',
];
export type UserRole = 'admin' | 'manager' | 'coordinator' | 'liaison' | 'viewer';
export const USER_ROLES: UserRole[] = ['admin', 'manager', 'coordinator', 'liaison', 'viewer'];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The work-item list counts no further than a thousand past the page and pages by cursor too. */
export interface WorkItemPage<T> extends Page<T> {
  /** false: at least `total` items match. */
  totalExact: boolean;
  nextCursor: string | null;
}

export interface OrganizationRef {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  locale: string;
  timeZone: string;
  organization: OrganizationRef;
  /** A liaison office acts for its province. */
  actingOrganizationId: string;
  notificationPreferences?: NotificationPreferences;
}

export type { CoLeadUpdateMode, NotificationPreferences } from '@xietong/rules';

export interface LatestUpdate {
  id: string;
  kind: string;
  text: string;
  progress: number | null;
  createdAt: string;
  authorName: string;
  organizationName: string;
}

export interface WorkItem {
  id: string;
  planId: string;
  planTitle: string;
  taskId: string;
  taskNumber: number;
  taskCode: string;
  /** Unique in the plan (`二(一)`), where `taskCode` repeats in every chapter. */
  taskRef: string;
  taskTitle: string;
  /** 牵头 (lead) or 配合 (support). */
  responsibility: 'lead' | 'support';
  parentId: string | null;
  title: string;
  organizationId: string;
  organizationName: string;
  organizationCode: string;
  ownerId: string | null;
  ownerName: string | null;
  deadline: string;
  originalDeadline: string;
  startDate: string;
  status: WorkItemStatus;
  progress: number;
  priority: string;
  lastUpdateAt: string | null;
  version: number;
  updatedAt: string;
  overdue: boolean;
  trafficLight: TrafficLight;
  latestUpdate?: LatestUpdate | null;
  /** Only an approved extension moves a confirmed deadline. */
  deadlineConfirmed: boolean;
  extensionCount: number;
  deadlineStanding: 'on_time' | 'extended' | 'overdue';
  /** On a done item: 待审核 until the reviewer accepts (销号) or sends it back. */
  reviewState: 'pending' | 'accepted' | null;
}

export interface LeadUnitColumn {
  organization: OrganizationRef;
  role: 'lead_province' | 'lead_ministry' | 'participant';
  responsibility: 'lead' | 'support';
  written: string;
  item: WorkItem | null;
}

export interface TaskSummary {
  id: string;
  planId: string;
  planTitle: string;
  number: number;
  code: string;
  title: string;
  body: string;
  kind: string;
  chapter: { id: string; number: number; title: string } | null;
}

export interface JointTaskView {
  task: TaskSummary;
  progress: number | null;
  leadUnits: LeadUnitColumn[];
}

export interface WorkItemDetail extends WorkItem {
  task: TaskSummary;
  taskProgress: number | null;
  otherLeadUnits: LeadUnitColumn[];
  subItems: WorkItem[];
  deadlineHistory: { originalDeadline: string; deadline: string; extensions: DeadlineExtension[] };
}

export interface DeadlineExtension {
  id: string;
  state: 'pending' | 'approved' | 'rejected';
  previousDeadline: string;
  requestedDeadline: string;
  reason: string;
  progressAtRequest: number;
  requestedAt: string;
  requestedBy: { id: string; displayName: string };
  decidedAt: string | null;
  decisionNote: string | null;
  decidedBy: { id: string; displayName: string } | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
}

export const INBOX_KINDS = [
  'extension_to_decide',
  'completion_to_review',
  'sent_back',
  'unassigned',
  'question',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export interface InboxEntry {
  kind: InboxKind;
  workItemId: string;
  refId: string | null;
  since: string;
  detail: Record<string, string | number | null>;
  title: string;
  taskCode: string;
  planTitle: string;
  organizationName: string;
  ownerName: string | null;
  deadline: string;
}

export interface Inbox {
  items: InboxEntry[];
  counts: Record<InboxKind, number>;
}

export interface Update {
  id: string;
  kind: string;
  text: string;
  progress: number | null;
  statusFrom: WorkItemStatus | null;
  statusTo: WorkItemStatus | null;
  createdAt: string;
  author: { id: string; displayName: string };
  /** The author's own organization: a liaison office posting for its province shows as itself. */
  organization: OrganizationRef;
  attachments: Attachment[];
}

/** One lead unit's thread on a task: its latest updates (newest first) and how many there are. */
export interface Thread {
  workItemId: string;
  total: number;
  items: Update[];
}

export interface PlanSummary {
  id: string;
  title: string;
  issuer: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  timeZone: string;
  taskCount: number;
  workItemCount: number;
}

export interface PlanDetail extends Omit<PlanSummary, 'taskCount' | 'workItemCount'> {
  chapters: { id: string; number: number; title: string; taskCount: number }[];
  leadUnits: (OrganizationRef & { verified: boolean; roles: string[]; taskCount: number })[];
  managers: { id: string; displayName: string; email: string }[];
}

export interface TaskLeadUnit {
  id: string;
  code: string;
  name: string;
  written: string;
  inherited: boolean;
  /** The side: `lead_province` for provinces and local governments, `lead_ministry` for central bodies. */
  role: 'lead_province' | 'lead_ministry' | 'participant';
}

export interface PlanTask {
  id: string;
  number: number;
  code: string;
  ref: string;
  title: string;
  kind: string;
  deadline: string | null;
  deadlineText: string | null;
  chapter: { id: string; number: number; title: string } | null;
  leadProvinces: TaskLeadUnit[];
  leadMinistries: TaskLeadUnit[];
  /** 配合 units, provinces and central bodies alike (see `role` for the side). */
  supportUnits: TaskLeadUnit[];
  participants: TaskLeadUnit[];
}

export interface AuditEntry {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
  actor: { id: string; email: string; displayName: string } | null;
  organization: { id: string; name: string } | null;
  /** zh-CN; the web app shows its own label for the reader's language. */
  actionLabel?: string;
}

/** A page of the audit log with the names of the ids its entries carry (owner, unit, plan…). */
export interface AuditPage extends Page<AuditEntry> {
  names: Record<string, string>;
}

export interface NotificationInbox {
  items: Notification[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface WebhookEndpoint {
  id: string;
  organizationId: string;
  name: string;
  url: string;
  format: 'json' | 'wecom' | 'dingtalk' | 'feishu';
  enabled: boolean;
  createdAt: string;
}

export interface Notification {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  workItemId: string | null;
  createdAt: string;
  readAt: string | null;
}

export type ReportFormat = 'html' | 'xlsx' | 'pdf' | 'csv';
export const REPORT_FORMATS: ReportFormat[] = ['html', 'xlsx', 'pdf', 'csv'];

export interface ReportRun {
  id: string;
  planId: string;
  scheduleId: string | null;
  state: 'queued' | 'running' | 'done' | 'failed';
  formats: ReportFormat[];
  locale: string;
  summary: { asOf: string; generatedAt: string; headline: Record<string, number> } | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  files: { id: string; format: ReportFormat; fileName: string; contentType: string; size: number }[];
}

export interface ReportSchedule {
  id: string;
  planId: string;
  cron: string;
  timezone: string;
  formats: ReportFormat[];
  recipientIds: string[];
  [field: string]: unknown;
}

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  active: boolean;
  organization?: OrganizationRef;
  organizationId?: string;
  organizationName?: string;
  [field: string]: unknown;
}

export interface Organization extends OrganizationRef {
  verified: boolean;
  shortNames?: string[];
  aliases?: string[];
  parentId?: string | null;
  [field: string]: unknown;
}

export interface FailedDelivery {
  id: string;
  kind: string;
  channel: string;
  attempts: number;
  lastError: string | null;
  /** The failure as a person reads it, e.g. 收件服务器拒收：邮箱不存在. */
  reasonText: string;
  reason: string;
  failureKind: 'transient' | 'permanent' | null;
  lastAttemptAt: string | null;
  createdAt: string;
  recipientEmail: string | null;
  recipientName: string | null;
  webhookName: string | null;
  workItemId: string | null;
}

export interface ImportedUnit {
  /** Canonical name, or the written form when the organization is unknown. */
  name: string;
  written: string;
  verified: boolean;
}

/** A task as the import preview shows it, after corrections; `itemDeadline` is what its items get. */
export interface ImportedTask {
  ref: string;
  number: number;
  code: string;
  chapter: number;
  kind: string;
  title: string;
  line: number;
  inheritedProvinces: boolean;
  leadUnits: ImportedUnit[];
  supportUnits: ImportedUnit[];
  deadline: string | null;
  deadlineText: string | null;
  itemDeadline: string;
  milestones: { date: string; text: string }[];
}

/** POST /api/plans/import: the outcome and what the parser read, corrections applied. */
export interface ImportPreview {
  dryRun: boolean;
  planId: string | null;
  created: boolean;
  workItemsCreated: number;
  summary: {
    chapters: number;
    tasks: number;
    leadUnits: number;
    supportUnits: number;
    workItems: number;
    unknownOrganizations: string[];
    indicators: number;
    droppedTasks: number;
  };
  preview: {
    plan: { title: string; chapters: { number: number; title: string }[] };
    tasks: ImportedTask[];
    diagnostics: { line: number; severity: string; message: string }[];
    reportingCadence: { every: string; byDay?: number | 'end'; text: string } | null;
  };
  /** The date items of tasks without a deadline take. */
  fallbackDeadline: string;
  /** Existing items of a plan with this title whose document deadline changes; `moves` false = a person set it. */
  deadlineChanges: {
    workItemId: string;
    ref: string;
    title: string;
    organization: string;
    responsibility: 'lead' | 'support';
    milestone: string | null;
    deadline: string;
    documentBefore: string | null;
    documentAfter: string;
    moves: boolean;
  }[];
}

/** GET /api/organizations/:id/members: who can own the organization's items. */
export interface OrganizationMember {
  id: string;
  displayName: string;
  email: string;
  role: string;
  organizationName: string;
}
