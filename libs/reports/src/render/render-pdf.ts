import PDFDocument from 'pdfkit';
import type { JointReport } from '../joint-report';
import { reportLabels } from '../labels';
import { loadCjkFonts } from './cjk-font';
import { LIGHT_COLORS } from './format';
import { CHART_COLORS, progressChartLayout } from './render-chart-svg';
import {
  cellText,
  documentSections,
  documentTables,
  reportMetaLines,
  type ReportTable,
  type TableCell,
} from './report-tables';

const REGULAR = 'cjk-regular';
const BOLD = 'cjk-bold';
const MARGIN = 36;
const CELL_PADDING = 3;
const TABLE_FONT_SIZE = 8;
const BORDER_COLOR = '#D9D9D9';
const HEADER_FILL = '#F0F5FF';
const MUTED = '#8C8C8C';

type Doc = PDFKit.PDFDocument;

const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;
const bottom = (doc: Doc) => doc.page.height - MARGIN;

/** Starts a new page unless `height` points still fit on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

interface RowStyle {
  font: string;
  fill?: string;
}

type RowCells = Array<{ text: string; cell?: TableCell }>;

function measureRow(doc: Doc, cells: RowCells, widths: number[], font: string): number {
  doc.font(font).fontSize(TABLE_FONT_SIZE);
  const heights = cells.map(({ text }, i) =>
    doc.heightOfString(text || ' ', { width: widths[i] - 2 * CELL_PADDING }),
  );
  return Math.max(...heights) + 2 * CELL_PADDING;
}

function drawRow(doc: Doc, cells: RowCells, widths: number[], style: RowStyle): void {
  const height = measureRow(doc, cells, widths, style.font);
  const top = doc.y;
  let x = MARGIN;
  cells.forEach(({ text, cell }, i) => {
    const colors = cell?.light ? LIGHT_COLORS[cell.light] : undefined;
    const fill = colors?.fill ?? style.fill;
    if (fill) doc.rect(x, top, widths[i], height).fill(fill);
    doc.rect(x, top, widths[i], height).lineWidth(0.5).stroke(BORDER_COLOR);
    const numeric = cell?.format === 'integer' || cell?.format === 'percent';
    doc.fillColor(colors?.text ?? '#262626').text(text, x + CELL_PADDING, top + CELL_PADDING, {
      width: widths[i] - 2 * CELL_PADDING,
      align: numeric ? 'right' : 'left',
    });
    x += widths[i];
  });
  doc.x = MARGIN;
  doc.y = top + height;
}

/** Draws a table, repeating its header on every page it spans. */
function drawTable(doc: Doc, table: ReportTable, timeZone: string, emptyText: string): void {
  if (table.rows.length === 0) {
    doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(emptyText, MARGIN, doc.y);
    doc.moveDown(0.8);
    return;
  }
  const totalWeight = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = table.columns.map((column) => (column.width / totalWeight) * contentWidth(doc));
  const header: RowCells = table.columns.map((column) => ({ text: column.header }));
  const headerStyle = { font: BOLD, fill: HEADER_FILL };
  const headerHeight = measureRow(doc, header, widths, BOLD);

  ensureSpace(doc, headerHeight * 2);
  drawRow(doc, header, widths, headerStyle);
  for (const row of table.rows) {
    const cells: RowCells = row.map((cell) => ({ text: cellText(cell, timeZone), cell }));
    if (doc.y + measureRow(doc, cells, widths, REGULAR) > bottom(doc)) {
      doc.addPage();
      doc.y = MARGIN;
      drawRow(doc, header, widths, headerStyle);
    }
    drawRow(doc, cells, widths, { font: REGULAR });
  }
  if (table.note) {
    doc.moveDown(0.3).font(REGULAR).fontSize(9).fillColor(MUTED).text(table.note, MARGIN, doc.y);
  }
  doc.moveDown(0.8);
}

function heading(doc: Doc, text: string, size: number): void {
  // Keeps a heading together with the start of what follows it.
  ensureSpace(doc, size * 2 + 50);
  doc.font(BOLD).fontSize(size).fillColor('#1F1F1F').text(text, MARGIN, doc.y);
  doc.moveDown(0.3);
}

function drawChart(doc: Doc, report: JointReport): void {
  const layout = progressChartLayout(report, Math.min(640, contentWidth(doc)), doc.page.height - 2 * MARGIN);
  ensureSpace(doc, layout.height);
  const originX = MARGIN;
  const originY = doc.y;
  doc.font(BOLD).fontSize(11).fillColor(CHART_COLORS.text).text(layout.title, originX, originY);
  doc.font(REGULAR).fontSize(8);
  for (const tick of layout.ticks) {
    doc
      .moveTo(originX + tick.x, originY + layout.plotTop)
      .lineTo(originX + tick.x, originY + layout.plotBottom)
      .lineWidth(0.5)
      .stroke(CHART_COLORS.grid);
    doc
      .fillColor(CHART_COLORS.axisText)
      .text(`${tick.value}%`, originX + tick.x - 20, originY + layout.plotBottom + 4, {
        width: 40,
        align: 'center',
      });
  }
  for (const bar of layout.bars) {
    const barTop = originY + bar.y + (layout.rowHeight - layout.barHeight) / 2;
    const textTop = barTop + (layout.barHeight - 10) / 2;
    doc.rect(originX + layout.plotX, barTop, bar.barWidth, layout.barHeight).fill(CHART_COLORS.bar);
    doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor(CHART_COLORS.text)
      .text(bar.label, originX, textTop, { width: layout.plotX - 8, align: 'right', lineBreak: false })
      .text(`${Math.round(bar.value)}%`, originX + layout.plotX + bar.barWidth + 4, textTop, {
        lineBreak: false,
      });
  }
  doc.x = MARGIN;
  doc.y = originY + layout.height + 8;
}

export function renderPdf(report: JointReport): Promise<Buffer> {
  const labels = reportLabels(report.locale);
  const tables = documentTables(report);
  const fonts = loadCjkFonts();
  const title = `${report.plan.title} ${labels.reportTitle}`;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: title, Creator: 'Xietong', CreationDate: new Date(report.generatedAt) },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, fonts.regular.data, fonts.regular.family);
  doc.registerFont(BOLD, fonts.bold.data, fonts.bold.family);

  doc.font(BOLD).fontSize(18).fillColor('#1F1F1F').text(title);
  doc.moveDown(0.3);
  for (const [label, value] of reportMetaLines(report)) {
    doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor(MUTED)
      .text(`${label}: `, { continued: true })
      .fillColor('#262626')
      .text(value);
  }
  doc.moveDown(0.6);

  heading(doc, tables.headline.title, 14);
  drawTable(doc, tables.headline, report.timeZone, labels.meta.none);
  drawChart(doc, report);
  for (const section of documentSections(report, tables)) {
    heading(doc, section.title, 14);
    if (section.note) doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(section.note).moveDown(0.3);
    for (const table of section.tables) {
      if (section.tables.length > 1) heading(doc, table.title, 11);
      drawTable(doc, table, report.timeZone, labels.meta.none);
    }
  }
  doc.font(REGULAR).fontSize(8).fillColor(MUTED).text(labels.meta.footer, MARGIN, doc.y);
  doc.end();
  return done;
}
