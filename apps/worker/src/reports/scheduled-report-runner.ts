import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import type { ReportFilters, ReportFormat } from '@xietong/rules';
import { NotificationDraft, NotificationOutbox } from '@xietong/outbox';
import { ReportJobsProducer, ScheduledReportJob } from '@xietong/queue';
import { reportHighlights, ReportLocale } from '@xietong/reports';
import { ReportRunBuilder } from './report-run-builder';

interface ScheduleRow {
  id: string;
  plan_id: string;
  name: string;
  formats: ReportFormat[];
  recipient_ids: string[];
  filters: ReportFilters;
  locale: ReportLocale;
}

export interface ScheduledReportOutcome {
  runId: string | null;
  mailed: number;
}

/**
 * One firing of a report schedule: a run, built and stored, then mailed to every recipient with
 * the files attached. The run id is derived from the firing, so a retried or doubly delivered job
 * builds the same run, and the outbox's dedupe keys send each recipient one mail.
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
      return { runId: null, mailed: 0 };
    }
    const runId = nameBasedUuid(`report-schedule:${schedule.id}:${job.id}`);
    await this.db.query(
      `INSERT INTO report_runs (id, plan_id, schedule_id, formats, filters, locale)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [
        runId,
        schedule.plan_id,
        schedule.id,
        schedule.formats,
        JSON.stringify(schedule.filters),
        schedule.locale,
      ],
    );
    const built = await this.builder.build(runId);

    const recipients: Array<{ id: string; display_name: string }> = await this.db.query(
      `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[]) AND active`,
      [schedule.recipient_ids],
    );
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
    const written = await this.outbox.publish(drafts);
    return { runId, mailed: written.length };
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
