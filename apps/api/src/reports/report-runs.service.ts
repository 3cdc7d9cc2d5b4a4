import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordAudit, ReportRunState } from '@xietong/domain';
import { ReportFormat } from '@xietong/rules';
import { ReportJobsProducer } from '@xietong/queue';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { RequestReportDto } from './dto/request-report.dto';

export interface ReportFileView {
  id: string;
  format: ReportFormat;
  fileName: string;
  contentType: string;
  size: number;
}

export interface ReportRunView {
  id: string;
  planId: string;
  scheduleId: string | null;
  state: ReportRunState;
  formats: ReportFormat[];
  filters: Record<string, unknown>;
  locale: string;
  /** The headline figures once built; the per-item snapshot stays in the database. */
  summary: { asOf: string; generatedAt: string; headline: Record<string, number> } | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  files: ReportFileView[];
}

export interface ReportDownload {
  fileName: string;
  contentType: string;
  content: Buffer;
}

// The stored summary carries every item's state for the next run (megabytes for a big plan);
// people are shown only its headline.
const RUN_COLUMNS = `r.id, r.plan_id, r.schedule_id, r.state, r.formats, r.filters, r.locale, r.error,
  CASE WHEN r.summary ? 'headline' THEN jsonb_build_object('asOf', r.summary->'asOf',
    'generatedAt', r.summary->'generatedAt', 'headline', r.summary->'headline') END AS summary,
  r.created_at, r.finished_at,
  coalesce((SELECT json_agg(json_build_object('id', f.id, 'format', f.format, 'fileName', f.file_name,
                                              'contentType', f.content_type, 'size', f.size) ORDER BY f.format)
            FROM report_files f WHERE f.run_id = r.id), '[]') AS files`;

/** On-demand report runs: queued here, built by the worker, read and downloaded by whoever sees the plan. */
@Injectable()
export class ReportRunsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly producer: ReportJobsProducer,
  ) {}

  async request(
    planId: string,
    dto: RequestReportDto,
    user: AuthUser,
    context: { ip?: string; requestId?: string },
  ): Promise<ReportRunView> {
    await this.assertPlanVisible(user, planId);
    const formats = [...new Set(dto.formats ?? [dto.format!])];
    const runId = await this.db.transaction(async (manager) => {
      const [run] = await manager.query(
        `INSERT INTO report_runs (plan_id, requested_by_id, formats, filters, locale)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [planId, user.id, formats, JSON.stringify(dto.filters ?? {}), dto.locale ?? 'zh-CN'],
      );
      await recordAudit(manager, {
        actorId: user.id,
        organizationId: user.organizationId,
        action: 'report.requested',
        entityType: 'report_run',
        entityId: run.id,
        after: { planId, formats, filters: dto.filters ?? {}, locale: dto.locale ?? 'zh-CN' },
        ip: context.ip,
        requestId: context.requestId,
      });
      return run.id as string;
    });
    await this.producer.enqueueBuild(runId);
    return this.get(runId, user);
  }

  async get(runId: string, user: AuthUser): Promise<ReportRunView> {
    const [row]: RunRow[] = await this.db.query(`SELECT ${RUN_COLUMNS} FROM report_runs r WHERE r.id = $1`, [
      runId,
    ]);
    if (!row) throw new NotFoundException(`Report run ${runId} does not exist.`);
    await this.assertPlanVisible(user, row.plan_id);
    return toView(row);
  }

  async listForPlan(planId: string, user: AuthUser): Promise<ReportRunView[]> {
    await this.assertPlanVisible(user, planId);
    const rows: RunRow[] = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM report_runs r WHERE r.plan_id = $1 ORDER BY r.created_at DESC LIMIT 100`,
      [planId],
    );
    return rows.map(toView);
  }

  async download(runId: string, format: ReportFormat | undefined, user: AuthUser): Promise<ReportDownload> {
    const run = await this.get(runId, user);
    if (run.state !== 'done') {
      throw new NotFoundException(
        run.state === 'failed'
          ? `Report run ${runId} failed (${run.error ?? 'no reason recorded'}); request a new report.`
          : `Report run ${runId} is still ${run.state}; try again in a few seconds (GET /api/reports/${runId} shows its state).`,
      );
    }
    const wanted = format ?? run.formats[0];
    const [file] = await this.db.query(
      `SELECT file_name, content_type, content FROM report_files WHERE run_id = $1 AND format = $2`,
      [runId, wanted],
    );
    if (!file) {
      throw new NotFoundException(
        `Report run ${runId} has no ${wanted} file; it was built as ${run.formats.join(', ')}.`,
      );
    }
    return { fileName: file.file_name, contentType: file.content_type, content: file.content };
  }

  private async assertPlanVisible(user: AuthUser, planId: string): Promise<void> {
    const [plan] = await this.db.query(`SELECT id, title FROM plans WHERE id = $1`, [planId]);
    if (!plan) throw new NotFoundException(`Plan ${planId} does not exist.`);
    await this.policy.assertPlan(user, plan);
  }
}

interface RunRow {
  id: string;
  plan_id: string;
  schedule_id: string | null;
  state: ReportRunState;
  formats: ReportFormat[];
  filters: Record<string, unknown>;
  locale: string;
  summary: ReportRunView['summary'];
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
  files: ReportFileView[];
}

function toView(row: RunRow): ReportRunView {
  return {
    id: row.id,
    planId: row.plan_id,
    scheduleId: row.schedule_id,
    state: row.state,
    formats: row.formats,
    filters: row.filters,
    locale: row.locale,
    summary: row.summary,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    files: row.files,
  };
}
