import type { JointReport, ReportFormat } from '../joint-report';
import { reportLabels } from '../labels';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';

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

const RENDERERS: Record<ReportFormat, (report: JointReport) => Buffer | Promise<Buffer>> = {
  html: (report) => Buffer.from(renderHtml(report), 'utf8'),
  xlsx: renderXlsx,
  pdf: renderPdf,
  csv: renderCsv,
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

export async function renderReport(report: JointReport, format: ReportFormat): Promise<RenderedReport> {
  const render = RENDERERS[format];
  if (!render) throw new RangeError(`Unknown report format "${format}"; expected html, xlsx, pdf or csv`);
  return {
    buffer: await render(report),
    contentType: REPORT_CONTENT_TYPES[format],
    fileName: reportFileName(report, format),
  };
}
