import ExcelJS from 'exceljs';
import { buildJointReport } from '../testing/joint-report.factory';
import { renderXlsx } from './render-xlsx';

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe('renderXlsx', () => {
  it('writes the Chinese sheets in order', async () => {
    const workbook = await readBack(await renderXlsx(buildJointReport()));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '汇总',
      '矩阵',
      '逾期事项',
      '近期到期',
      '进展更新',
      '工作事项',
    ]);
  });

  it('fills the matrix cell of an overdue item red and stores progress as a percentage', async () => {
    const report = buildJointReport();
    const workbook = await readBack(await renderXlsx(report));
    const matrix = workbook.getWorksheet('矩阵')!;
    const guangdongColumn = report.matrix.organizations.findIndex((o) => o.name === '广东省') + 3;
    expect(matrix.getRow(1).getCell(guangdongColumn).value).toBe('广东省');

    const taskRow = report.matrix.tasks.findIndex((t) => t.code === '(五)') + 2;
    const overdueCell = matrix.getRow(taskRow).getCell(guangdongColumn);
    expect(fillOf(overdueCell)).toBe('FFFF4D4F');
    expect(overdueCell.value).toBeCloseTo(0.6);
    expect(overdueCell.numFmt).toBe('0%');

    const doneCell = matrix.getRow(taskRow).getCell(report.matrix.organizations.length + 2);
    expect(fillOf(doneCell)).toBe('FF52C41A');
  });

  it('freezes the header row, filters it and sizes the columns on every list sheet', async () => {
    const report = buildJointReport();
    const workbook = await readBack(await renderXlsx(report));
    const overdue = workbook.getWorksheet('逾期事项')!;
    expect(overdue.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(overdue.autoFilter).toBeTruthy();
    expect(overdue.rowCount).toBe(report.overdue.length + 1);
    expect(overdue.getRow(2).getCell(3).value).toBe('广东省');
    expect(overdue.getColumn(2).width).toBeGreaterThan(overdue.getColumn(1).width!);

    const matrix = workbook.getWorksheet('矩阵')!;
    expect(matrix.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });

    const items = workbook.getWorksheet('工作事项')!;
    expect(items.rowCount).toBe(report.workItems.length + 1);
  });

  it('puts the headline figures and the ranking on the summary sheet', async () => {
    const report = buildJointReport();
    const summary = (await readBack(await renderXlsx(report))).getWorksheet('汇总')!;
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toEqual(
      expect.arrayContaining(['北部湾城市群发展规划 联合进展报告', '总体情况', '通报排名', '国家发展改革委']),
    );
    expect(texts).toContain(String(report.headline.items));
  });

  it('uses English sheet names with locale en', async () => {
    const workbook = await readBack(await renderXlsx(buildJointReport({ locale: 'en' })));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary',
      'Matrix',
      'Overdue',
      'Due soon',
      'Updates',
      'Work items',
    ]);
    expect(workbook.getWorksheet('Overdue')!.getRow(1).getCell(1).value).toBe('Task');
  });

  it('keeps text that starts like a formula as text, in every sheet and the title', async () => {
    const report = buildJointReport();
    const [first, ...rest] = report.workItems;
    const starts = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const tricky = starts.map((name, index) => ({
      ...first,
      id: `tricky-${index}`,
      owner: { id: 'u', name },
    }));
    const workbook = await readBack(
      await renderXlsx({
        ...report,
        plan: { ...report.plan, title: '=CMD()' },
        workItems: [...tricky, ...rest],
      }),
    );
    const items = workbook.getWorksheet('工作事项')!;
    const ownerColumn = (items.getRow(1).values as unknown[]).indexOf('责任人');
    expect(ownerColumn).toBeGreaterThan(0);
    // XML reads a carriage return back as a line feed.
    const owners = starts.map((_, index) =>
      String(items.getRow(index + 2).getCell(ownerColumn).value).replace(/\n/g, '\r'),
    );
    expect(owners).toEqual(starts.map((name) => `'${name}`));
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        }),
      );
    }
    expect(workbook.getWorksheet('汇总')!.getCell(1, 1).value).toMatch(/^'=CMD\(\)/);
  });
});
