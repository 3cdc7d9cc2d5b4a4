import { Attachment, AttachmentChunk } from './attachments/attachment.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { RefreshToken } from './auth/refresh-token.entity';
import { WebhookEndpoint } from './notifications/webhook-endpoint.entity';
import { Notification } from './notifications/notification.entity';
import { Organization } from './organizations/organization.entity';
import { Chapter } from './plans/chapter.entity';
import { PlanIndicator } from './plans/plan-indicator.entity';
import { PlanManager } from './plans/plan-manager.entity';
import { Plan } from './plans/plan.entity';
import { TaskLeadUnit } from './plans/task-lead-unit.entity';
import { Task } from './plans/task.entity';
import { ReportFile, ReportFileChunk } from './reports/report-file.entity';
import { ReportRun } from './reports/report-run.entity';
import { ReportSchedule } from './reports/report-schedule.entity';
import { WorkItemUpdate } from './updates/work-item-update.entity';
import { SavedView } from './users/saved-view.entity';
import { User } from './users/user.entity';
import { DeadlineExtension } from './work-items/deadline-extension.entity';
import { WorkItemReminderCheck } from './work-items/work-item-reminder-check.entity';
import { WorkItem } from './work-items/work-item.entity';

/** Every entity, for the one DataSource shared by api, worker, migrations and CLI. */
export const ENTITIES = [
  Organization,
  User,
  RefreshToken,
  Plan,
  PlanManager,
  Chapter,
  Task,
  TaskLeadUnit,
  PlanIndicator,
  WorkItem,
  WorkItemReminderCheck,
  DeadlineExtension,
  WorkItemUpdate,
  Attachment,
  AttachmentChunk,
  Notification,
  WebhookEndpoint,
  ReportSchedule,
  ReportRun,
  ReportFile,
  ReportFileChunk,
  AuditEntry,
  SavedView,
];
