import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Readable } from 'node:stream';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { recordAudit, reportScopeOrganizationId, ReportRunState } from '@xietong/domain';
import { ReportFilters, ReportFormat } from '@xietong/rules';
import { ReportJobsProducer } from '@xietong/queue';
import { readReportFile, reportScope } from '@xietong/reports';
import { SqlParams } from '@xietong/db';
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
  /** Null: the whole plan; otherwise only the tasks this organization leads. */
  scopeOrganizationId: string | null;
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
  size: number;
  /** Read from Postgres a chunk at a time as the response is sent. */
  content: Readable;
}

/** How long a person whose runs are all still building is asked to wait before trying again. */
const BUSY_RETRY_SECONDS = 30;

// The stored summary carries every item's state for the next run (megabytes for a big plan);
// people are shown only its headline.
const RUN_COLUMNS = `r.id, r.plan_id, r.scope_organization_id, r.schedule_id, r.state, r.formats, r.filters, r.locale, r.error,
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(
    planId: string,
    dto: RequestReportDto,
    user: AuthUser,
    context: { ip?: string; requestId?: string },
  ): Promise<ReportRunView> {
    await this.assertPlanVisible(user, planId);
    const formats = [...new Set(dto.formats ?? [dto.format!])];
    // A coordinator's report holds what the work-item policy lets them see, nothing around it.
    const scopeOrganizationId = reportScopeOrganizationId(user);
    await this.assertScopeSize(planId, dto.filters ?? {}, scopeOrganizationId);
    const runId = await this.db.transaction(async (manager) => {
      await this.assertWithinLimits(manager, user.id);
      const [run] = await manager.query(
        `INSERT INTO report_runs (plan_id, requested_by_id, formats, filters, locale, scope_organization_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          planId,
          user.id,
          formats,
          JSON.stringify(dto.filters ?? {}),
          dto.locale ?? 'zh-CN',
          scopeOrganizationId,
        ],
      );
      await recordAudit(manager, {
        actorId: user.id,
        organizationId: user.organizationId,
        action: 'report.requested',
        entityType: 'report_run',
        entityId: run.id,
        after: {
          planId,
          formats,
          filters: dto.filters ?? {},
          locale: dto.locale ?? 'zh-CN',
          scopeOrganizationId,
        },
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
    const scope = reportScopeOrganizationId(user);
    if (scope !== null && row.scope_organization_id !== scope) {
      throw new ForbiddenException(
        '这份报告包含你所在单位看不到的事项（它覆盖的任务不全由你的单位牵头）；请在本规划下生成自己的报告，其中只含你可见的事项。This report covers tasks your organization does not lead; request your own report of this plan, which holds what you may see.',
      );
    }
    return toView(row);
  }

  /** The plan's runs this person may open: all for admins and its managers, their organization's view for others. */
  async listForPlan(planId: string, user: AuthUser): Promise<ReportRunView[]> {
    await this.assertPlanVisible(user, planId);
    const scope = reportScopeOrganizationId(user);
    const rows: RunRow[] = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM report_runs r
       WHERE r.plan_id = $1 AND ($2::uuid IS NULL OR r.scope_organization_id = $2::uuid)
       ORDER BY r.created_at DESC LIMIT 100`,
      [planId, scope],
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
      `SELECT id, file_name, content_type, size FROM report_files WHERE run_id = $1 AND format = $2`,
      [runId, wanted],
    );
    if (!file) {
      throw new NotFoundException(
        `Report run ${runId} has no ${wanted} file; it was built as ${run.formats.join(', ')}.`,
      );
    }
    return {
      fileName: file.file_name,
      contentType: file.content_type,
      size: file.size,
      content: readReportFile(this.db.manager, file.id),
    };
  }

  /**
   * An operator's cap (`REPORT_MAX_ITEMS`), off by default. Finding 15 of issue 13 once made it
   * necessary (108,000 items took 666 MB in the worker); reports now stream their rows.
   */
  private async assertScopeSize(
    planId: string,
    filters: ReportFilters,
    scopeOrganizationId: string | null,
  ): Promise<void> {
    const limit = this.config.reportMaxItems;
    if (limit === null) return;
    const params = new SqlParams();
    const scope = reportScope(planId, filters, params, { scopeOrganizationId });
    const [{ items }] = await this.db.query(
      `SELECT count(*)::int AS items FROM work_items wi JOIN organizations o ON o.id = wi.organization_id
       WHERE ${scope}`,
      params.values,
    );
    if (items > limit) {
      throw new UnprocessableEntityException(
        `这份报告将包含 ${items} 个事项，超过上限 ${limit} 个；请按省份、部委或章节筛选（filters.provinceIds / ministryIds / chapterNumbers）后分几份生成。This report would cover ${items} work items, more than the limit of ${limit}; narrow it with filters (provinces, ministries or chapters) and request it in parts.`,
      );
    }
  }

  /**
   * Per person: at most N runs waiting or building at once, M an hour. Serialised per person by an
   * advisory lock, so two requests at the same moment cannot both take the last place.
   */
  private async assertWithinLimits(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('report-runs:' || $1, 0))`, [userId]);
    const [usage] = await manager.query(
      `SELECT count(*) FILTER (WHERE state IN ('queued', 'running'))::int AS active,
              count(*)::int AS last_hour,
              ceil(extract(epoch FROM min(created_at) + interval '1 hour' - now()))::int AS hour_frees_in
       FROM report_runs WHERE requested_by_id = $1 AND created_at > now() - interval '1 hour'`,
      [userId],
    );
    const { reportRunsConcurrentPerUser: concurrent, reportRunsPerHourPerUser: perHour } = this.config;
    if (usage.active >= concurrent) {
      throw new HttpException(
        {
          message: `你已有 ${usage.active} 份报告正在生成（每人同时最多 ${concurrent} 份），请等其完成后再试。You already have ${usage.active} report(s) being built (at most ${concurrent} at once); try again when one has finished.`,
          retryAfterSeconds: BUSY_RETRY_SECONDS,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (usage.last_hour >= perHour) {
      const retryAfterSeconds = Math.max(1, usage.hour_frees_in);
      const minutes = Math.ceil(retryAfterSeconds / 60);
      throw new HttpException(
        {
          message: `你在一小时内已生成 ${usage.last_hour} 份报告（上限 ${perHour} 份），请 ${minutes} 分钟后再试。You requested ${usage.last_hour} reports in the last hour (the limit is ${perHour}); try again in ${minutes} minute(s).`,
          retryAfterSeconds,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
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
  scope_organization_id: string | null;
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
    scopeOrganizationId: row.scope_organization_id,
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
