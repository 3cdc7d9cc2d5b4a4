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
  it('starts with a UTF-8 BOM and has one row per work item after the header', () => {
    const report = buildJointReport();
    const buffer = renderCsv(report);
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
      '进行中',
      '60%',
      '逾期/受阻',
      '2026-10-08 15:00',
    ]);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const report = buildJointReport();
    const [first, ...rest] = report.workItems;
    const tricky = {
      ...first,
      taskTitle: '港口,"航道"\r\n建设',
      owner: { id: 'u', name: '=HYPERLINK("x")' },
    };
    const text = renderCsv({ ...report, workItems: [tricky, ...rest] }).toString('utf8');
    expect(text).toContain('"港口,""航道""\r\n建设"');

    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(report.workItems.length + 1);
    expect(rows[1][1]).toBe('港口,"航道"\r\n建设');
    expect(rows[1][4]).toBe(`'=HYPERLINK("x")`);
  });

  it('writes English headers and labels with locale en', () => {
    const rows = parseCsv(
      renderCsv(buildJointReport({ locale: 'en' }))
        .toString('utf8')
        .slice(1),
    );
    expect(rows[0][0]).toBe('Task');
    expect(rows[2][6]).toBe('In progress');
    expect(rows[2][8]).toBe('Overdue/blocked');
  });
});
