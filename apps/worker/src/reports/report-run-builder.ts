import { finished } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { transactionOnReplica } from '@xietong/db';
import type { ReportFilters, ReportFormat } from '@xietong/rules';
import {
  aggregateJointReport,
  isReportRunSummary,
  JointReport,
  JointReportRequest,
  ReportFigures,
  Locale,
  REPORT_CONTENT_TYPES,
  ReportFileChunkWriter,
  reportFileName,
  ReportRunSummary,
  streamWorkItemRows,
  writeReport,
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
  /** The report's figures and lists; `workItems` is empty (they went to the XLSX and CSV files). */
  report: JointReport;
  /** The headline of the previous run compared against, for "was … last time". */
  previousHeadline: ReportFigures | null;
  files: StoredReportFile[];
}

/**
 * Builds a report run: figures from one database snapshot, every requested format written
 * straight into Postgres as it is generated, files and summary stored together. The XLSX and CSV
 * take every work item from a cursor in the same snapshot, so a run of any size holds one batch
 * of rows and one chunk of file at a time. Building the same run again replaces its files (one
 * per format), so a retried job never leaves duplicates.
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
    const previous = await this.previousSummary(run);
    const request: JointReportRequest = {
      planId: run.plan_id,
      filters: run.filters,
      scopeOrganizationId: run.scope_organization_id,
      locale: run.locale,
      previousRun: previous && { at: previous.generatedAt, summary: previous },
    };
    // Two connections: the snapshot that is read (the rows stream from it while files are
    // written; on a replica when DATABASE_READ_URLS names some) and the transaction on the primary
    // that stores files and summary together.
    return transactionOnReplica(this.db, 'REPEATABLE READ', async (reader) => {
      const { report, summary } = await aggregateJointReport(reader, request);
      const files = await this.db.transaction(async (writer) => {
        const stored: StoredReportFile[] = [];
        for (const format of run.formats) {
          stored.push(await this.storeFile(reader, writer, run, request, report, format));
        }
        await writer.query(
          `UPDATE report_runs SET state = 'done', summary = $2, error = NULL, finished_at = now() WHERE id = $1`,
          [run.id, JSON.stringify(summary)],
        );
        return stored;
      });
      return { runId: run.id, report, previousHeadline: previous?.headline ?? null, files };
    });
  }

  private async storeFile(
    reader: EntityManager,
    writer: EntityManager,
    run: RunRow,
    request: JointReportRequest,
    report: JointReport,
    format: ReportFormat,
  ): Promise<StoredReportFile> {
    const fileName = reportFileName(report, format);
    const [row] = await writer.query(
      `INSERT INTO report_files (run_id, format, file_name, content_type, size)
       VALUES ($1, $2, $3, $4, 0)
       ON CONFLICT (run_id, format) DO UPDATE
         SET file_name = EXCLUDED.file_name, content_type = EXCLUDED.content_type, size = 0, created_at = now()
       RETURNING id`,
      [run.id, format, fileName, REPORT_CONTENT_TYPES[format]],
    );
    await writer.query(`DELETE FROM report_file_chunks WHERE file_id = $1`, [row.id]);
    const sink = new ReportFileChunkWriter(writer, row.id);
    const rows =
      format === 'xlsx' || format === 'csv' ? streamWorkItemRows(reader, request, report) : undefined;
    // A failed insert ends the wait at once instead of leaving the writer waiting for a drain.
    await Promise.all([writeReport(report, format, sink, rows), finished(sink)]);
    await writer.query(`UPDATE report_files SET size = $2 WHERE id = $1`, [row.id, sink.bytes]);
    return { id: row.id, format, fileName };
  }

  /**
   * The previous completed run of the same view: of the same schedule for a scheduled run (what
   * its recipients saw last), otherwise any run of the plan with the same scope and filters — a
   * manager's second report on demand compares with the first.
   */
  private async previousSummary(run: RunRow): Promise<ReportRunSummary | null> {
    const [previous] = await this.db.query(
      `SELECT summary FROM report_runs
       WHERE plan_id = $1 AND state = 'done' AND id <> $2 AND created_at < $3
         AND scope_organization_id IS NOT DISTINCT FROM $4
         AND ($5::uuid IS NULL OR schedule_id = $5::uuid)
         AND ($5::uuid IS NOT NULL OR filters = $6::jsonb)
         AND summary ? 'items'
       ORDER BY created_at DESC LIMIT 1`,
      [
        run.plan_id,
        run.id,
        run.created_at,
        run.scope_organization_id,
        run.schedule_id,
        JSON.stringify(run.filters),
      ],
    );
    return isReportRunSummary(previous?.summary) ? previous.summary : null;
  }
}
