import type { Writable } from 'node:stream';
import type { JointReport, WorkItemRowSource } from '../joint-report';
import { reportLabels } from '../labels';
import { defuseFormula } from './format';
import { cellText, workItemCells, workItemColumns } from './report-tables';
import { collect, written } from './streams';

/** Excel only detects UTF-8 in a CSV file that starts with a byte order mark. */
const BOM = '\uFEFF';

function csvField(text: string, isText: boolean): string {
  const safe = isText ? defuseFormula(text) : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * RFC 4180: one header line and one line per work item, CRLF line ends, written to `output` a
 * batch at a time as `rows` yields them (waiting whenever `output` asks to), so a report of any
 * size needs the memory of one batch. `rows` defaults to the report's own list.
 */
export async function writeCsv(
  report: JointReport,
  output: Writable,
  rows: WorkItemRowSource = [report.workItems],
): Promise<void> {
  const labels = reportLabels(report.locale);
  const header = workItemColumns(labels).map((column) => csvField(column.header, true));
  await written(output, BOM + header.join(',') + '\r\n');
  for await (const batch of rows) {
    let text = '';
    for (const row of batch) {
      const fields = workItemCells(row, labels).map((cell) =>
        csvField(cellText(cell, report.timeZone), cell.format === 'text'),
      );
      text += fields.join(',') + '\r\n';
    }
    if (text) await written(output, text);
  }
}

/** The whole CSV in memory: for small reports and tests. */
export function renderCsv(report: JointReport, rows?: WorkItemRowSource): Promise<Buffer> {
  return collect((output) => writeCsv(report, output, rows));
}
