export type PlanReadErrorCode =
  /** A PDF of scanned pages: images, no text to read. */
  | 'no_text_layer'
  /** A PDF that needs a password to open. */
  | 'encrypted'
  /** Bytes that are not a readable Word (.docx) or PDF file, whatever the name says. */
  | 'unreadable_container'
  /** A .doc (Word 97–2003), .xls or other format we do not read. */
  | 'unsupported_format'
  /** Text in an encoding we cannot decode, or binary bytes. */
  | 'undecodable_text';

/**
 * The file cannot become plan text. The message says, in Chinese then English, what is wrong and
 * what the person can do; the API answers it as a 422 (415 for a format we do not read).
 */
export class PlanReadError extends Error {
  constructor(
    readonly code: PlanReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlanReadError';
  }
}
