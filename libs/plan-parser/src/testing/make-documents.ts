import { dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';

/**
 * Word and PDF files built from code, for the reader tests and the bench: Word through its
 * document XML zipped with fflate, PDF printed by pdfkit with the CJK font the reports embed.
 */

export interface DocxCell {
  paragraphs: string[];
  gridSpan?: number;
  vMerge?: 'restart' | 'continue';
}

export type DocxBlock =
  { paragraph: string; numbering?: { numId: number; level: number } } | { table: (string | DocxCell)[][] };

const NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function paragraphXml(text: string, numbering?: { numId: number; level: number }): string {
  const properties = numbering
    ? `<w:pPr><w:numPr><w:ilvl w:val="${numbering.level}"/><w:numId w:val="${numbering.numId}"/></w:numPr></w:pPr>`
    : '';
  // Split into runs the way Word does around formatting changes, with a soft break for `\n`.
  const runs = text
    .split('\n')
    .map((line) =>
      [...chunks(line, 7)]
        .map((part) => `<w:r><w:t xml:space="preserve">${escapeXml(part)}</w:t></w:r>`)
        .join(''),
    )
    .join('<w:r><w:br/></w:r>');
  return `<w:p>${properties}${runs}</w:p>`;
}

function* chunks(text: string, size: number): Generator<string> {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
  if (text.length === 0) yield '';
}

function cellXml(cell: string | DocxCell): string {
  const spec = typeof cell === 'string' ? { paragraphs: [cell] } : cell;
  const properties = [
    spec.gridSpan ? `<w:gridSpan w:val="${spec.gridSpan}"/>` : '',
    spec.vMerge === 'restart'
      ? '<w:vMerge w:val="restart"/>'
      : spec.vMerge === 'continue'
        ? '<w:vMerge/>'
        : '',
  ].join('');
  const paragraphs =
    spec.vMerge === 'continue' ? ['<w:p/>'] : spec.paragraphs.map((text) => paragraphXml(text));
  return `<w:tc>${properties ? `<w:tcPr>${properties}</w:tcPr>` : ''}${paragraphs.join('')}</w:tc>`;
}

export function docxFile(blocks: readonly DocxBlock[], numberingXml?: string): Uint8Array {
  const body = blocks
    .map((block) =>
      'table' in block
        ? `<w:tbl>${block.table.map((row) => `<w:tr>${row.map(cellXml).join('')}</w:tr>`).join('')}</w:tbl>`
        : paragraphXml(block.paragraph, block.numbering),
    )
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NAMESPACE}><w:body>${body}<w:sectPr/></w:body></w:document>`,
    ),
  };
  if (numberingXml) {
    files['word/numbering.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ${NAMESPACE}>${numberingXml}</w:numbering>`,
    );
  }
  return zipSync(files);
}

function cjkFontPath(): string {
  // The package's exports map hides its font folder from require.resolve; it sits beside dist/.
  return join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
}

export type PdfPainter = (document: PDFKit.PDFDocument) => void;

/** A text PDF drawn by `paint` in the CJK font (A4, 60 pt margins unless `options` say otherwise). */
export function pdfFile(paint: PdfPainter, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  const document = new PDFDocument({ size: 'A4', margin: 60, bufferPages: true, ...options });
  const chunksOut: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunksOut.push(chunk));
  const done = new Promise<Uint8Array>((resolve) =>
    document.on('end', () => resolve(new Uint8Array(Buffer.concat(chunksOut)))),
  );
  document.registerFont('cjk', cjkFontPath());
  document.font('cjk').fontSize(11);
  paint(document);
  document.end();
  return done;
}

/**
 * A bordered table whose cells wrap inside their column, as a Word table printed to PDF looks;
 * it continues on a new page when it reaches the bottom margin.
 */
export function drawTable(
  document: PDFKit.PDFDocument,
  widths: readonly number[],
  rows: readonly (readonly string[])[],
): void {
  const left = document.page.margins.left;
  const padding = 4;
  let y = document.y;
  for (const row of rows) {
    const height =
      Math.max(
        ...row.map((cell, column) => document.heightOfString(cell, { width: widths[column] - 2 * padding })),
      ) +
      2 * padding;
    if (y + height > document.page.height - document.page.margins.bottom) {
      document.addPage();
      y = document.page.margins.top;
    }
    let x = left;
    row.forEach((cell, column) => {
      document.rect(x, y, widths[column], height).stroke();
      document.text(cell, x + padding, y + padding, { width: widths[column] - 2 * padding });
      x += widths[column];
    });
    y += height;
  }
  document.x = left;
  document.y = y + 12;
}
