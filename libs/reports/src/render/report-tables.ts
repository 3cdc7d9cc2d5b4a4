import type {
  DeadlineStanding,
  JointReport,
  MatrixCell,
  StandingCounts,
  WorkItemRow,
  OrganizationFigures,
  ProgressMatrix,
  ReportFigures,
  ReportOrganization,
  ReportPerson,
  TrafficLight,
  WorkItemStatus,
} from '../joint-report';
import { reportLabels, type ReportLabels, type ShownOfTotal } from '../labels';
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

  const referenceColumns = [col(c.taskCode, 9), col(c.taskTitle, 36), col(c.organization, 18)];
  const reference = (row: { taskCode: string; taskTitle: string; organization: ReportOrganization }) => [
    text(row.taskCode),
    text(row.taskTitle),
    org(row.organization),
  ];

  const standingRow = (name: string, counts: StandingCounts) => [
    text(name),
    integer(counts.onTime),
    { ...integer(counts.extended), light: counts.extended > 0 ? ('yellow' as const) : undefined },
    { ...integer(counts.overdue), light: counts.overdue > 0 ? ('red' as const) : undefined },
    integer(counts.onTime + counts.extended + counts.overdue),
  ];

  const sheets = sheetTables(report);

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
    matrix: materialized(sheets.matrix),
    overdue: materialized(sheets.overdue),
    dueSoon: materialized(sheets.dueSoon),
    updates: materialized(sheets.updates),
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

/** A table whose rows are made as they are read: the XLSX streams its long sheets from these. */
export interface LazyTable {
  title: string;
  columns: TableColumn[];
  rows: () => Iterable<TableCell[]>;
}

const materialized = (table: LazyTable): ReportTable => ({
  title: table.title,
  columns: table.columns,
  rows: [...table.rows()],
});

/**
 * The tables that grow with the plan — the matrix (tasks × units) and the overdue, due-soon and
 * update lists — with rows made one at a time, so a sheet of any length never exists as cells.
 */
export function sheetTables(
  report: JointReport,
): Record<'matrix' | 'overdue' | 'dueSoon' | 'updates', LazyTable> {
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
  const rowsOf =
    <T>(list: readonly T[], cells: (item: T) => TableCell[]) =>
    () =>
      (function* () {
        for (const item of list) yield cells(item);
      })();
  let cellsByTask: Map<string, Map<string, MatrixCell>> | undefined;
  return {
    matrix: {
      title: s.matrix,
      columns: [
        col(c.taskCode, 9),
        col(c.taskTitle, 36),
        ...report.matrix.organizations.map((o) => col(o.name, 12)),
      ],
      rows: rowsOf(report.matrix.tasks, (task) => {
        cellsByTask ??= indexCellsByTask(report.matrix.cells);
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
      rows: rowsOf(report.overdue, (r) => [
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
      rows: rowsOf(report.dueSoon, (r) => [
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
      rows: rowsOf(report.updatesSince, (u) => [
        dateTime(u.at),
        text(u.taskCode),
        org(u.organization),
        person(u.author),
        text(u.text),
        u.progress === null ? text(null) : percent(u.progress),
      ]),
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

/**
 * The tables as a mail (HTML) or a printed page (PDF) shows them: a large plan's matrix keeps the
 * tasks and organizations with the most red, then yellow cells, in plan order, and long lists keep
 * their first rows (the aggregation sorts them most urgent first); each cut table says how many it
 * leaves out and where the rest is. Cut before the tables are made: a national plan's full matrix
 * would be half a million cells for a page that shows 1,200.
 */
export function documentTables(report: JointReport): ReportTables {
  const labels = reportLabels(report.locale);
  const cut = <T>(list: readonly T[], limit = DOCUMENT_TABLE_ROWS): T[] => list.slice(0, limit);
  const focus = focusedMatrix(report.matrix);
  const tables = buildReportTables({
    ...report,
    byProvince: cut(report.byProvince),
    byMinistry: cut(report.byMinistry),
    ranking: cut(report.ranking),
    // Its first row is every item's.
    deadlineStanding: {
      ...report.deadlineStanding,
      byOrganization: cut(report.deadlineStanding.byOrganization, DOCUMENT_TABLE_ROWS - 1),
    },
    matrix: focus.matrix,
    overdue: cut(report.overdue),
    dueSoon: cut(report.dueSoon),
    updatesSince: cut(report.updatesSince),
    changes: {
      finished: cut(report.changes.finished),
      newlyOverdue: cut(report.changes.newlyOverdue),
      progressDeltas: cut(report.changes.progressDeltas),
    },
    indicators: cut(report.indicators),
    workItems: [],
  });
  const totals: Partial<Record<keyof ReportTables, number>> = {
    byProvince: report.byProvince.length,
    byMinistry: report.byMinistry.length,
    ranking: report.ranking.length,
    deadlineStanding: report.deadlineStanding.byOrganization.length + 1,
    overdue: report.overdue.length,
    dueSoon: report.dueSoon.length,
    updates: report.updatesSince.length,
    finished: report.changes.finished.length,
    newlyOverdue: report.changes.newlyOverdue.length,
    progressDeltas: report.changes.progressDeltas.length,
    indicators: report.indicators.length,
  };
  for (const [key, total] of Object.entries(totals) as Array<[keyof ReportTables, number]>) {
    const shown = tables[key].rows.length;
    if (total > shown) tables[key] = { ...tables[key], note: labels.meta.abridgedRows(shown, total) };
  }
  if (focus.tasks.shown < focus.tasks.total || focus.organizations.shown < focus.organizations.total) {
    tables.matrix = { ...tables.matrix, note: labels.meta.abridgedMatrix(focus.tasks, focus.organizations) };
  }
  return tables;
}

/** The matrix cut to the tasks, then among them the organizations, with the most red, then yellow cells. */
function focusedMatrix(matrix: ProgressMatrix): {
  matrix: ProgressMatrix;
  tasks: ShownOfTotal;
  organizations: ShownOfTotal;
} {
  const tasks = matrix.tasks.length;
  const organizations = matrix.organizations.length;
  if (tasks <= DOCUMENT_MATRIX_ROWS && organizations <= DOCUMENT_MATRIX_ORGANIZATIONS) {
    return {
      matrix,
      tasks: { shown: tasks, total: tasks },
      organizations: { shown: organizations, total: organizations },
    };
  }
  const taskPosition = new Map(matrix.tasks.map((task, index) => [task.id, index]));
  const organizationPosition = new Map(matrix.organizations.map((o, index) => [o.id, index]));
  const taskCounts = lightCounts(tasks);
  for (const cell of matrix.cells) taskCounts.add(taskPosition.get(cell.taskId)!, cell.light);
  const keptTasks = new Set(taskCounts.mostUrgent(DOCUMENT_MATRIX_ROWS));
  const organizationCounts = lightCounts(organizations);
  for (const cell of matrix.cells) {
    if (keptTasks.has(taskPosition.get(cell.taskId)!)) {
      organizationCounts.add(organizationPosition.get(cell.organizationId)!, cell.light);
    }
  }
  const keptOrganizations = new Set(organizationCounts.mostUrgent(DOCUMENT_MATRIX_ORGANIZATIONS));
  return {
    matrix: {
      tasks: matrix.tasks.filter((_, index) => keptTasks.has(index)),
      organizations: matrix.organizations.filter((_, index) => keptOrganizations.has(index)),
      cells: matrix.cells.filter(
        (cell) =>
          keptTasks.has(taskPosition.get(cell.taskId)!) &&
          keptOrganizations.has(organizationPosition.get(cell.organizationId)!),
      ),
    },
    tasks: { shown: keptTasks.size, total: tasks },
    organizations: { shown: keptOrganizations.size, total: organizations },
  };
}

/** Red and yellow cells per line (a task or an organization); `mostUrgent` keeps the `limit` with most, in their order. */
function lightCounts(lines: number) {
  const red = new Uint32Array(lines);
  const yellow = new Uint32Array(lines);
  return {
    add(line: number, light: TrafficLight) {
      if (light === 'red') red[line]++;
      else if (light === 'yellow') yellow[line]++;
    },
    mostUrgent(limit: number): number[] {
      return Array.from({ length: lines }, (_, index) => index)
        .sort((a, b) => red[b] - red[a] || yellow[b] - yellow[a] || a - b)
        .slice(0, limit)
        .sort((a, b) => a - b);
    },
  };
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
