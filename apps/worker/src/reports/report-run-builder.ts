import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import type { ReportFilters, ReportFormat } from '@xietong/rules';
import {
  buildJointReport,
  isReportRunSummary,
  JointReport,
  ReportFigures,
  Locale,
  RenderedReport,
  renderReport,
  ReportRunSummary,
} from '@xietong/reports';

interface RunRow {
  id: string;
  plan_id: string;
  schedule_id: string | null;
  scope_organization_id: string | null;
  formats: ReportFormat[];
  filters: ReportFilters;
  locale: Locale;
  created_at: Date;
}

export interface StoredReportFile {
  id: string;
  format: ReportFormat;
  fileName: string;
}

export interface BuiltReportRun {
  runId: string;
  report: JointReport;
  /** The headline of the previous run of the same schedule, for "was … last time". */
  previousHeadline: ReportFigures | null;
  files: StoredReportFile[];
}

/**
 * Builds a report run: figures from one database snapshot, every requested format rendered, files
 * and summary stored together. Building the same run again replaces its files (one per format),
 * so a retried job never leaves duplicates.
 */
@Injectable()
export class ReportRunBuilder {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async build(runId: string): Promise<BuiltReportRun> {
    const [[run]]: [RunRow[], number] = await this.db.query(
      `UPDATE report_runs SET state = 'running', error = NULL WHERE id = $1
       RETURNING id, plan_id, schedule_id, scope_organization_id, formats, filters, locale, created_at`,
      [runId],
    );
    // A run deleted with its plan cannot be built by any number of retries.
    if (!run) throw new UnrecoverableError(`Report run ${runId} no longer exists.`);
    try {
      return await this.buildRun(run);
    } catch (error) {
      await this.db.query(
        `UPDATE report_runs SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`,
        [runId, error instanceof Error ? error.message : String(error)],
      );
      throw error;
    }
  }

  private async buildRun(run: RunRow): Promise<BuiltReportRun> {
    const previous = run.schedule_id ? await this.previousSummary(run) : null;
    const { report, summary } = await this.db.transaction('REPEATABLE READ', (manager) =>
      buildJointReport(manager, {
        planId: run.plan_id,
        filters: run.filters,
        scopeOrganizationId: run.scope_organization_id,
        locale: run.locale,
        previousRun: previous && { at: previous.generatedAt, summary: previous },
      }),
    );
    const rendered: Array<RenderedReport & { format: ReportFormat }> = [];
    for (const format of run.formats) rendered.push({ format, ...(await renderReport(report, format)) });

    const files = await this.db.transaction(async (manager) => {
      const stored: StoredReportFile[] = [];
      for (const file of rendered) {
        const [row] = await manager.query(
          `INSERT INTO report_files (run_id, format, file_name, content_type, content, size)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (run_id, format) DO UPDATE
             SET file_name = EXCLUDED.file_name, content_type = EXCLUDED.content_type,
                 content = EXCLUDED.content, size = EXCLUDED.size, created_at = now()
           RETURNING id`,
          [run.id, file.format, file.fileName, file.contentType, file.buffer, file.buffer.length],
        );
        stored.push({ id: row.id, format: file.format, fileName: file.fileName });
      }
      await manager.query(
        `UPDATE report_runs SET state = 'done', summary = $2, error = NULL, finished_at = now() WHERE id = $1`,
        [run.id, JSON.stringify(summary)],
      );
      return stored;
    });
    return { runId: run.id, report, previousHeadline: previous?.headline ?? null, files };
  }

  private async previousSummary(run: RunRow): Promise<ReportRunSummary | null> {
    const [previous] = await this.db.query(
      `SELECT summary FROM report_runs
       WHERE schedule_id = $1 AND state = 'done' AND id <> $2 AND created_at < $3
         AND scope_organization_id IS NOT DISTINCT FROM $4
       ORDER BY created_at DESC LIMIT 1`,
      [run.schedule_id, run.id, run.created_at, run.scope_organization_id],
    );
    return isReportRunSummary(previous?.summary) ? previous.summary : null;
  }
}
