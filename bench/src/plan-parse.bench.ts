import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import {
  decodePlanText,
  parsePlan,
  parsePlanFile,
  toChineseNumeral,
  toSimplifiedChinese,
  type ParsedPlan,
} from '@xietong/plan-parser';
import {
  docxFile,
  pdfFile,
  type DocxBlock,
  type DocxCell,
} from '../../libs/plan-parser/src/testing/make-documents';
import { ORGANIZATION_DICTIONARY } from '../../seeds/organizations';
import { BenchmarkResult, result } from './results';
import { median, round } from './stats';

export const BEIBU_GULF_PLAN = join(
  __dirname,
  '..',
  '..',
  '..',
  'seeds',
  'plans',
  'beibu-gulf-city-cluster-implementation-plan-2022.txt',
);

const DICTIONARY_NAMES = new Map(
  ORGANIZATION_DICTIONARY.flatMap((entry) =>
    [entry.name, ...entry.shortNames, ...entry.aliases].map((name) => [name, entry.name] as const),
  ),
);
const ITEM_MARKER = /^\s*[（(]([一二三四五六七八九十]+)[）)]/;
const PINYIN_GLOSS = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g;
const CLOSING_LIST = /[（(]([^（）()]+)[）)]\s*$/;

/**
 * The same job done naively, with none of our tolerance: read, decode as UTF-8, convert to
 * simplified characters, strip pinyin glosses, split lines, find the (一) items and look up the
 * names of each item's closing parenthesised list in the dictionary. Returns the lead units found.
 */
export function baselineScan(file: string): number {
  const text = toSimplifiedChinese(new TextDecoder('utf-8').decode(readFileSync(file))).replace(
    PINYIN_GLOSS,
    '',
  );
  let leadUnits = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!ITEM_MARKER.test(line)) continue;
    const list = CLOSING_LIST.exec(line.trim().replace(/。$/, ''));
    for (const name of list?.[1].split('、') ?? []) if (DICTIONARY_NAMES.has(name.trim())) leadUnits++;
  }
  return leadUnits;
}

/** Ours: read, decodePlanText (encoding detection, normalisation), parsePlan with the organization dictionary. */
export function parseOnce(file: string): number {
  const decoded = decodePlanText(readFileSync(file));
  return parsePlan(decoded.text, ORGANIZATION_DICTIONARY).tasks.length;
}

/** Warm: after a warm-up, parses alternate with baseline scans; the median of single parses is reported. */
export function benchPlanParse(options: {
  iterations: number;
  log: (line: string) => void;
}): BenchmarkResult {
  const file = BEIBU_GULF_PLAN;
  let tasks = 0;
  let leadUnits = 0;
  for (let i = 0; i < 20; i++) {
    tasks = parseOnce(file);
    leadUnits = baselineScan(file);
  }
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    let started = performance.now();
    parseOnce(file);
    ours.push(performance.now() - started);
    started = performance.now();
    baselineScan(file);
    baseline.push(performance.now() - started);
  }
  const oursMs = median(ours);
  const baselineMs = median(baseline);
  options.log(
    `  plan-parse: ${round(oursMs)} ms per parse (${tasks} tasks), baseline ${round(baselineMs)} ms (${leadUnits} lead units)`,
  );
  return result('plan-parse', oursMs, baselineMs, 'ms', {
    targetMs: 10,
    tasks,
    leadUnitsFoundByBaseline: leadUnits,
    iterations: options.iterations,
    baseline:
      'naive: UTF-8 decode + traditional→simplified + pinyin strip + (一) items + dictionary lookup of each closing list',
  });
}

const TASK_VERBS = ['推进', '共建', '完善', '加快', '深化', '提升', '健全', '打造'];
const TASK_OBJECTS = [
  '跨省通道建设',
  '产业协作园区',
  '流域生态补偿机制',
  '口岸通关便利化',
  '公共服务共享',
  '能源保供体系',
];
const LEADS = ['广西壮族自治区人民政府', '广东省', '海南省', '国家发展改革委', '交通运输部', '国铁集团'];
const SUPPORTS = [
  '自然资源部、生态环境部',
  '广东省、海南省',
  '财政部',
  '国家能源局，广西壮族自治区',
  '商务部、海关总署',
];
const DUE = ['2025年底前', '2026年6月底前', '2025年第三季度', '持续推进', '2027年上半年'];

function taskText(index: number): string {
  return `${TASK_VERBS[index % TASK_VERBS.length]}第${index + 1}项${TASK_OBJECTS[index % TASK_OBJECTS.length]}，明确责任分工，细化年度目标和工作举措`;
}

/** A 重点任务分工表 in Word: 20 chapters, each a table of 100 tasks, some cells merged or in two paragraphs. */
export function largeDocx(tasks = 2000): Uint8Array {
  const blocks: DocxBlock[] = [
    { paragraph: '北部湾城市群2025年重点任务分工方案' },
    { paragraph: '各牵头单位每月5日前报送上月工作进展。' },
  ];
  const perChapter = 100;
  for (let chapter = 0; chapter * perChapter < tasks; chapter += 1) {
    blocks.push({ paragraph: `${toChineseNumeral(chapter + 1)}、第${chapter + 1}领域重点任务` });
    const table: (string | DocxCell)[][] = [['序号', '重点任务', '牵头单位', '配合单位', '完成时限', '备注']];
    for (let row = 0; row < perChapter && chapter * perChapter + row < tasks; row += 1) {
      const index = chapter * perChapter + row;
      table.push([
        String(row + 1),
        index % 3 === 0 ? { paragraphs: [taskText(index), '2025年6月底前完成前期工作。'] } : taskText(index),
        row % 4 === 1
          ? { paragraphs: [], vMerge: 'continue' }
          : { paragraphs: [LEADS[index % LEADS.length]], vMerge: 'restart' },
        SUPPORTS[index % SUPPORTS.length],
        DUE[index % DUE.length],
        '',
      ]);
    }
    blocks.push({ table });
  }
  return docxFile(blocks);
}

/** A long text PDF: chapters of (一) items with closing lists and a running header and page number. */
export async function longPdf(pages: number): Promise<Uint8Array> {
  return pdfFile((document) => {
    document
      .fontSize(16)
      .text('北部湾城市群2025年重点任务分工方案', { align: 'center' })
      .fontSize(11)
      .moveDown();
    let index = 0;
    for (let chapter = 1; document.bufferedPageRange().count < pages; chapter += 1) {
      document.text(`${toChineseNumeral(chapter)}、第${chapter}领域重点任务`);
      for (let item = 1; item <= 12; item += 1, index += 1) {
        document.text(
          `（${toChineseNumeral(item)}）${taskText(index)}。${DUE[index % DUE.length]}完成主要任务，建立健全跨省协调推进机制，定期会商解决重大问题。（${LEADS[index % LEADS.length]}牵头，${SUPPORTS[index % SUPPORTS.length]}按职责分工负责）`,
          { indent: 22 },
        );
      }
    }
    const range = document.bufferedPageRange();
    for (let page = range.start; page < range.start + range.count; page += 1) {
      document.switchToPage(page);
      document.fontSize(9).text('北部湾城市群2025年重点任务分工方案', 60, 30, { lineBreak: false });
      document.text(`- ${page + 1} -`, 280, document.page.height - 40, { lineBreak: false });
    }
  });
}

/** The naive yardstick for Word: unzip, parse the document XML, concatenate its text runs. */
export function docxTextBaseline(bytes: Uint8Array): number {
  const xml = unzipSync(bytes, { filter: (file) => file.name === 'word/document.xml' })['word/document.xml'];
  const parsed = new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(
    new TextDecoder().decode(xml),
  );
  let characters = 0;
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as Record<string, unknown>[]) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '#text') characters += String(value).length;
        else walk(value);
      }
    }
  };
  walk(parsed);
  return characters;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** The naive yardstick for PDF: pdfjs's text content of every page, strings concatenated. */
export async function pdfTextBaseline(pdfjs: PdfJs, bytes: Uint8Array): Promise<number> {
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  let characters = 0;
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) if ('str' in item) characters += item.str.length;
  }
  await document.destroy();
  return characters;
}

async function parseFile(bytes: Uint8Array): Promise<ParsedPlan> {
  return (await parsePlanFile(bytes, ORGANIZATION_DICTIONARY)).parsed;
}

/** Ours and the baseline alternate `rounds` times after one warm-up each; medians are reported. */
async function alternate(
  rounds: number,
  ours: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<{ oursMs: number; baselineMs: number }> {
  await ours();
  await baseline();
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let started = performance.now();
    await ours();
    oursTimes.push(performance.now() - started);
    started = performance.now();
    await baseline();
    baselineTimes.push(performance.now() - started);
  }
  return { oursMs: median(oursTimes), baselineMs: median(baselineTimes) };
}

function describeParse(parsed: ParsedPlan) {
  const tasks = parsed.tasks.filter((task) => task.kind === 'task');
  return {
    tasks: tasks.length,
    withLeads: tasks.filter((task) => task.leadProvinces.length + task.leadMinistries.length > 0).length,
    withDeadline: tasks.filter((task) => task.deadline !== null).length,
  };
}

/** A Word file with 2,000 tasks: readPlanFile + parsePlan against unzip + XML text extraction alone. */
export async function benchPlanParseDocx(options: {
  rounds: number;
  log: (line: string) => void;
}): Promise<BenchmarkResult> {
  const bytes = largeDocx(2000);
  const parsed = await parseFile(bytes);
  const { oursMs, baselineMs } = await alternate(
    options.rounds,
    () => parseFile(bytes),
    async () => docxTextBaseline(bytes),
  );
  const found = describeParse(parsed);
  options.log(
    `  plan-parse-docx: ${round(oursMs)} ms for ${found.tasks} tasks (${Math.round(bytes.length / 1024)} KB), baseline ${round(baselineMs)} ms`,
  );
  return result('plan-parse-docx', oursMs, baselineMs, 'ms', {
    ...found,
    bytes: bytes.length,
    rounds: options.rounds,
    baseline: 'unzip word/document.xml + XML parse + concatenate text runs (no tables, numbering or plan)',
  });
}

/** A long text PDF: readPlanFile + parsePlan against pdfjs getTextContent of every page alone. */
export async function benchPlanParsePdf(options: {
  rounds: number;
  log: (line: string) => void;
}): Promise<BenchmarkResult> {
  const pages = 300;
  const started = performance.now();
  const bytes = await longPdf(pages);
  options.log(
    `  plan-parse-pdf: generated ${pages} pages in ${round((performance.now() - started) / 1000)} s`,
  );
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const parsed = await parseFile(bytes);
  const { oursMs, baselineMs } = await alternate(
    options.rounds,
    () => parseFile(bytes),
    () => pdfTextBaseline(pdfjs, bytes),
  );
  const found = describeParse(parsed);
  options.log(
    `  plan-parse-pdf: ${round(oursMs)} ms for ${pages} pages, ${found.tasks} tasks, baseline ${round(baselineMs)} ms`,
  );
  return result('plan-parse-pdf', oursMs, baselineMs, 'ms', {
    ...found,
    pages,
    bytes: bytes.length,
    rounds: options.rounds,
    baseline: 'pdfjs getTextContent of every page, strings concatenated (no layout, tables or plan)',
  });
}
