import ExcelJS from 'exceljs';
import type { JointReport } from '../joint-report';
import { reportLabels } from '../labels';
import { formatDateTime, LIGHT_COLORS } from './format';
import {
  buildReportTables,
  documentSections,
  reportMetaLines,
  type ReportTable,
  type TableCell,
} from './report-tables';

const HEADER_FILL = 'FFF0F5FF';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** Excel column widths count characters; CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\uFFFF]/.test(char) ? 2 : 1;
  return width;
}

function writeCell(target: ExcelJS.Cell, cell: TableCell, timeZone: string): void {
  if (cell.value === null) return;
  if (cell.format === 'percent') {
    // Stored as a fraction so Excel sums and sorts it as a number and shows it as 45%.
    target.value = Number(cell.value) / 100;
    target.numFmt = '0%';
  } else if (cell.format === 'datetime') {
    target.value = formatDateTime(String(cell.value), timeZone);
  } else {
    target.value = cell.value;
  }
  if (cell.light) {
    const colors = LIGHT_COLORS[cell.light];
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(colors.fill) } };
    target.font = { color: { argb: argb(colors.text) } };
  }
}

/** Writes a header row and the rows from `startRow`; returns the row after the table. */
function writeTable(
  sheet: ExcelJS.Worksheet,
  startRow: number,
  table: ReportTable,
  timeZone: string,
): number {
  const header = sheet.getRow(startRow);
  table.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = Math.max(sheetColumn.width ?? 0, column.width * 1.5, displayWidth(column.header) + 2);
  });
  table.rows.forEach((row, rowIndex) => {
    const sheetRow = sheet.getRow(startRow + 1 + rowIndex);
    row.forEach((cell, index) => writeCell(sheetRow.getCell(index + 1), cell, timeZone));
  });
  return startRow + 1 + table.rows.length;
}

function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  table: ReportTable,
  timeZone: string,
  frozenColumns = 0,
): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: frozenColumns }],
  });
  writeTable(sheet, 1, table, timeZone);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

export async function renderXlsx(report: JointReport): Promise<Buffer> {
  const labels = reportLabels(report.locale);
  const tables = buildReportTables(report);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Xietong';
  workbook.created = new Date(report.generatedAt);

  const summary = workbook.addWorksheet(labels.sheets.summary, { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.getCell(1, 1).value = `${report.plan.title} ${labels.reportTitle}`;
  summary.getCell(1, 1).font = { bold: true, size: 14 };
  let row = 2;
  for (const [label, value] of reportMetaLines(report)) {
    summary.getRow(row++).values = [label, value];
  }
  const block = (title: string, table?: ReportTable, note?: string) => {
    row += 1;
    summary.getCell(row, 1).value = title;
    summary.getCell(row++, 1).font = { bold: true, size: 12 };
    if (note) summary.getCell(row++, 1).value = note;
    if (table?.rows.length) row = writeTable(summary, row, table, report.timeZone);
    else if (table) summary.getCell(row++, 1).value = labels.meta.none;
  };
  block(tables.headline.title, tables.headline);
  // The matrix and the lists have sheets of their own; the summary keeps the figures.
  const elsewhere = new Set([tables.matrix, tables.overdue, tables.dueSoon, tables.updates]);
  for (const section of documentSections(report, tables)) {
    const shown = section.tables.filter((table) => !elsewhere.has(table));
    if (shown.length === 0 && section.tables.length > 0) continue;
    if (shown.length === 1 && section.tables.length === 1) {
      block(section.title, shown[0], section.note);
    } else {
      block(section.title, undefined, section.note);
      shown.forEach((table) => block(table.title, table));
    }
  }

  addTableSheet(workbook, labels.sheets.matrix, tables.matrix, report.timeZone, 2);
  addTableSheet(workbook, labels.sheets.overdue, tables.overdue, report.timeZone);
  addTableSheet(workbook, labels.sheets.dueSoon, tables.dueSoon, report.timeZone);
  addTableSheet(workbook, labels.sheets.updates, tables.updates, report.timeZone);
  addTableSheet(workbook, labels.sheets.workItems, tables.workItems, report.timeZone);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
