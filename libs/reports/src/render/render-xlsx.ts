import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { JointReport, TrafficLight, WorkItemRowSource } from '../joint-report';
import { reportLabels, type ReportLabels } from '../labels';
import { defuseFormula, formatDateTime, LIGHT_COLORS } from './format';
import {
  buildReportTables,
  documentSections,
  reportMetaLines,
  sheetTables,
  workItemCells,
  workItemColumns,
  type LazyTable,
  type ReportTable,
  type TableCell,
} from './report-tables';
import { collect } from './streams';

/**
 * The workbook is streamed: each row goes to the zip (native zlib) once written, instead of the
 * whole workbook being held as cell objects and deflated at the end, and the list of every work
 * item is written a batch at a time as its source yields, waiting for the zip to catch up, so a
 * report of 200,000 items needs the memory of one batch (see `zipCaughtUp`). Strings are written
 * inline rather than shared: a shared-strings table would hold every distinct text until the end.
 * Every cell gets one of a few shared style objects, which exceljs recognises by identity instead
 * of serialising a style per cell to find its index.
 */

type Style = Partial<ExcelJS.Style>;

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

const HEADER_STYLE: Style = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F5FF' } },
  alignment: { vertical: 'middle', wrapText: true },
};
const TITLE_STYLE: Style = { font: { bold: true, size: 14 } };
const HEADING_STYLE: Style = { font: { bold: true, size: 12 } };
/** Percentages are stored as fractions so Excel sums and sorts them as numbers and shows 45%. */
const PERCENT_FORMAT = '0%';

interface CellStyles {
  plain: Style;
  percent: Style;
}

const UNLIT: CellStyles = { plain: {}, percent: { numFmt: PERCENT_FORMAT } };
const LIT = Object.fromEntries(
  Object.entries(LIGHT_COLORS).map(([light, colors]) => {
    const plain: Style = {
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(colors.fill) } },
      font: { color: { argb: argb(colors.text) } },
    };
    return [light, { plain, percent: { ...plain, numFmt: PERCENT_FORMAT } }];
  }),
) as Record<TrafficLight, CellStyles>;

/** Excel column widths count characters; CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\uFFFF]/.test(char) ? 2 : 1;
  return width;
}

function writeCell(target: ExcelJS.Cell, cell: TableCell, timeZone: string): void {
  if (cell.value === null) return;
  const styles = cell.light ? LIT[cell.light] : UNLIT;
  target.style = cell.format === 'percent' ? styles.percent : styles.plain;
  if (cell.format === 'percent') target.value = Number(cell.value) / 100;
  else if (cell.format === 'datetime') target.value = formatDateTime(String(cell.value), timeZone);
  else target.value = cell.format === 'text' ? defuseFormula(String(cell.value)) : cell.value;
}

/** Column widths that fit every table's headers; set before the first row is streamed out. */
function sizeColumns(sheet: ExcelJS.Worksheet, tables: readonly ReportTable[]): void {
  for (const table of tables) {
    table.columns.forEach((column, index) => {
      const sheetColumn = sheet.getColumn(index + 1);
      sheetColumn.width = Math.max(
        sheetColumn.width ?? 0,
        column.width * 1.5,
        displayWidth(column.header) + 2,
      );
    });
  }
}

/** Writes a header row and the rows from `startRow`, streaming each out; returns the row after the table. */
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
    cell.style = HEADER_STYLE;
  });
  header.commit();
  table.rows.forEach((row, rowIndex) => {
    const sheetRow = sheet.getRow(startRow + 1 + rowIndex);
    row.forEach((cell, index) => writeCell(sheetRow.getCell(index + 1), cell, timeZone));
    sheetRow.commit();
  });
  return startRow + 1 + table.rows.length;
}

/** Rows between waits for the zip (see `zipCaughtUp`). */
const ROWS_PER_WAIT = 2_000;

/**
 * A sheet of its own with a frozen header and a filter, its rows written as they are made,
 * batch by batch (`rows` may be a database cursor).
 */
async function addStreamedSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  output: Writable,
  name: string,
  columns: ReportTable['columns'],
  rows: AsyncIterable<readonly TableCell[][]> | Iterable<readonly TableCell[][]>,
  timeZone: string,
  frozenColumns = 0,
): Promise<void> {
  const header: ReportTable = { title: name, columns, rows: [] };
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: frozenColumns }],
  });
  sizeColumns(sheet, [header]);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  let next = writeTable(sheet, 1, header, timeZone);
  for await (const batch of rows) {
    for (const cells of batch) {
      const sheetRow = sheet.getRow(next++);
      cells.forEach((cell, index) => writeCell(sheetRow.getCell(index + 1), cell, timeZone));
      sheetRow.commit();
    }
    await zipCaughtUp(sheet, output);
  }
  sheet.commit();
}

/** A lazy table's rows in batches. */
function* batchesOf(table: LazyTable): Generator<TableCell[][]> {
  let batch: TableCell[][] = [];
  for (const row of table.rows()) {
    batch.push(row);
    if (batch.length === ROWS_PER_WAIT) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** A titled block of the summary sheet: a note, a table, or "none" for an empty table. */
interface SummaryBlock {
  title: string;
  note?: string;
  table?: ReportTable;
}

/**
 * exceljs hands each sheet's XML to the zip through a PassThrough (readable-stream 2) whose write
 * result it ignores, so a sheet written faster than zlib deflates piles up there: 200,000 rows
 * held 100 MB of XML at once. Waiting for that stream's drain, and for `output`'s, between
 * batches keeps it at one batch. The stream is internal: if exceljs changes it, this only waits
 * for `output`.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet, output: Writable): Promise<void> {
  const internal = sheet as unknown as { stream?: { pipes?: unknown[] } };
  const pipes = internal.stream?.pipes ?? [];
  for (const pipe of pipes as Array<Writable & { _writableState?: { needDrain?: boolean } }>) {
    if (pipe._writableState?.needDrain) await new Promise((resolve) => pipe.once('drain', resolve));
  }
  if (output.writableNeedDrain) await new Promise((resolve) => output.once('drain', resolve));
}

/** Work-item rows as table cells, batch by batch as the source yields them. */
async function* workItemBatches(
  rows: WorkItemRowSource,
  labels: ReportLabels,
): AsyncGenerator<TableCell[][]> {
  for await (const batch of rows) yield batch.map((row) => workItemCells(row, labels));
}

/** Writes the workbook to `output`; the work-item sheet from `rows` (the report's own list by default). */
export async function writeXlsx(
  report: JointReport,
  output: Writable,
  rows: WorkItemRowSource = [report.workItems],
): Promise<void> {
  const labels = reportLabels(report.locale);
  // The long sheets stream from their lazy tables; the summary's tables are small.
  const sheets = sheetTables(report);
  const tables = buildReportTables({
    ...report,
    matrix: { tasks: [], organizations: [], cells: [] },
    overdue: [],
    dueSoon: [],
    updatesSince: [],
    workItems: [],
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Xietong';
  workbook.created = new Date(report.generatedAt);

  // The matrix and the lists have sheets of their own; the summary keeps the figures.
  const elsewhere = new Set([tables.matrix, tables.overdue, tables.dueSoon, tables.updates]);
  const blocks: SummaryBlock[] = [{ title: tables.headline.title, table: tables.headline }];
  for (const section of documentSections(report, tables)) {
    const shown = section.tables.filter((table) => !elsewhere.has(table));
    if (shown.length === 0 && section.tables.length > 0) continue;
    if (shown.length === 1 && section.tables.length === 1) {
      blocks.push({ title: section.title, table: shown[0], note: section.note });
    } else {
      blocks.push({ title: section.title, note: section.note });
      blocks.push(...shown.map((table) => ({ title: table.title, table })));
    }
  }

  const summary = workbook.addWorksheet(labels.sheets.summary, { views: [{ state: 'frozen', ySplit: 1 }] });
  sizeColumns(
    summary,
    blocks.flatMap((block) => (block.table ? [block.table] : [])),
  );
  const title = summary.getCell(1, 1);
  title.value = defuseFormula(`${report.plan.title} ${labels.reportTitle}`);
  title.style = TITLE_STYLE;
  let row = 2;
  for (const [label, value] of reportMetaLines(report)) {
    summary.getRow(row++).values = [label, defuseFormula(value)];
  }
  for (const block of blocks) {
    row += 1;
    const heading = summary.getCell(row++, 1);
    heading.value = block.title;
    heading.style = HEADING_STYLE;
    if (block.note) summary.getCell(row++, 1).value = block.note;
    if (block.table?.rows.length) row = writeTable(summary, row, block.table, report.timeZone);
    else if (block.table) summary.getCell(row++, 1).value = labels.meta.none;
  }
  summary.commit();

  const { timeZone } = report;
  const stream = (name: string, table: LazyTable, frozenColumns = 0) =>
    addStreamedSheet(workbook, output, name, table.columns, batchesOf(table), timeZone, frozenColumns);
  await stream(labels.sheets.matrix, sheets.matrix, 2);
  await stream(labels.sheets.overdue, sheets.overdue);
  await stream(labels.sheets.dueSoon, sheets.dueSoon);
  await stream(labels.sheets.updates, sheets.updates);
  await addStreamedSheet(
    workbook,
    output,
    labels.sheets.workItems,
    workItemColumns(labels),
    workItemBatches(rows, labels),
    timeZone,
  );
  await workbook.commit();
}

/** The whole workbook in memory: for small reports and tests. */
export function renderXlsx(report: JointReport, rows?: WorkItemRowSource): Promise<Buffer> {
  return collect((output) => writeXlsx(report, output, rows));
}
