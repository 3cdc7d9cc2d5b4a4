import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { toChineseNumeral } from '../chinese-numerals';
import { CELL_PARAGRAPH, CELL_SEPARATOR } from '../tables';
import { PlanReadError } from './plan-read-error';

/** fast-xml-parser's ordered form: each node is `{ tag: children, ':@'?: attributes }`. */
type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';
/** A .docx whose document unpacks to more than this is refused rather than read into memory. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

const NOT_A_DOCX =
  '文件不是可读取的 Word 文档（.docx）：内容已损坏或并非 Word 格式。请在 Word 中打开并另存为 .docx 或导出为 PDF 后重新上传。(The file is not a readable Word .docx document.)';

/**
 * Plan text from a Word document: one line per paragraph; each table row one line of
 * tab-separated cells, a cell's paragraphs separated by `\v`. Merged cells are spread over the
 * grid (a vertical merge repeats its text in every row it covers, a horizontal one fills its
 * first column), and Word's automatic numbering (`1.`, `（一）`, `①` generated from
 * numbering.xml) is written out, since plans number their chapters and items that way.
 */
export function readDocx(bytes: Uint8Array): string {
  const files = unpack(bytes);
  const documentXml = files[DOCUMENT];
  if (!documentXml) {
    const isOtherOffice = Object.keys(files).length > 0;
    throw new PlanReadError(
      isOtherOffice ? 'unsupported_format' : 'unreadable_container',
      isOtherOffice
        ? '文件是 Office 压缩包，但不是 Word 文档（如 Excel、PowerPoint）。请上传 Word（.docx）、PDF 或纯文本文件。(The file is an Office package but not a Word document.)'
        : NOT_A_DOCX,
    );
  }
  const document = parseXml(documentXml);
  const numbering = files[NUMBERING] ? new Numbering(parseXml(files[NUMBERING])) : undefined;
  const body = children(find(children(find(document, 'w:document')), 'w:body'));
  const lines: string[] = [];
  new BodyWriter(lines, numbering).blocks(body);
  return lines.join('\n');
}

function unpack(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        const wanted =
          file.name === DOCUMENT ||
          file.name === NUMBERING ||
          file.name === 'xl/workbook.xml' ||
          file.name === 'ppt/presentation.xml';
        if (wanted) total += file.originalSize;
        if (total > MAX_UNPACKED_BYTES) throw new PlanReadError('unreadable_container', NOT_A_DOCX);
        return wanted;
      },
    });
  } catch (error) {
    if (error instanceof PlanReadError) throw error;
    throw new PlanReadError('unreadable_container', NOT_A_DOCX);
  }
}

function parseXml(bytes: Uint8Array): XmlNode[] {
  try {
    return parser.parse(new TextDecoder('utf-8').decode(bytes)) as XmlNode[];
  } catch {
    throw new PlanReadError('unreadable_container', NOT_A_DOCX);
  }
}

function tagOf(node: XmlNode): string {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return '';
}

function children(node: XmlNode | undefined): XmlNode[] {
  if (!node) return [];
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function find(nodes: readonly XmlNode[], tag: string): XmlNode | undefined {
  return nodes.find((node) => tagOf(node) === tag);
}

function attribute(node: XmlNode | undefined, name: string): string | undefined {
  return node?.[':@']?.[name];
}

/** Containers whose content is part of the document flow; anything else inside a paragraph or body is skipped. */
const TRANSPARENT = new Set([
  'w:r',
  'w:hyperlink',
  'w:ins',
  'w:moveTo',
  'w:smartTag',
  'w:fldSimple',
  'w:sdt',
  'w:sdtContent',
  'w:customXml',
  'w:bdo',
  'w:dir',
]);

class BodyWriter {
  constructor(
    private readonly lines: string[],
    private readonly numbering: Numbering | undefined,
  ) {}

  blocks(nodes: readonly XmlNode[]): void {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === 'w:p') this.lines.push(...this.paragraph(node).split('\n'));
      else if (tag === 'w:tbl') this.table(node);
      else if (TRANSPARENT.has(tag)) this.blocks(children(node));
    }
  }

  /** A paragraph's text with its automatic number; soft line breaks become `\n`. */
  paragraph(node: XmlNode): string {
    const content = children(node);
    const label = this.numbering?.label(find(content, 'w:pPr')) ?? '';
    return `${label}${runsText(content)}`.trim();
  }

  private table(node: XmlNode): void {
    // Text a vertical merge continues, by grid column.
    const above: string[] = [];
    for (const row of children(node).filter((child) => tagOf(child) === 'w:tr')) {
      const rowContent = children(row);
      const gridBefore = Number(
        attribute(find(children(find(rowContent, 'w:trPr')), 'w:gridBefore'), 'w:val') ?? 0,
      );
      const cells: string[] = Array.from({ length: gridBefore }, () => '');
      for (const cell of rowCells(rowContent)) {
        const properties = children(find(children(cell), 'w:tcPr'));
        const span = Math.max(1, Number(attribute(find(properties, 'w:gridSpan'), 'w:val') ?? 1) || 1);
        const merge = find(properties, 'w:vMerge');
        const column = cells.length;
        const continues = merge !== undefined && attribute(merge, 'w:val') !== 'restart';
        const text = continues ? (above[column] ?? '') : this.cellText(cell);
        above[column] = text;
        cells.push(text, ...Array.from({ length: span - 1 }, () => ''));
      }
      if (cells.some((cell) => cell.length > 0)) this.lines.push(cells.join(CELL_SEPARATOR));
    }
  }

  /** A cell's paragraphs (nested tables flattened into them), kept apart by `\v`. */
  private cellText(cell: XmlNode): string {
    const inner: string[] = [];
    new BodyWriter(inner, this.numbering).blocks(children(cell));
    return inner
      .map((line) => line.replaceAll(CELL_SEPARATOR, ' ').trim())
      .filter((line) => line.length > 0)
      .join(CELL_PARAGRAPH);
  }
}

function rowCells(rowContent: readonly XmlNode[]): XmlNode[] {
  const cells: XmlNode[] = [];
  for (const node of rowContent) {
    const tag = tagOf(node);
    if (tag === 'w:tc') cells.push(node);
    else if (TRANSPARENT.has(tag)) cells.push(...rowCells(children(node)));
  }
  return cells;
}

function runsText(nodes: readonly XmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'w:t')
      text += children(node)
        .map((part) => String(part['#text'] ?? ''))
        .join('');
    else if (tag === 'w:tab' || tag === 'w:ptab') text += ' ';
    else if (tag === 'w:br' || tag === 'w:cr') text += attribute(node, 'w:type') === 'page' ? '' : '\n';
    else if (tag === 'w:noBreakHyphen') text += '-';
    else if (TRANSPARENT.has(tag)) text += runsText(children(node));
  }
  return text;
}

interface Level {
  start: number;
  format: string;
  text: string;
}

/**
 * Word's list numbering: each paragraph names a list (`numId`) and a level; the label is the
 * level's pattern (`%1、`, `（%1）`) with each level's counter in its format. Counters belong to
 * the abstract list, so lists sharing one continue each other, and a level restarts deeper ones.
 */
class Numbering {
  private readonly abstractOf = new Map<string, string>();
  private readonly levels = new Map<string, Map<number, Level>>();
  private readonly counters = new Map<string, number[]>();

  constructor(document: readonly XmlNode[]) {
    const root = children(find(document, 'w:numbering'));
    for (const node of root) {
      const tag = tagOf(node);
      if (tag === 'w:abstractNum') {
        const levels = new Map<number, Level>();
        for (const level of children(node).filter((child) => tagOf(child) === 'w:lvl')) {
          const parts = children(level);
          levels.set(Number(attribute(level, 'w:ilvl') ?? 0), {
            start: Number(attribute(find(parts, 'w:start'), 'w:val') ?? 1),
            format: attribute(find(parts, 'w:numFmt'), 'w:val') ?? 'decimal',
            text: attribute(find(parts, 'w:lvlText'), 'w:val') ?? '',
          });
        }
        this.levels.set(attribute(node, 'w:abstractNumId') ?? '', levels);
      } else if (tag === 'w:num') {
        const abstractId = attribute(find(children(node), 'w:abstractNumId'), 'w:val');
        if (abstractId !== undefined) this.abstractOf.set(attribute(node, 'w:numId') ?? '', abstractId);
      }
    }
  }

  label(paragraphProperties: XmlNode | undefined): string {
    const numberProperties = children(find(children(paragraphProperties), 'w:numPr'));
    const numId = attribute(find(numberProperties, 'w:numId'), 'w:val');
    if (numId === undefined || numId === '0') return '';
    const abstractId = this.abstractOf.get(numId);
    const levels = abstractId === undefined ? undefined : this.levels.get(abstractId);
    const depth = Number(attribute(find(numberProperties, 'w:ilvl'), 'w:val') ?? 0);
    const level = levels?.get(depth);
    if (!abstractId || !levels || !level || level.format === 'bullet' || level.format === 'none') return '';
    const counters = this.counters.get(abstractId) ?? [];
    for (let shallower = 0; shallower < depth; shallower += 1) {
      counters[shallower] ??= levels.get(shallower)?.start ?? 1;
    }
    counters[depth] = counters[depth] === undefined ? level.start : counters[depth] + 1;
    counters.length = depth + 1;
    this.counters.set(abstractId, counters);
    return level.text.replace(/%([1-9])/g, (_, digit: string) => {
      const index = Number(digit) - 1;
      return formatNumber(counters[index] ?? 1, levels.get(index)?.format ?? 'decimal');
    });
  }
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return toChineseNumeral(value);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return [...String(value)].map((digit) => CHINESE_DIGITS[Number(digit)]).join('');
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return value >= 1 && value <= 20 ? String.fromCharCode(0x2460 + value - 1) : String(value);
    case 'decimalEnclosedParen':
      return value >= 1 && value <= 20 ? String.fromCharCode(0x2474 + value - 1) : `(${value})`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(value)].map((digit) => String.fromCharCode(0xff10 + Number(digit))).join('');
    case 'upperLetter':
      return String.fromCharCode(65 + ((value - 1) % 26));
    case 'lowerLetter':
      return String.fromCharCode(97 + ((value - 1) % 26));
    default:
      return String(value);
  }
}
