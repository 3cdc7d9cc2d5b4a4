import type { JointReport, MatrixCell, MatrixTask, ReportOrganization, TrafficLight } from '../joint-report';
import { buildJointReport } from '../testing/joint-report.factory';
import {
  buildReportTables,
  documentTables,
  DOCUMENT_MATRIX_ORGANIZATIONS,
  DOCUMENT_MATRIX_ROWS,
  DOCUMENT_TABLE_ROWS,
  type TableCell,
} from './report-tables';

const lightsOf = (row: TableCell[]) => row.flatMap((cell) => (cell.light ? [cell.light] : []));

/** A report whose matrix has every one of `taskCount` tasks led by each of `organizationCount` organizations. */
function reportWithMatrix(
  taskCount: number,
  organizationCount: number,
  lightOf: (task: number, organization: number) => TrafficLight,
): JointReport {
  const base = buildJointReport();
  const tasks: MatrixTask[] = Array.from({ length: taskCount }, (_, index) => ({
    id: `task-${index}`,
    number: index + 1,
    code: `(${index + 1})`,
    title: `任务${index + 1}`,
  }));
  const organizations: ReportOrganization[] = Array.from({ length: organizationCount }, (_, index) => ({
    id: `org-${index}`,
    name: `单位${index + 1}`,
    kind: 'province',
  }));
  const cells = tasks.flatMap((task, taskIndex) =>
    organizations.map((organization, organizationIndex): MatrixCell => ({
      taskId: task.id,
      organizationId: organization.id,
      workItemId: `${task.id}-${organization.id}`,
      status: 'in_progress',
      progress: 50,
      light: lightOf(taskIndex, organizationIndex),
      deadline: '2027-06-30',
    })),
  );
  return { ...base, matrix: { tasks, organizations, cells } };
}

describe('buildReportTables', () => {
  it("puts every cell in its task's row under its organization's column, empty where none leads", () => {
    const report = buildJointReport();
    const expectedRows = report.matrix.tasks.map((task) => [
      task.code,
      task.title,
      ...report.matrix.organizations.map((organization) => {
        const cell = report.matrix.cells.find(
          (c) => c.taskId === task.id && c.organizationId === organization.id,
        );
        return cell ? { value: cell.progress, light: cell.light } : null;
      }),
    ]);

    const tableRows = buildReportTables(report).matrix.rows;
    const rows = tableRows.map(([code, title, ...cells]) => [
      code.value,
      title.value,
      ...cells.map((cell) => (cell.value === null ? null : { value: cell.value, light: cell.light })),
    ]);

    expect(rows).toEqual(expectedRows);
    expect(rows.flat()).toContain(null);
    expect(new Set(tableRows.flatMap(lightsOf))).toEqual(new Set(['green', 'yellow', 'red', 'grey']));
  });
});

describe('documentTables', () => {
  it('leaves the tables of a plan people can read whole as they are (the item list is the XLSX’s)', () => {
    const report = buildJointReport();
    const tables = buildReportTables(report);
    expect(documentTables(report)).toEqual({ ...tables, workItems: { ...tables.workItems, rows: [] } });
  });

  it('keeps the tasks with the most red, then yellow cells, in plan order, and says where the full matrix is', () => {
    const redTask = (index: number) => index % 3 === 0;
    const yellowTask = (index: number) => index % 7 === 0;
    const report = reportWithMatrix(100, 3, (task, organization) =>
      organization === 0 && redTask(task)
        ? 'red'
        : organization === 1 && yellowTask(task)
          ? 'yellow'
          : 'green',
    );

    const matrix = documentTables(report).matrix;

    expect(matrix.rows).toHaveLength(DOCUMENT_MATRIX_ROWS);
    const kept = matrix.rows.map((row) => String(row[0].value));
    const indexes = Array.from({ length: 100 }, (_, index) => index);
    const red = indexes.filter(redTask);
    const yellowOnly = indexes.filter((index) => !redTask(index) && yellowTask(index));
    const greenFirst = indexes
      .filter((index) => !redTask(index) && !yellowTask(index))
      .slice(0, DOCUMENT_MATRIX_ROWS - red.length - yellowOnly.length);
    expect(kept).toEqual(
      [...red, ...yellowOnly, ...greenFirst].sort((a, b) => a - b).map((index) => `(${index + 1})`),
    );
    expect(matrix.rows.filter((row) => lightsOf(row).includes('red'))).toHaveLength(red.length);
    expect(matrix.note).toBe(
      `本矩阵仅列出红灯、黄灯最多的 ${DOCUMENT_MATRIX_ROWS} 项任务（共 100 项，另有 40 项任务未列出）和 3 个单位（共 3 个，全部列出），完整矩阵见 XLSX 格式报告的“矩阵”工作表。`,
    );
  });

  it('keeps the organizations with the most red, then yellow cells when too many lead the tasks', () => {
    const organizationCount = DOCUMENT_MATRIX_ORGANIZATIONS + 10;
    const redOrganization = (index: number) => index % 4 === 1;
    const yellowOrganization = (index: number) => index % 5 === 2;
    const report = reportWithMatrix(5, organizationCount, (task, organization) =>
      redOrganization(organization) && task < 2
        ? 'red'
        : yellowOrganization(organization) && task < 3
          ? 'yellow'
          : 'green',
    );

    const matrix = documentTables(report).matrix;

    const indexes = Array.from({ length: organizationCount }, (_, index) => index);
    const red = indexes.filter(redOrganization);
    const yellowOnly = indexes.filter((index) => !redOrganization(index) && yellowOrganization(index));
    const greenFirst = indexes
      .filter((index) => !redOrganization(index) && !yellowOrganization(index))
      .slice(0, DOCUMENT_MATRIX_ORGANIZATIONS - red.length - yellowOnly.length);
    const kept = [...red, ...yellowOnly, ...greenFirst].sort((a, b) => a - b);
    expect(matrix.columns.slice(2).map((column) => column.header)).toEqual(
      kept.map((index) => `单位${index + 1}`),
    );
    expect(matrix.rows).toHaveLength(5);
    expect(matrix.rows.every((row) => row.length === 2 + DOCUMENT_MATRIX_ORGANIZATIONS)).toBe(true);
    expect(matrix.rows[0].slice(2).map((cell) => cell.light)).toEqual(
      kept.map((index) => (redOrganization(index) ? 'red' : yellowOrganization(index) ? 'yellow' : 'green')),
    );
    expect(matrix.note).toBe(
      `本矩阵仅列出红灯、黄灯最多的 5 项任务（共 5 项，全部列出）和 ${DOCUMENT_MATRIX_ORGANIZATIONS} 个单位（共 ${organizationCount} 个，另有 ${organizationCount - DOCUMENT_MATRIX_ORGANIZATIONS} 个单位未列出），完整矩阵见 XLSX 格式报告的“矩阵”工作表。`,
    );
  });

  it('cuts long lists to their first, most urgent rows with a note, in the report locale', () => {
    const base = buildJointReport({ locale: 'en' });
    const overdue = Array.from({ length: DOCUMENT_TABLE_ROWS + 50 }, (_, index) => ({
      ...base.overdue[0],
      workItemId: `wi-${index}`,
      daysOverdue: 1000 - index,
    }));
    const report = { ...base, overdue };
    const tables = buildReportTables(report);

    const list = documentTables(report).overdue;

    expect(list.rows).toEqual(tables.overdue.rows.slice(0, DOCUMENT_TABLE_ROWS));
    expect(list.note).toBe(
      `Showing the first ${DOCUMENT_TABLE_ROWS} of ${DOCUMENT_TABLE_ROWS + 50} (50 left out); the XLSX report lists them all.`,
    );
    expect(tables.overdue.rows).toHaveLength(DOCUMENT_TABLE_ROWS + 50);
  });
});
