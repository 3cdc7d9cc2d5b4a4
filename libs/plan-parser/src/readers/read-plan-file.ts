import { decodePlanText, type PlanTextEncoding } from '../decode-plan-text';
import { readDocx } from './docx';
import { readPdf } from './pdf';
import { PlanReadError } from './plan-read-error';

export type PlanFileFormat = 'txt' | 'docx' | 'pdf';

/** A file turned into plan text: what `parsePlan` reads and the importer keeps as the source. */
export interface PlanDocument {
  format: PlanFileFormat;
  /** One paragraph per line; table rows as tab-separated cells (a cell's paragraphs split by `\v`). */
  text: string;
  /** For text files: the encoding they were decoded from. */
  encoding?: PlanTextEncoding;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = '%PDF-';
/** PDF allows junk before the header; readers look for it in the first kilobyte. */
const PDF_HEADER_WINDOW = 1024;

/**
 * Reads an uploaded plan by its content — a zip is a Word document, `%PDF-` a PDF, anything else
 * text — never by its name. The name only sharpens the message when the content is not what it
 * claims (`plan.docx` that is not a Word file). Throws `PlanReadError` (or its `PlanDecodeError`)
 * with a message a person can act on.
 */
export async function readPlanFile(bytes: Uint8Array, fileName?: string): Promise<PlanDocument> {
  if (startsWith(bytes, ZIP)) return { format: 'docx', text: readDocx(bytes) };
  if (hasPdfHeader(bytes)) return { format: 'pdf', text: await readPdf(bytes) };
  if (startsWith(bytes, OLE)) {
    throw new PlanReadError(
      'unsupported_format',
      '文件是旧版 Office 格式（.doc / .xls），无法读取。请在 Word 中另存为 .docx 或导出为 PDF 后重新上传。(Legacy .doc/.xls files are not supported; save as .docx or PDF.)',
    );
  }
  const claimed = /\.(docx|pdf)$/i.exec(fileName ?? '')?.[1].toLowerCase();
  if (claimed) {
    const kind = claimed === 'docx' ? 'Word 文档（.docx）' : 'PDF';
    throw new PlanReadError(
      'unreadable_container',
      `文件名为 .${claimed}，但内容不是${kind}（文件可能已损坏或被改了扩展名）。请重新导出后上传。(The file is named .${claimed} but its content is not a ${claimed === 'docx' ? 'Word document' : 'PDF'}.)`,
    );
  }
  const decoded = decodePlanText(bytes);
  return { format: 'txt', text: decoded.text, encoding: decoded.encoding };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const window = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_HEADER_WINDOW));
  return window.includes(PDF, 0, 'latin1');
}
