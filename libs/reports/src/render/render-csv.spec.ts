import { buildJointReport } from '../testing/joint-report.factory';
import { renderCsv } from './render-csv';

/** A minimal RFC 4180 reader, enough to check what Excel would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && char === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  return rows;
}

describe('renderCsv', () => {
  it('starts with a UTF-8 BOM and has one row per work item after the header', async () => {
    const report = buildJointReport();
    const buffer = await renderCsv(report);
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = parseCsv(buffer.toString('utf8').slice(1));
    expect(rows).toHaveLength(report.workItems.length + 1);
    expect(rows[0]).toEqual([
      '任务编号',
      '任务',
      '章节',
      '单位',
      '责任人',
      '截止日期',
      '原定截止日期',
      '截止情况',
      '状态',
      '进度',
      '信号灯',
      '最近更新',
    ]);
    expect(rows[2]).toEqual([
      '(五)',
      '强化空间分区管控',
      '3 优化城市群空间格局',
      '广东省',
      '陈晓',
      '2026-10-31',
      '',
      '逾期',
      '进行中',
      '60%',
      '逾期/受阻',
      '2026-10-08 15:00',
    ]);
  });

  it('tells on-time, extended and overdue items apart, with the first deadline of an extended one', async () => {
    const rows = parseCsv((await renderCsv(buildJointReport())).toString('utf8').slice(1));
    const extended = rows.find((row) => row[0] === '(十一)' && row[3] === '广西壮族自治区')!;
    expect(extended.slice(5, 8)).toEqual(['2027-06-30', '2026-12-31', '已延期']);
    expect(rows[1].slice(5, 8)).toEqual(['2026-12-31', '', '按期']);
  });

  it('streams rows from any source, batch by batch, to the same text as from memory', async () => {
    const report = buildJointReport();
    async function* batches() {
      for (const row of report.workItems) yield [row];
    }
    const streamed = await renderCsv({ ...report, workItems: [] }, batches());
    expect(streamed.equals(await renderCsv(report))).toBe(true);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', async () => {
    const report = buildJointReport();
    const [first, ...rest] = report.workItems;
    const tricky = {
      ...first,
      taskTitle: '港口,"航道"\r\n建设',
      owner: { id: 'u', name: '=HYPERLINK("x")' },
    };
    const text = (await renderCsv({ ...report, workItems: [tricky, ...rest] })).toString('utf8');
    expect(text).toContain('"港口,""航道""\r\n建设"');

    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(report.workItems.length + 1);
    expect(rows[1][1]).toBe('港口,"航道"\r\n建设');
    expect(rows[1][4]).toBe(`'=HYPERLINK("x")`);
  });

  it('writes English headers and labels with locale en', async () => {
    const rows = parseCsv((await renderCsv(buildJointReport({ locale: 'en' }))).toString('utf8').slice(1));
    expect(rows[0][0]).toBe('Task');
    expect(rows[2][7]).toBe('Overdue');
    expect(rows[2][8]).toBe('In progress');
    expect(rows[2][10]).toBe('Overdue/blocked');
  });
});
