import type { JointReport } from '../joint-report';
import { reportLabels } from '../labels';
import { escapeXml, LIGHT_COLORS } from './format';
import { renderProgressChartSvg } from './render-chart-svg';
import {
  cellText,
  documentSections,
  documentTables,
  reportMetaLines,
  type ReportTable,
  type TableCell,
} from './report-tables';

/**
 * A self-contained HTML document for mail clients: layout tables and inline styles only, no
 * external CSS, scripts or images; the chart is inline SVG. Every piece of data is escaped.
 */

const FONT = "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','Helvetica Neue',Arial,sans-serif";
const BORDER = '1px solid #D9D9D9';
const CELL = `border:${BORDER};padding:4px 6px;font-size:12px;vertical-align:top;`;

const isNumeric = (cell: TableCell) => cell.format === 'integer' || cell.format === 'percent';

function renderCell(cell: TableCell, timeZone: string): string {
  const colors = cell.light ? LIGHT_COLORS[cell.light] : undefined;
  const style = [
    CELL,
    isNumeric(cell) ? 'text-align:right;white-space:nowrap;' : '',
    colors ? `background-color:${colors.fill};color:${colors.text};` : '',
  ].join('');
  return `<td style="${style}">${escapeXml(cellText(cell, timeZone))}</td>`;
}

function renderTable(table: ReportTable, timeZone: string, emptyText: string): string {
  if (table.rows.length === 0)
    return `<p style="font-size:12px;color:#8C8C8C;margin:4px 0 12px;">${escapeXml(emptyText)}</p>`;
  const head = table.columns
    .map(
      (column) =>
        `<th style="${CELL}background-color:#F0F5FF;text-align:left;">${escapeXml(column.header)}</th>`,
    )
    .join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell) => renderCell(cell, timeZone)).join('')}</tr>`)
    .join('\n');
  const note = table.note
    ? `<p style="font-size:12px;color:#595959;margin:-10px 0 16px;">${escapeXml(table.note)}</p>`
    : '';
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:4px 0 16px;">` +
    `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}`
  );
}

const HEADING_SIZE = { 2: 18, 3: 14 } as const;

const heading = (level: 2 | 3, text: string) =>
  `<h${level} style="font-size:${HEADING_SIZE[level]}px;margin:20px 0 6px;color:#1F1F1F;">${escapeXml(text)}</h${level}>`;

export function renderHtml(report: JointReport): string {
  const labels = reportLabels(report.locale);
  const tables = documentTables(report);
  const title = `${report.plan.title} ${labels.reportTitle}`;
  const meta = reportMetaLines(report)
    .map(
      ([label, value]) =>
        `<tr><td style="padding:2px 12px 2px 0;color:#8C8C8C;font-size:12px;white-space:nowrap;">${escapeXml(label)}</td>` +
        `<td style="padding:2px 0;font-size:12px;">${escapeXml(value)}</td></tr>`,
    )
    .join('');
  const sections = documentSections(report, tables)
    .map((section) => {
      const note = section.note
        ? `<p style="font-size:12px;color:#595959;margin:2px 0 6px;">${escapeXml(section.note)}</p>`
        : '';
      const body = section.tables
        .map(
          (table) =>
            (section.tables.length > 1 ? heading(3, table.title) : '') +
            renderTable(table, report.timeZone, labels.meta.none),
        )
        .join('');
      return heading(2, section.title) + note + body;
    })
    .join('\n');

  return `<!DOCTYPE html>
<html lang="${report.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeXml(title)}</title></head>
<body style="margin:0;padding:0;background-color:#FFFFFF;">
<div style="max-width:1000px;margin:0 auto;padding:16px;font-family:${FONT};color:#262626;">
<h1 style="font-size:22px;margin:0 0 8px;">${escapeXml(title)}</h1>
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin-bottom:8px;">${meta}</table>
${heading(2, tables.headline.title)}
${renderTable(tables.headline, report.timeZone, labels.meta.none)}
<div style="margin:8px 0 16px;">${renderProgressChartSvg(report)}</div>
${sections}
<p style="font-size:11px;color:#8C8C8C;margin-top:24px;">${escapeXml(labels.meta.footer)}</p>
</div>
</body>
</html>
`;
}
