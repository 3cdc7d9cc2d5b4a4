import * as iconv from 'iconv-lite';

export type PlanTextEncoding = 'utf-8' | 'gb18030';

export interface DecodedPlanText {
  text: string;
  encoding: PlanTextEncoding;
}

/** The uploaded bytes are not a plan text we can read; the message tells the person what to do. */
export class PlanDecodeError extends Error {
  constructor(
    message: string,
    readonly reason: 'binary' | 'utf-16' | 'unknown-encoding',
  ) {
    super(message);
    this.name = 'PlanDecodeError';
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const SAVE_AS_HINT = '请将文件另存为 UTF-8 或 GB18030/GBK 编码的纯文本（.txt）后重新上传。';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an uploaded plan: UTF-8 (with or without BOM) or GB18030/GBK. Everything else —
 * binary files, UTF-16, text in an encoding that decodes into noise — is refused with a
 * `PlanDecodeError` rather than turned into garbage tasks.
 */
export function decodePlanText(buf: Buffer | Uint8Array): DecodedPlanText {
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (hasUtf16Bom(bytes) || hasAlternatingNulBytes(bytes)) throw utf16Error();
  if (bytes.includes(0)) {
    throw new PlanDecodeError(
      `文件包含空字节（NUL），像是二进制文件（如 Word、PDF、图片）而不是纯文本。${SAVE_AS_HINT} (The file contains NUL bytes; it looks binary, not plain text.)`,
      'binary',
    );
  }
  const hasBom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
  const body = hasBom ? bytes.subarray(UTF8_BOM.length) : bytes;
  const utf8 = decodeStrictUtf8(body);
  if (utf8 !== undefined) {
    refuseIfBinary(utf8);
    return { text: utf8, encoding: 'utf-8' };
  }
  if (looksLikeBomlessCjkUtf16(body)) throw utf16Error();
  const gb = iconv.decode(body, 'gb18030');
  if (countMatches(gb, isReplacementOrPrivateUse) > Math.max(2, gb.length * 0.01)) {
    throw new PlanDecodeError(
      `文件既不是有效的 UTF-8，也不像 GB18030/GBK 编码的中文文本。${SAVE_AS_HINT} (The file is neither valid UTF-8 nor GB18030/GBK Chinese text.)`,
      'unknown-encoding',
    );
  }
  refuseIfBinary(gb);
  return { text: gb, encoding: 'gb18030' };
}

function decodeStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function refuseIfBinary(text: string): void {
  if (countMatches(text, isControlCharacter) > Math.max(2, text.length * 0.001)) {
    throw new PlanDecodeError(
      `文件包含大量控制字符，像是二进制文件而不是纯文本。${SAVE_AS_HINT} (The file contains many control characters; it looks binary, not plain text.)`,
      'binary',
    );
  }
}

function utf16Error(): PlanDecodeError {
  return new PlanDecodeError(
    `文件看起来是 UTF-16 编码，无法按计划文本读取。${SAVE_AS_HINT} (The file looks like UTF-16; save it as UTF-8 and upload again.)`,
    'utf-16',
  );
}

function hasUtf16Bom(bytes: Buffer): boolean {
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

/** ASCII and line breaks in UTF-16 put NULs on one side of the byte pairs only; binary files scatter them. */
function hasAlternatingNulBytes(bytes: Buffer): boolean {
  const pairs = Math.floor(bytes.length / 2);
  if (pairs === 0) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < pairs; index += 1) {
    if (bytes[2 * index] === 0) evenNuls += 1;
    if (bytes[2 * index + 1] === 0) oddNuls += 1;
  }
  const [more, fewer] = evenNuls > oddNuls ? [evenNuls, oddNuls] : [oddNuls, evenNuls];
  return more >= 2 && fewer <= more * 0.05;
}

/**
 * UTF-16 made only of CJK characters has no NUL bytes; read in pairs, nearly every unit then lands
 * in the ideograph or CJK punctuation blocks, which GBK or garbled UTF-8 bytes almost never do.
 */
function looksLikeBomlessCjkUtf16(bytes: Uint8Array): boolean {
  const pairs = Math.min(Math.floor(bytes.length / 2), 4096);
  if (bytes.length % 2 !== 0 || pairs < 16) return false;
  let littleEndian = 0;
  let bigEndian = 0;
  for (let index = 0; index < pairs; index += 1) {
    const first = bytes[2 * index];
    const second = bytes[2 * index + 1];
    if (isCjkUtf16Unit((second << 8) | first)) littleEndian += 1;
    if (isCjkUtf16Unit((first << 8) | second)) bigEndian += 1;
  }
  return Math.max(littleEndian, bigEndian) > pairs * 0.9;
}

function isCjkUtf16Unit(unit: number): boolean {
  return (
    (unit >= 0x3000 && unit <= 0x303f) ||
    (unit >= 0x4e00 && unit <= 0x9fff) ||
    (unit >= 0xff00 && unit <= 0xffef)
  );
}

function isControlCharacter(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f;
}

function isReplacementOrPrivateUse(code: number): boolean {
  return code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff);
}

function countMatches(text: string, predicate: (code: number) => boolean): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (predicate(text.charCodeAt(index))) count += 1;
  }
  return count;
}
