import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { ORGANIZATION_DICTIONARY } from '../../../../seeds/organizations';
import { parsePlanFile, PlanReadError, readPlanFile, type ParsedPlan, type PlanTask } from '../index';
import { docxFile, drawTable, pdfFile } from '../testing/make-documents';

const SCANNED = readFileSync(join(__dirname, '../../fixtures/scanned-plan.pdf'));

const names = (units: readonly { name: string }[]) => units.map((unit) => unit.name);
const leads = (task: PlanTask) => names([...task.leadProvinces, ...task.leadMinistries]);
const supports = (task: PlanTask) => names([...task.supportProvinces, ...task.supportMinistries]);
const summary = (parsed: ParsedPlan) =>
  parsed.tasks.map((task) => [task.title, leads(task), supports(task), task.deadline]);

async function parse(bytes: Uint8Array, fileName?: string): Promise<ParsedPlan> {
  return (await parsePlanFile(bytes, ORGANIZATION_DICTIONARY, { fileName })).parsed;
}

async function refusal(bytes: Uint8Array, fileName?: string): Promise<PlanReadError> {
  const error: unknown = await readPlanFile(bytes, fileName).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof PlanReadError)) throw new Error(`expected a PlanReadError, got ${String(error)}`);
  return error;
}

const TEXT_PLAN = [
  '陕甘合作2025年工作要点',
  '一、交通',
  '1.建设西安至兰州高铁。',
  '牵头单位：陝西省人民政府',
  '配合单位：甘肅省、國家鐵路局',
  '完成时限：2025年底前',
].join('\n');

describe('readPlanFile: text', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT_PLAN, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT_PLAN)]), 'utf-8'],
    ['GB18030', iconv.encode(TEXT_PLAN, 'gb18030'), 'gb18030'],
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT_PLAN, 'utf16le')]),
      'utf-16le',
    ],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT_PLAN, 'utf16le').swap16()]),
      'utf-16be',
    ],
  ])('decodes %s to the same plan', async (_name, bytes, encoding) => {
    const document = await readPlanFile(bytes, 'plan.txt');
    expect([document.format, document.encoding, document.text]).toEqual(['txt', encoding, TEXT_PLAN]);
    expect(summary(await parse(bytes))).toEqual([
      ['建设西安至兰州高铁', ['陕西省'], ['甘肃省', '国家铁路局'], '2025-12-31'],
    ]);
  });

  it('detects the type by content, not by name', async () => {
    expect((await readPlanFile(Buffer.from(TEXT_PLAN), 'plan.pdf.txt')).format).toBe('txt');
    const docx = docxFile([{ paragraph: '标题' }]);
    expect((await readPlanFile(docx, 'plan.txt')).format).toBe('docx');
    expect((await readPlanFile(docx)).format).toBe('docx');
  });
});

describe('readPlanFile: Word', () => {
  it('reads paragraphs, tables with merged cells and several paragraphs in a cell', async () => {
    const docx = docxFile([
      { paragraph: '粤桂2025年重点任务分工表' },
      { paragraph: '各责任单位每月5日前报送上月进展。' },
      {
        table: [
          ['序号', '重点任务', { paragraphs: ['责任单位'], gridSpan: 2 }, '完成时限', '备注'],
          ['', '', '牵头单位', '配合单位', '', ''],
          [
            '1',
            '建设南宁至深圳高铁，推进前期工作',
            { paragraphs: ['广西壮族自治区'], vMerge: 'restart' },
            { paragraphs: ['广东省', '国铁集团'] },
            '2025年底前',
            '重点',
          ],
          [
            '2',
            { paragraphs: ['共建西江经济带', '2025年6月底前出台实施方案'] },
            { paragraphs: [], vMerge: 'continue' },
            '广東省交通運輸廳',
            '2026年上半年',
            '',
          ],
        ],
      },
    ]);
    const parsed = await parse(docx, 'plan.docx');
    expect(summary(parsed)).toEqual([
      ['建设南宁至深圳高铁', ['广西壮族自治区'], ['广东省', '中国国家铁路集团有限公司'], '2025-12-31'],
      ['共建西江经济带', ['广西壮族自治区'], ['广东省'], '2026-06-30'],
    ]);
    expect(parsed.tasks[1].milestones).toEqual([{ date: '2025-06-30', text: '2025年6月底前出台实施方案' }]);
    expect(parsed.tasks[1].supportProvinces[0].written).toBe('广东省交通运输厅');
    expect(parsed.reportingCadence).toMatchObject({ every: 'month', byDay: 5 });
  });

  it("writes out Word's automatic numbering, so numbered chapters and items are found", async () => {
    const numbering = [
      '<w:abstractNum w:abstractNumId="0">',
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>',
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>',
      '</w:abstractNum>',
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    ].join('');
    const item = (text: string, level: number) => ({ paragraph: text, numbering: { numId: 1, level } });
    const parsed = await parse(
      docxFile(
        [
          { paragraph: '若干措施' },
          item('强化引领', 0),
          item('提升功能。（甘肃省负责）', 1),
          item('推进建设。（国家铁路局负责）', 1),
          item('生态保护', 0),
          item('共建机制。（国家林草局牵头，青海省配合）', 1),
        ],
        numbering,
      ),
    );
    expect(parsed.chapters.map((chapter) => chapter.title)).toEqual(['强化引领', '生态保护']);
    expect(parsed.tasks.map((task) => [task.ref, leads(task), supports(task)])).toEqual([
      ['一(一)', ['甘肃省'], []],
      ['一(二)', ['国家铁路局'], []],
      ['二(一)', ['国家林业和草原局'], ['青海省']],
    ]);
  });

  it.each([
    ['a zip that is not a Word file', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])],
    ['a cut-off Word file', () => docxFile([{ paragraph: '标题' }]).slice(0, 60)],
  ])('refuses %s with a clear message', async (_name, bytes) => {
    const error = await refusal(bytes(), 'plan.docx');
    expect(error.code).toBe('unreadable_container');
    expect(error.message).toMatch(/^文件不是可读取的 Word 文档.*\(The file is not a readable Word/);
  });

  it('refuses legacy .doc files and tells the person to save as .docx', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await refusal(ole, 'plan.doc')).toMatchObject({
      code: 'unsupported_format',
      message: expect.stringContaining('.docx'),
    });
  });
});

describe('readPlanFile: PDF', () => {
  // The first test pays for loading pdfjs (and, under Jest, compiling it).
  jest.setTimeout(60_000);

  it('rebuilds a task table whose cells wrap over several lines, across a page break', async () => {
    const rows = [
      ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'],
      ...Array.from({ length: 14 }, (_, index) => [
        String(index + 1),
        `推进第${index + 1}项跨省通道建设工程，完善沿线综合交通枢纽布局`,
        index % 2 === 0 ? '陕西省人民政府' : '交通运输部',
        '甘肃省、宁夏回族自治区，国家发展改革委',
        `${2025 + (index % 2)}年${(index % 12) + 1}月底前`,
      ]),
    ];
    const pdf = await pdfFile((document) => {
      document.fontSize(16).text('陕甘宁重点任务分工表', { align: 'center' }).fontSize(10).moveDown();
      drawTable(document, [34, 170, 80, 110, 70], rows);
    });
    const parsed = await parse(pdf, 'plan.pdf');
    expect(parsed.tasks).toHaveLength(14);
    parsed.tasks.forEach((task, index) => {
      expect([task.number, task.title, leads(task), supports(task), task.deadline]).toEqual([
        index + 1,
        `推进第${index + 1}项跨省通道建设工程`,
        [index % 2 === 0 ? '陕西省' : '交通运输部'],
        ['甘肃省', '宁夏回族自治区', '国家发展和改革委员会'],
        new Date(Date.UTC(2025 + (index % 2), (index % 12) + 1, 0)).toISOString().slice(0, 10),
      ]);
    });
  });

  it('drops running headers, footers and page numbers and joins lines wrapped inside a paragraph', async () => {
    const pdf = await pdfFile((document) => {
      document.text('陕甘合作实施方案');
      document.text('一、交通');
      for (let item = 1; item <= 30; item += 1) {
        document.text(
          `（${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][(item - 1) % 10]}）推进第${item}项合作。加快推进陕甘两省之间的交通基础设施互联互通，完善综合立体交通网络，提升通道能力和服务水平。（交通运输部负责）`,
        );
        if (item % 10 === 0 && item < 30)
          document.text(`${['二', '三'][item / 10 - 1]}、第${item / 10 + 1}部分`);
      }
      const range = document.bufferedPageRange();
      for (let page = range.start; page < range.start + range.count; page += 1) {
        document.switchToPage(page);
        document.text('陕甘合作实施方案（内部资料）', 60, 30, { lineBreak: false });
        document.text(`- ${page + 1} -`, 280, document.page.height - 40, { lineBreak: false });
      }
    });
    const { document, parsed } = await parsePlanFile(pdf, ORGANIZATION_DICTIONARY);
    expect(document.text).not.toMatch(/内部资料|- \d+ -/);
    expect(parsed.tasks).toHaveLength(30);
    expect(parsed.tasks.every((task) => task.body.endsWith('提升通道能力和服务水平。'))).toBe(true);
    expect(parsed.tasks.every((task) => leads(task).join() === '交通运输部')).toBe(true);
    expect(new Set(parsed.tasks.map((task) => task.ref)).size).toBe(30);
  });

  it('reads a two-column page column by column', async () => {
    const pdf = await pdfFile((document) => {
      document.text('左右分栏的合作方案');
      const top = document.y + 10;
      const left = ['一、交通', '（一）建设铁路。（国家铁路局负责）', '（二）建设公路。（交通运输部负责）'];
      const right = ['二、生态', '（一）治理流域。（水利部负责）', '（二）保护森林。（国家林草局负责）'];
      left.forEach((line, index) =>
        document.text(line, 60, top + index * 20, { width: 200, lineBreak: false }),
      );
      right.forEach((line, index) =>
        document.text(line, 320, top + index * 20, { width: 200, lineBreak: false }),
      );
    });
    const parsed = await parse(pdf);
    expect(parsed.tasks.map((task) => [task.ref, leads(task)])).toEqual([
      ['一(一)', ['国家铁路局']],
      ['一(二)', ['交通运输部']],
      ['二(一)', ['水利部']],
      ['二(二)', ['国家林业和草原局']],
    ]);
  });

  it('refuses a scanned (image-only) PDF: no text layer, in Chinese and then English', async () => {
    const error = await refusal(SCANNED, 'scan.pdf');
    expect(error.code).toBe('no_text_layer');
    expect(error.message).toMatch(
      /^PDF 中没有文字层.*请上传可复制文字的 PDF 或 Word 文件.*\(The PDF has no text layer/,
    );
  });

  it('refuses a password-protected PDF and says so', async () => {
    const locked = await pdfFile((document) => document.text('保密方案'), {
      userPassword: 'secret',
      pdfVersion: '1.7',
    });
    expect(await refusal(locked, 'plan.pdf')).toMatchObject({
      code: 'encrypted',
      message: expect.stringMatching(/^PDF 已加密.*\(The PDF is password-protected/),
    });
  });

  it.each([
    ['random bytes named .pdf', Buffer.from('not a pdf at all, just words'), 'plan.pdf'],
    ['random bytes named .docx', Buffer.from([0x00, 0x13, 0x37, 0xff, 0x80]), 'plan.docx'],
    [
      'a PDF header and garbage',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x41)]),
      'plan.pdf',
    ],
  ])('refuses %s with a clear message', async (_name, bytes, fileName) => {
    const error = await refusal(bytes, fileName);
    expect(error.code).toBe('unreadable_container');
    expect(error.message).toMatch(/PDF|Word/);
  });
});
