import { dirname, join } from 'node:path';
import { foldRadicals } from '../normalize-characters';
import { CELL_SEPARATOR, columnRole } from '../tables';
import { PlanReadError } from './plan-read-error';

/** One run of text on a page, in points from the page's top-left corner. */
interface Run {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** Runs on one baseline; `segments` are the runs grouped where the gap between them is small. */
interface Line {
  y: number;
  size: number;
  segments: Run[];
  page: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdfjs-dist ships as ES modules only; this CommonJS build reaches it through a dynamic import
 * (kept as `import()` by TypeScript's nodenext output). Its worker module is loaded into this
 * thread as well: parsing a plan is short, and Node has no web workers to hand it to.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

const NO_TEXT_LAYER =
  'PDF 中没有文字层（像是扫描件或图片），无法读取任务。请上传可复制文字的 PDF 或 Word 文件。(The PDF has no text layer — it looks scanned. Upload a text PDF or a Word file.)';
const NOT_A_PDF =
  '文件不是可读取的 PDF：内容已损坏或并非 PDF 格式。请重新导出 PDF 或上传 Word 文件。(The file is not a readable PDF.)';
const ENCRYPTED =
  'PDF 已加密，需要密码才能打开。请上传未加密的 PDF 或 Word 文件。(The PDF is password-protected; upload an unprotected PDF or a Word file.)';
/** Fewer readable characters than this in the whole file means there is no text layer to speak of. */
const MIN_TEXT_CHARACTERS = 20;

/**
 * Plan text from a text PDF, in reading order: running headers, footers and page numbers dropped,
 * two-column pages read column by column, lines wrapped inside a paragraph joined, and task
 * tables rebuilt from the runs' positions into tab-separated rows (a cell wrapped over several
 * lines is one cell).
 */
export async function readPdf(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await loadPdfJs();
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  const task = getDocument({
    // pdfjs takes ownership of (and detaches) the buffer it is given.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    cMapUrl: `${join(root, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw new PlanReadError(
      name === 'PasswordException' ? 'encrypted' : 'unreadable_container',
      name === 'PasswordException' ? ENCRYPTED : NOT_A_PDF,
    );
  }
  try {
    const pages: Line[][] = [];
    const heights: number[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const { height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim().length === 0) continue;
        const [a, b, , , x, y] = item.transform as number[];
        const size = Math.hypot(a, b) || item.height || 10;
        runs.push({ text: foldRadicals(item.str), x, y: height - y, width: item.width, size });
      }
      pages.push(linesOf(runs, number));
      heights.push(height);
      page.cleanup();
    }
    const characters = pages
      .flat()
      .reduce((sum, line) => sum + line.segments.reduce((n, run) => n + run.text.trim().length, 0), 0);
    if (characters < MIN_TEXT_CHARACTERS) throw new PlanReadError('no_text_layer', NO_TEXT_LAYER);
    return layOut(dropRunningLines(pages, heights));
  } finally {
    await document.destroy();
  }
}

/** Runs whose baselines are within half a character of each other share a line; lines top to bottom. */
function linesOf(runs: Run[], page: number): Line[] {
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const run of runs) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(run.y - line.y) <= Math.min(run.size, line.size) * 0.5) line.segments.push(run);
    else lines.push({ y: run.y, size: run.size, segments: [run], page });
  }
  for (const line of lines) line.segments = mergeClose(line.segments.sort((a, b) => a.x - b.x));
  return lines;
}

/** Runs closer than about one character are one segment of text; wider gaps separate cells or columns. */
function mergeClose(runs: readonly Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    const gap = last ? run.x - (last.x + last.width) : Infinity;
    if (last && gap < run.size * 0.5) {
      const joiner =
        gap > run.size * 0.2 && /[A-Za-z0-9]$/.test(last.text) && /^[A-Za-z0-9]/.test(run.text) ? ' ' : '';
      last.text += joiner + run.text;
      last.width = run.x + run.width - last.x;
    } else {
      merged.push({ ...run });
    }
  }
  return merged;
}

const PAGE_NUMBER =
  /^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d{1,4}\s*页(?:\s*[,/，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/i;
/** Top and bottom share of the page where running headers and footers live. */
const MARGIN_SHARE = 0.1;

/**
 * Page numbers in the margins, and margin lines that come back on most pages (with their
 * numbers blanked: `第3页` = `第4页`), are furniture, not plan text.
 */
function dropRunningLines(pages: readonly Line[][], heights: readonly number[]): Line[][] {
  const inMargin = (line: Line, page: number) =>
    line.y < heights[page] * MARGIN_SHARE || line.y > heights[page] * (1 - MARGIN_SHARE);
  // The size is part of the key: page 1's title often repeats the running header's words, larger.
  const key = (line: Line) =>
    `${Math.round(line.size)}|${line.segments
      .map((run) => run.text)
      .join(' ')
      .replace(/\d+/g, '#')
      .replace(/\s+/g, '')}`;
  const seen = new Map<string, number>();
  pages.forEach((lines, page) => {
    const keys = new Set(lines.filter((line) => inMargin(line, page)).map(key));
    for (const value of keys) seen.set(value, (seen.get(value) ?? 0) + 1);
  });
  const repeatedFrom = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines, page) =>
    lines.filter((line) => {
      if (!inMargin(line, page)) return true;
      const text = line.segments
        .map((run) => run.text)
        .join(' ')
        .trim();
      return !PAGE_NUMBER.test(text) && (pages.length < 2 || (seen.get(key(line)) ?? 0) < repeatedFrom);
    }),
  );
}

/** Where a table's columns start (from its cells' left edges) and which header column each is. */
interface TableColumns {
  /** Left edges of the cell text, ascending, with the header column each belongs to. */
  edges: { x: number; column: number }[];
  width: number;
  left: number;
  count: number;
}

interface OpenTable {
  columns: TableColumns;
  rows: string[][];
  lastY: number;
  lastPage: number;
  /** Baseline distance of a wrapped line; more space than this between lines starts a new row. */
  pitch: number;
}

/** The text, page after page: tables as rows, other lines in columns and joined into paragraphs. */
function layOut(pages: readonly Line[][]): string {
  const out: string[] = [];
  let table: OpenTable | undefined;
  let text: Line[] = [];
  const flushText = () => {
    for (const column of columnsOf(text)) out.push(...joinWrappedLines(column));
    text = [];
  };
  const flushTable = () => {
    if (table)
      for (const row of table.rows)
        if (row.some((cell) => cell.length > 0)) out.push(row.join(CELL_SEPARATOR));
    table = undefined;
  };
  for (const lines of pages) {
    for (const [position, line] of lines.entries()) {
      const header = tableHeader(line, lines, position + 1);
      if (header) {
        flushText();
        flushTable();
        const rows = [line.segments.map((run) => run.text.trim())];
        table = { columns: header, rows, lastY: line.y, lastPage: line.page, pitch: line.size * 1.75 };
        continue;
      }
      const cells = table ? cellsOf(line, table.columns) : undefined;
      if (!table || !cells) {
        flushTable();
        text.push(line);
        continue;
      }
      // A new row starts where the index column has text, or after more space than a wrapped line leaves.
      const gap = line.page === table.lastPage ? line.y - table.lastY : 0;
      if (cells[0].length > 0 || gap > table.pitch || table.rows.length === 1) table.rows.push(cells);
      else {
        const row = table.rows[table.rows.length - 1];
        cells.forEach((cell, column) => {
          if (cell.length > 0) row[column] = `${row[column] ?? ''}${cell}`;
        });
      }
      table.lastY = line.y;
      table.lastPage = line.page;
    }
    flushText();
  }
  flushTable();
  return out.join('\n');
}

/** Two-segment lines whose gaps line up down the page form two columns. */
function columnsOf(lines: readonly Line[]): Line[][] {
  const split = lines.filter((line) => line.segments.length === 2);
  if (split.length < 3 || split.length < lines.length * 0.6) return [[...lines]];
  const gutter = Math.max(...split.map((line) => line.segments[0].x + line.segments[0].width));
  const rightStart = Math.min(...split.map((line) => line.segments[1].x));
  if (rightStart <= gutter) return [[...lines]];
  const left: Line[] = [];
  const right: Line[] = [];
  for (const line of lines) {
    const leftRuns = line.segments.filter((run) => run.x < rightStart);
    const rightRuns = line.segments.filter((run) => run.x >= rightStart);
    if (leftRuns.length > 0) left.push({ ...line, segments: leftRuns });
    if (rightRuns.length > 0) right.push({ ...line, segments: rightRuns });
  }
  return [left, right];
}

/**
 * A line naming a task column and a unit or deadline column, each in its own segment. Headers are
 * often centred over their columns while the cells are left-aligned, so the columns are read from
 * the lines below: the left edges that cells share, each given to the header it sits under.
 */
function tableHeader(line: Line, lines: readonly Line[], from: number): TableColumns | undefined {
  if (line.segments.length < 3) return undefined;
  const roles = line.segments.map((run) => columnRole(run.text));
  const hasTask = roles.includes('task');
  const hasUnits = roles.some(
    (role) => role === 'lead' || role === 'support' || role === 'responsible' || role === 'deadline',
  );
  if (!hasTask || !hasUnits || roles.filter((role) => role !== undefined).length < 3) return undefined;
  const last = line.segments[line.segments.length - 1];
  const left = line.segments[0].x;
  const width = last.x + last.width - left;
  const centres = line.segments.map((run) => run.x + run.width / 2);
  const cells: Run[] = [];
  for (let position = from; position < lines.length; position += 1) {
    const next = lines[position];
    if (next.segments.some((run) => run.width > width * 0.6 || run.x < left - next.size * 3)) break;
    cells.push(...next.segments);
  }
  // Cells of one column share a left edge; the widest cell on it says which header it is under.
  const clusters: Run[][] = [];
  for (const run of [...cells].sort((a, b) => a.x - b.x)) {
    const cluster = clusters[clusters.length - 1];
    if (cluster && run.x - cluster[0].x < run.size * 0.5) cluster.push(run);
    else clusters.push([run]);
  }
  const edges = clusters.map((cluster, index) => {
    const widest = cluster.reduce((best, run) => (run.width > best.width ? run : best));
    const room = (clusters[index + 1]?.[0].x ?? widest.x + widest.width) - widest.x;
    return { x: cluster[0].x, column: nearestIndex(centres, widest.x + Math.min(widest.width, room) / 2) };
  });
  for (const [column, run] of line.segments.entries()) {
    if (!edges.some((edge) => edge.column === column)) edges.push({ x: run.x, column });
  }
  edges.sort((a, b) => a.x - b.x);
  return { edges, width, left, count: line.segments.length };
}

function nearestIndex(values: readonly number[], target: number): number {
  let best = 0;
  values.forEach((value, index) => {
    if (Math.abs(value - target) < Math.abs(values[best] - target)) best = index;
  });
  return best;
}

/** Each segment goes to the column of the last cell edge at or left of it; running text ends the table. */
function cellsOf(line: Line, columns: TableColumns): string[] | undefined {
  const cells = Array.from({ length: columns.count }, () => '');
  const tolerance = line.size * 0.5;
  for (const run of line.segments) {
    if (run.width > columns.width * 0.6 || run.x < columns.left - line.size * 3) return undefined;
    let column = columns.edges[0]?.column ?? 0;
    for (const edge of columns.edges) if (run.x >= edge.x - tolerance) column = edge.column;
    cells[column] += run.text.trim();
  }
  return cells;
}

const PARAGRAPH_END = /[。！？:;)）”]$/;

/**
 * Lines wrapped inside a paragraph are joined: a line that reaches (nearly) the right edge of its
 * block continues on the next, unless the next is indented (a new paragraph's first line).
 */
function joinWrappedLines(lines: readonly Line[]): string[] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((line) => line.segments[0].x));
  const right = Math.max(...lines.map((line) => lastEnd(line)));
  const out: string[] = [];
  let current = '';
  let previous: Line | undefined;
  for (const line of lines) {
    const text = line.segments
      .map((run) => run.text)
      .join(' ')
      .trim();
    const indented = line.segments[0].x > left + line.size * 1.2;
    const continues =
      previous !== undefined &&
      previous.page === line.page &&
      lastEnd(previous) >= right - previous.size * 2 &&
      !PARAGRAPH_END.test(current) &&
      !indented &&
      line.y - previous.y < line.size * 2.2;
    if (continues) current += text;
    else {
      if (current.length > 0) out.push(current);
      current = text;
    }
    previous = line;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function lastEnd(line: Line): number {
  const last = line.segments[line.segments.length - 1];
  return last.x + last.width;
}
