import type { Writable } from 'node:stream';
import type { JointReport, ReportFormat, WorkItemRowSource } from '../joint-report';
import { reportLabels } from '../labels';
import { writeCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderPdf } from './render-pdf';
import { writeXlsx } from './render-xlsx';
import { collect, written } from './streams';

export interface RenderedReport {
  buffer: Buffer;
  contentType: string;
  fileName: string;
}

export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Writers per format. XLSX and CSV list every work item and take them from `rows` as they come;
 * HTML and PDF show the summaries (tallies, chart, capped lists that say how many rows they leave
 * out), which are small whatever the plan's size, so they are rendered whole and then written.
 */
const WRITERS: Record<
  ReportFormat,
  (report: JointReport, output: Writable, rows: WorkItemRowSource | undefined) => Promise<void>
> = {
  html: (report, output) => written(output, Buffer.from(renderHtml(report), 'utf8')),
  xlsx: writeXlsx,
  pdf: async (report, output) => written(output, await renderPdf(report)),
  csv: writeCsv,
};

/**
 * 北部湾城市群-联合进展报告-2026-11-25.xlsx: characters that file systems or
 * Content-Disposition headers choke on become dashes; Chinese stays.
 */
export function reportFileName(report: JointReport, format: ReportFormat): string {
  const safe = (text: string) =>
    text
      .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}\s]+/gu, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '');
  const title = [...safe(report.plan.title)].slice(0, 60).join('') || 'plan';
  return `${title}-${reportLabels(report.locale).fileNameSuffix}-${report.asOf}.${format}`;
}

function writerOf(format: ReportFormat) {
  const write = WRITERS[format];
  if (!write) throw new RangeError(`Unknown report format "${format}"; expected html, xlsx, pdf or csv`);
  return write;
}

/**
 * Writes the report in `format` to `output` and ends it, the work items from `rows` (the
 * report's own list by default), waiting whenever `output` asks to.
 */
export async function writeReport(
  report: JointReport,
  format: ReportFormat,
  output: Writable,
  rows?: WorkItemRowSource,
): Promise<void> {
  await writerOf(format)(report, output, rows);
  // The XLSX zip ends its stream itself.
  if (!output.writableEnded) output.end();
}

/** The report as one buffer: for small reports, previews and tests. */
export async function renderReport(
  report: JointReport,
  format: ReportFormat,
  rows?: WorkItemRowSource,
): Promise<RenderedReport> {
  const write = writerOf(format);
  return {
    buffer: await collect((output) => write(report, output, rows)),
    contentType: REPORT_CONTENT_TYPES[format],
    fileName: reportFileName(report, format),
  };
}
