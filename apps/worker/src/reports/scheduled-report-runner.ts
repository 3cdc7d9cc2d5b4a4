import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import type { ReportFilters, ReportFormat } from '@xietong/rules';
import { actingOrganizationSql, planScopeSql, reportScopeOrganizationId, ScopedUser } from '@xietong/domain';
import { NotificationDraft, NotificationOutbox } from '@xietong/outbox';
import { ReportJobsProducer, ScheduledReportJob } from '@xietong/queue';
import { Locale, reportHighlights } from '@xietong/reports';
import { SqlParams } from '@xietong/db';
import { ReportRunBuilder } from './report-run-builder';

interface ScheduleRow {
  id: string;
  plan_id: string;
  name: string;
  formats: ReportFormat[];
  recipient_ids: string[];
  filters: ReportFilters;
  locale: Locale;
}

export interface ScheduledReportOutcome {
  /** One run per distinct view among the recipients (the whole plan, or one organization's tasks). */
  runIds: string[];
  mailed: number;
  /** Recipients who may no longer see the plan (deactivated, moved, demoted), left out of this firing. */
  skipped: string[];
}

interface Recipient extends ScopedUser {
  display_name: string;
}

/**
 * One firing of a report schedule. Who may see what is decided now, not when the schedule was
 * made: each recipient gets the report they would get by asking for it themselves — the whole
 * plan for admins and the plan's managers, the tasks their organization leads for everyone else
 * (the work-item policy's scope) — and someone who can no longer see the plan gets nothing and
 * is logged. Recipients sharing a view share one run. Run ids are derived from the firing and the
 * view, so a retried or doubly delivered job builds the same runs, and the outbox's dedupe keys
 * send each recipient one mail.
 */
@Injectable()
export class ScheduledReportRunner {
  private readonly logger = new Logger(ScheduledReportRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly builder: ReportRunBuilder,
    private readonly outbox: NotificationOutbox,
    private readonly producer: ReportJobsProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(job: Pick<Job<ScheduledReportJob>, 'id' | 'data'>): Promise<ScheduledReportOutcome> {
    const [schedule]: ScheduleRow[] = await this.db.query(
      `SELECT id, plan_id, name, formats, recipient_ids, filters, locale FROM report_schedules WHERE id = $1`,
      [job.data.scheduleId],
    );
    if (!schedule) {
      // Deleted while its scheduler survived (the removal was lost): stop it firing.
      this.logger.warn(`Report schedule ${job.data.scheduleId} no longer exists; removing its scheduler`);
      await this.producer.removeSchedule(job.data.scheduleId);
      return { runIds: [], mailed: 0, skipped: [] };
    }
    const { views, skipped } = await this.recipientViews(schedule);
    for (const recipient of skipped) {
      this.logger.warn(
        `Report schedule ${schedule.id}: recipient ${recipient} may no longer see plan ${schedule.plan_id}; not mailed`,
      );
    }
    const runIds: string[] = [];
    let mailed = 0;
    for (const [scopeOrganizationId, recipients] of views) {
      // The whole plan's run keeps the id earlier versions gave it, so a firing retried across an upgrade builds no twin.
      const runId = nameBasedUuid(
        `report-schedule:${schedule.id}:${job.id}${scopeOrganizationId ? `:${scopeOrganizationId}` : ''}`,
      );
      runIds.push(runId);
      mailed += await this.buildAndMail(schedule, runId, scopeOrganizationId, recipients);
    }
    return { runIds, mailed, skipped };
  }

  /** Each active recipient's view of the plan now, grouped; those who see none of it apart. */
  private async recipientViews(
    schedule: ScheduleRow,
  ): Promise<{ views: Map<string | null, Recipient[]>; skipped: string[] }> {
    const recipients: Recipient[] = await this.db.query(
      `SELECT u.id, u.display_name, u.role, ${actingOrganizationSql('o')} AS "actingOrganizationId"
       FROM users u JOIN organizations o ON o.id = u.organization_id
       WHERE u.id = ANY($1::uuid[]) AND u.active`,
      [schedule.recipient_ids],
    );
    const active = new Set(recipients.map((recipient) => recipient.id));
    const skipped = schedule.recipient_ids.filter((id) => !active.has(id));
    const views = new Map<string | null, Recipient[]>();
    for (const recipient of recipients) {
      const params = new SqlParams();
      const scope = planScopeSql(recipient, 'p', params);
      const [{ visible }] = await this.db.query(
        `SELECT ${scope} AS visible FROM (SELECT ${params.add(schedule.plan_id)}::uuid AS id) p`,
        params.values,
      );
      if (!visible) {
        skipped.push(recipient.id);
        continue;
      }
      const view = reportScopeOrganizationId(recipient);
      views.set(view, [...(views.get(view) ?? []), recipient]);
    }
    return { views, skipped };
  }

  private async buildAndMail(
    schedule: ScheduleRow,
    runId: string,
    scopeOrganizationId: string | null,
    recipients: Recipient[],
  ): Promise<number> {
    await this.db.query(
      `INSERT INTO report_runs (id, plan_id, schedule_id, formats, filters, locale, scope_organization_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [
        runId,
        schedule.plan_id,
        schedule.id,
        schedule.formats,
        JSON.stringify(schedule.filters),
        schedule.locale,
        scopeOrganizationId,
      ],
    );
    return this.mailRun(schedule, runId, recipients);
  }

  /**
   * Finishes a scheduled run whose firing job was lost (the report-run sweeper enqueued its build):
   * built and mailed to the recipients who share its view, as the firing would have. Null when the
   * run belongs to no schedule.
   */
  async resume(runId: string): Promise<{ mailed: number } | null> {
    const [schedule]: (ScheduleRow & { scope_organization_id: string | null })[] = await this.db.query(
      `SELECT s.id, s.plan_id, s.name, s.formats, s.recipient_ids, s.filters, s.locale, r.scope_organization_id
       FROM report_runs r JOIN report_schedules s ON s.id = r.schedule_id WHERE r.id = $1`,
      [runId],
    );
    if (!schedule) return null;
    const { views } = await this.recipientViews(schedule);
    return { mailed: await this.mailRun(schedule, runId, views.get(schedule.scope_organization_id) ?? []) };
  }

  private async mailRun(schedule: ScheduleRow, runId: string, recipients: Recipient[]): Promise<number> {
    const built = await this.builder.build(runId);
    const { report } = built;
    const reportTitle = `${schedule.name}（${report.asOf}）`;
    const drafts: NotificationDraft[] = recipients.map((recipient) => ({
      recipientId: recipient.id,
      webhookEndpointId: null,
      channel: 'email',
      kind: 'report',
      dedupeKey: `report:${runId}:${recipient.id}`,
      workItemId: null,
      payload: {
        recipientName: recipient.display_name,
        planTitle: report.plan.title,
        reportTitle,
        highlights: reportHighlights(report, built.previousHeadline),
        // The web app's reports page opens the run (after sign-in) with its preview and downloads.
        link: `${this.config.publicUrl}/reports?plan=${report.plan.id}&run=${runId}`,
        locale: report.locale,
        attachments: built.files.map((file) => ({ reportFileId: file.id })),
      },
      sendAfter: new Date(),
    }));
    return (await this.outbox.publish(drafts)).length;
  }
}

/** A UUID (version 5 layout, SHA-1 of the name) that is the same every time for the same name. */
function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
