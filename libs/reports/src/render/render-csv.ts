import type { JointReport } from '../joint-report';
import { defuseFormula } from './format';
import { buildReportTables, cellText } from './report-tables';

/** Excel only detects UTF-8 in a CSV file that starts with a byte order mark. */
const BOM = '\uFEFF';

function csvField(text: string, isText: boolean): string {
  const safe = isText ? defuseFormula(text) : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180: one header line and one line per work item, CRLF line ends. */
export function renderCsv(report: JointReport): Buffer {
  const table = buildReportTables(report).workItems;
  const lines = [
    table.columns.map((column) => csvField(column.header, true)),
    ...table.rows.map((row) =>
      row.map((cell) => csvField(cellText(cell, report.timeZone), cell.format === 'text')),
    ),
  ];
  return Buffer.from(BOM + lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n', 'utf8');
}
