import type {
  DeadlineStanding,
  JointReport,
  MatrixCell,
  StandingCounts,
  WorkItemRow,
  OrganizationFigures,
  ReportFigures,
  ReportOrganization,
  ReportPerson,
  TrafficLight,
  WorkItemStatus,
} from '../joint-report';
import { reportLabels, type ReportLabels } from '../labels';
import { formatDateTime, formatPercent } from './format';

/**
 * The report as locale-labelled tables. Every renderer draws these same tables, so a column
 * added here shows up in HTML, XLSX, PDF and CSV alike.
 */

export type CellFormat = 'text' | 'integer' | 'percent' | 'date' | 'datetime';

export interface TableCell {
  value: string | number | null;
  format: CellFormat;
  /** Colours the cell. */
  light?: TrafficLight;
}

export interface TableColumn {
  header: string;
  /** Relative width, roughly in characters. */
  width: number;
}

export interface ReportTable {
  title: string;
  columns: TableColumn[];
  rows: TableCell[][];
  /** Shown under the table, e.g. that a document lists only part of it. */
  note?: string;
}

export interface ReportTables {
  headline: ReportTable;
  byProvince: ReportTable;
  byMinistry: ReportTable;
  ranking: ReportTable;
  matrix: ReportTable;
  overdue: ReportTable;
  dueSoon: ReportTable;
  updates: ReportTable;
  finished: ReportTable;
  newlyOverdue: ReportTable;
  progressDeltas: ReportTable;
  indicators: ReportTable;
  deadlineStanding: ReportTable;
  workItems: ReportTable;
}

const text = (value: string | null): TableCell => ({ value, format: 'text' });
const integer = (value: number): TableCell => ({ value, format: 'integer' });
const percent = (value: number, light?: TrafficLight): TableCell => ({ value, format: 'percent', light });
const date = (value: string | null): TableCell => ({ value, format: 'date' });
const dateTime = (value: string | null): TableCell => ({ value, format: 'datetime' });

/** The text a cell shows; numbers keep their raw value for spreadsheets elsewhere. */
export function cellText(cell: TableCell, timeZone: string): string {
  if (cell.value === null) return '';
  if (cell.format === 'percent') return formatPercent(Number(cell.value));
  if (cell.format === 'datetime') return formatDateTime(String(cell.value), timeZone);
  return String(cell.value);
}

export function buildReportTables(report: JointReport): ReportTables {
  const labels = reportLabels(report.locale);
  const { columns: c, sections: s } = labels;
  const col = (header: string, width: number): TableColumn => ({ header, width });
  const org = (organization: ReportOrganization) => text(organization.name);
  const person = (p: ReportPerson | null) => text(p?.name ?? null);
  const status = (value: WorkItemStatus) => text(labels.status[value]);
  const light = (value: TrafficLight): TableCell => ({
    value: labels.light[value],
    format: 'text',
    light: value,
  });

  const referenceColumns = [col(c.taskCode, 9), col(c.taskTitle, 36), col(c.organization, 18)];
  const reference = (row: { taskCode: string; taskTitle: string; organization: ReportOrganization }) => [
    text(row.taskCode),
    text(row.taskTitle),
    org(row.organization),
  ];

  const cellsByTask = indexCellsByTask(report.matrix.cells);
  const standingRow = (name: string, counts: StandingCounts) => [
    text(name),
    integer(counts.onTime),
    { ...integer(counts.extended), light: counts.extended > 0 ? ('yellow' as const) : undefined },
    { ...integer(counts.overdue), light: counts.overdue > 0 ? ('red' as const) : undefined },
    integer(counts.onTime + counts.extended + counts.overdue),
  ];

  return {
    headline: {
      title: s.headline,
      columns: figureColumns(labels).map((header) => col(header, 10)),
      rows: [figureCells(report.headline)],
    },
    byProvince: organizationFiguresTable(s.byProvince, report.byProvince, labels),
    byMinistry: organizationFiguresTable(s.byMinistry, report.byMinistry, labels),
    ranking: {
      title: s.ranking,
      columns: [
        col(c.rank, 6),
        col(c.organization, 24),
        col(labels.figures.overdue, 10),
        col(c.behindSchedule, 10),
        col(labels.figures.items, 10),
        col(labels.figures.averageProgress, 10),
      ],
      rows: report.ranking.map((r) => [
        integer(r.rank),
        org(r.organization),
        integer(r.overdue),
        integer(r.behindSchedule),
        integer(r.items),
        percent(r.averageProgress),
      ]),
    },
    matrix: {
      title: s.matrix,
      columns: [
        col(c.taskCode, 9),
        col(c.taskTitle, 36),
        ...report.matrix.organizations.map((o) => col(o.name, 12)),
      ],
      rows: report.matrix.tasks.map((task) => {
        const cells = cellsByTask.get(task.id) ?? new Map<string, MatrixCell>();
        return [
          text(task.code),
          text(task.title),
          ...report.matrix.organizations.map((o) => {
            const cell = cells.get(o.id);
            return cell ? percent(cell.progress, cell.light) : text(null);
          }),
        ];
      }),
    },
    overdue: {
      title: s.overdue,
      columns: [
        ...referenceColumns,
        col(c.owner, 10),
        col(c.deadline, 11),
        col(c.daysOverdue, 9),
        col(c.progress, 8),
        col(c.status, 8),
      ],
      rows: report.overdue.map((r) => [
        ...reference(r),
        person(r.owner),
        date(r.deadline),
        { ...integer(r.daysOverdue), light: 'red' },
        percent(r.progress),
        status(r.status),
      ]),
    },
    dueSoon: {
      title: s.dueSoon,
      columns: [
        ...referenceColumns,
        col(c.owner, 10),
        col(c.deadline, 11),
        col(c.daysLeft, 9),
        col(c.progress, 8),
        col(c.status, 8),
        col(c.light, 10),
        col(c.deadlineStanding, 8),
      ],
      rows: report.dueSoon.map((r) => [
        ...reference(r),
        person(r.owner),
        date(r.deadline),
        integer(r.daysLeft),
        percent(r.progress),
        status(r.status),
        light(r.light),
        standingCell(r.deadlineStanding, labels),
      ]),
    },
    updates: {
      title: s.updates,
      columns: [
        col(c.at, 16),
        col(c.taskCode, 9),
        col(c.organization, 18),
        col(c.author, 10),
        col(c.text, 50),
        col(c.progress, 8),
      ],
      rows: report.updatesSince.map((u) => [
        dateTime(u.at),
        text(u.taskCode),
        org(u.organization),
        person(u.author),
        text(u.text),
        u.progress === null ? text(null) : percent(u.progress),
      ]),
    },
    finished: {
      title: s.finished,
      columns: [...referenceColumns, col(c.finishedAt, 16)],
      rows: report.changes.finished.map((r) => [...reference(r), dateTime(r.finishedAt)]),
    },
    newlyOverdue: {
      title: s.newlyOverdue,
      columns: [...referenceColumns, col(c.deadline, 11), col(c.daysOverdue, 9)],
      rows: report.changes.newlyOverdue.map((r) => [
        ...reference(r),
        date(r.deadline),
        integer(r.daysOverdue),
      ]),
    },
    progressDeltas: {
      title: s.progressDeltas,
      columns: [...referenceColumns, col(c.from, 8), col(c.to, 8)],
      rows: report.changes.progressDeltas.map((r) => [...reference(r), percent(r.from), percent(r.to)]),
    },
    indicators: {
      title: s.indicators,
      columns: [col(c.indicator, 30), col(c.value, 12), col(c.unit, 10), col(c.year, 8)],
      rows: report.indicators.map((i) => [
        text(i.name),
        text(i.value),
        text(i.unit),
        i.year === null ? text(null) : integer(i.year),
      ]),
    },
    deadlineStanding: {
      title: s.deadlineStanding,
      columns: [
        col(c.organization, 24),
        ...(['on_time', 'extended', 'overdue'] as const).map((key) => col(labels.standing[key], 10)),
        col(c.total, 10),
      ],
      rows: [
        standingRow(labels.meta.allItems, report.deadlineStanding.headline),
        ...report.deadlineStanding.byOrganization.map((entry) => standingRow(entry.organization.name, entry)),
      ],
    },
    workItems: {
      title: s.workItems,
      columns: workItemColumns(labels),
      rows: report.workItems.map((row) => workItemCells(row, labels)),
    },
  };
}

/** The columns of the every-item list (XLSX sheet, CSV), which the writers stream row by row. */
export function workItemColumns(labels: ReportLabels): TableColumn[] {
  const c = labels.columns;
  const col = (header: string, width: number): TableColumn => ({ header, width });
  return [
    col(c.taskCode, 9),
    col(c.taskTitle, 36),
    col(c.chapter, 20),
    col(c.organization, 18),
    col(c.owner, 10),
    col(c.deadline, 11),
    col(c.originalDeadline, 11),
    col(c.deadlineStanding, 8),
    col(c.status, 8),
    col(c.progress, 8),
    col(c.light, 10),
    col(c.lastUpdateAt, 16),
  ];
}

export function workItemCells(w: WorkItemRow, labels: ReportLabels): TableCell[] {
  return [
    text(w.taskCode),
    text(w.taskTitle),
    text(w.chapter ? `${w.chapter.number} ${w.chapter.title}` : null),
    text(w.organization.name),
    text(w.owner?.name ?? null),
    date(w.deadline),
    // Only an extension makes the first deadline worth a column of its own.
    date(w.originalDeadline !== w.deadline ? w.originalDeadline : null),
    standingCell(w.deadlineStanding, labels),
    text(labels.status[w.status]),
    percent(w.progress),
    { value: labels.light[w.light], format: 'text', light: w.light },
    dateTime(w.lastUpdateAt),
  ];
}

const STANDING_LIGHTS: Readonly<Record<DeadlineStanding, TrafficLight | undefined>> = {
  on_time: undefined,
  extended: 'yellow',
  overdue: 'red',
};

function standingCell(standing: DeadlineStanding, labels: ReportLabels): TableCell {
  return { value: labels.standing[standing], format: 'text', light: STANDING_LIGHTS[standing] };
}

/** Task id → organization id → cell, built once so each matrix row finds its cells directly. */
function indexCellsByTask(cells: readonly MatrixCell[]): Map<string, Map<string, MatrixCell>> {
  const byTask = new Map<string, Map<string, MatrixCell>>();
  for (const cell of cells) {
    let row = byTask.get(cell.taskId);
    if (!row) byTask.set(cell.taskId, (row = new Map()));
    row.set(cell.organizationId, cell);
  }
  return byTask;
}

function figureColumns(labels: ReportLabels): string[] {
  const f = labels.figures;
  return [f.items, f.done, f.inProgress, f.notStarted, f.blocked, f.overdue, f.averageProgress];
}

function figureCells(figures: ReportFigures): TableCell[] {
  return [
    integer(figures.items),
    integer(figures.done),
    integer(figures.inProgress),
    integer(figures.notStarted),
    integer(figures.blocked),
    { ...integer(figures.overdue), light: figures.overdue > 0 ? 'red' : undefined },
    percent(figures.averageProgress),
  ];
}

function organizationFiguresTable(
  title: string,
  rows: OrganizationFigures[],
  labels: ReportLabels,
): ReportTable {
  return {
    title,
    columns: [
      { header: labels.columns.rank, width: 6 },
      { header: labels.columns.organization, width: 24 },
      ...figureColumns(labels).map((header) => ({ header, width: 10 })),
    ],
    rows: rows.map((r) => [integer(r.rank), text(r.organization.name), ...figureCells(r)]),
  };
}

/** Beyond this many rows a list in a mail or on paper is no longer read; the XLSX has every row. */
export const DOCUMENT_TABLE_ROWS = 200;
/** Matrix rows (tasks) and organization columns a mail or PDF shows: the ones needing attention most. */
export const DOCUMENT_MATRIX_ROWS = 60;
export const DOCUMENT_MATRIX_ORGANIZATIONS = 20;
/** The matrix's columns before the organizations': task code and title. */
const MATRIX_TASK_COLUMNS = 2;

/**
 * The tables as a mail (HTML) or a printed page (PDF) shows them: a large plan's matrix keeps the
 * tasks and organizations with the most red, then yellow cells, in plan order, and long lists keep their first rows
 * (the aggregation sorts them most urgent first); each cut table says so and where the rest is.
 */
export function documentTables(report: JointReport, tables: ReportTables): ReportTables {
  const labels = reportLabels(report.locale);
  const abridged = {} as ReportTables;
  for (const key of Object.keys(tables) as Array<keyof ReportTables>) {
    const table = tables[key];
    abridged[key] =
      key === 'matrix'
        ? focusedMatrix(table, labels)
        : table.rows.length <= DOCUMENT_TABLE_ROWS
          ? table
          : {
              ...table,
              rows: table.rows.slice(0, DOCUMENT_TABLE_ROWS),
              note: labels.meta.abridgedRows(DOCUMENT_TABLE_ROWS, table.rows.length),
            };
  }
  return abridged;
}

function focusedMatrix(matrix: ReportTable, labels: ReportLabels): ReportTable {
  const organizationCount = matrix.columns.length - MATRIX_TASK_COLUMNS;
  if (matrix.rows.length <= DOCUMENT_MATRIX_ROWS && organizationCount <= DOCUMENT_MATRIX_ORGANIZATIONS) {
    return matrix;
  }
  const rows = mostUrgent(matrix.rows, DOCUMENT_MATRIX_ROWS).map((index) => matrix.rows[index]);
  const columnCells = Array.from({ length: organizationCount }, (_, column) =>
    rows.map((row) => row[MATRIX_TASK_COLUMNS + column]),
  );
  const columns = [
    ...Array.from({ length: MATRIX_TASK_COLUMNS }, (_, index) => index),
    ...mostUrgent(columnCells, DOCUMENT_MATRIX_ORGANIZATIONS).map((column) => MATRIX_TASK_COLUMNS + column),
  ];
  return {
    ...matrix,
    columns: columns.map((index) => matrix.columns[index]),
    rows: rows.map((row) => columns.map((index) => row[index])),
    note: labels.meta.abridgedMatrix(
      { shown: rows.length, total: matrix.rows.length },
      { shown: columns.length - MATRIX_TASK_COLUMNS, total: organizationCount },
    ),
  };
}

/** Positions of the `limit` lines (rows or columns) with the most red, then yellow cells, in their order. */
function mostUrgent(lines: TableCell[][], limit: number): number[] {
  const count = (line: TableCell[], light: TrafficLight) =>
    line.filter((cell) => cell.light === light).length;
  return lines
    .map((line, index) => ({ index, red: count(line, 'red'), yellow: count(line, 'yellow') }))
    .sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
}

/** A heading with one or more tables, in the order the HTML and PDF documents show them. */
export interface DocumentSection {
  title: string;
  note?: string;
  tables: ReportTable[];
}

export function documentSections(report: JointReport, tables: ReportTables): DocumentSection[] {
  const labels = reportLabels(report.locale);
  const single = (table: ReportTable): DocumentSection => ({ title: table.title, tables: [table] });
  return [
    single(tables.deadlineStanding),
    single(tables.ranking),
    single(tables.byProvince),
    single(tables.byMinistry),
    single(tables.matrix),
    single(tables.overdue),
    single(tables.dueSoon),
    {
      title: labels.sections.changes,
      note: report.previousRunAt
        ? `${labels.meta.previousRun}: ${formatDateTime(report.previousRunAt, report.timeZone)}`
        : labels.meta.noPreviousRun,
      tables: report.previousRunAt ? [tables.finished, tables.newlyOverdue, tables.progressDeltas] : [],
    },
    single(tables.updates),
    single(tables.indicators),
  ];
}

/** Label–value lines under the title: plan, period, dates, scope. */
export function reportMetaLines(report: JointReport): Array<[string, string]> {
  const { meta } = reportLabels(report.locale);
  const names = (list: Array<{ name: string }>) =>
    list.length ? list.map((x) => x.name).join('、') : meta.all;
  const { provinces, ministries, chapters } = report.filters;
  const period = report.plan.period;
  return [
    [meta.plan, report.plan.title],
    ...(period ? [[meta.period, `${period.startYear}–${period.endYear}`] as [string, string]] : []),
    [meta.asOf, report.asOf],
    [meta.generatedAt, formatDateTime(report.generatedAt, report.timeZone)],
    [
      meta.filters,
      [
        `${meta.provinces}: ${names(provinces)}`,
        `${meta.ministries}: ${names(ministries)}`,
        `${meta.chapters}: ${names(chapters.map((ch) => ({ name: `${ch.number} ${ch.title}` })))}`,
        meta.responsibility[report.filters.responsibility ?? 'lead'],
      ].join('; '),
    ],
  ];
}
