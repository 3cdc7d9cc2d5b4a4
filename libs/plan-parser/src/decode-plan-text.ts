import * as iconv from 'iconv-lite';
import { PlanReadError } from './readers/plan-read-error';

export type PlanTextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedPlanText {
  text: string;
  encoding: PlanTextEncoding;
}

/** The uploaded bytes are not a plan text we can read; the message tells the person what to do. */
export class PlanDecodeError extends PlanReadError {
  constructor(
    message: string,
    readonly reason: 'binary' | 'utf-16' | 'unknown-encoding',
  ) {
    super('undecodable_text', message);
    this.name = 'PlanDecodeError';
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const SAVE_AS_HINT = '请将文件另存为 UTF-8、GB18030/GBK 或 UTF-16 编码的纯文本（.txt）后重新上传。';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an uploaded plan: UTF-8 (with or without BOM), UTF-16 (Notepad's "Unicode", with a BOM,
 * or recognisably without one) or GB18030/GBK. Everything else — binary files, text in an
 * encoding that decodes into noise — is refused with a `PlanDecodeError` rather than turned into
 * garbage tasks.
 */
export function decodePlanText(buf: Buffer | Uint8Array): DecodedPlanText {
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const utf16 = utf16Order(bytes);
  if (utf16) return decodeUtf16(bytes, utf16);
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
  const bomlessCjk = bomlessCjkUtf16Order(body);
  if (bomlessCjk) return decodeUtf16(body, bomlessCjk);
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

type Utf16Order = 'utf-16le' | 'utf-16be';

function decodeUtf16(bytes: Buffer, order: Utf16Order): DecodedPlanText {
  const hasBom =
    bytes.length >= 2 && (bytes[0] === 0xff || bytes[0] === 0xfe) && (bytes[1] === 0xfe || bytes[1] === 0xff);
  const body = hasBom ? bytes.subarray(2) : bytes;
  const even = body.subarray(0, body.length - (body.length % 2));
  const text =
    order === 'utf-16le' ? even.toString('utf16le') : Buffer.from(even).swap16().toString('utf16le');
  if (countMatches(text, isLoneSurrogate) > Math.max(2, text.length * 0.01)) {
    throw new PlanDecodeError(
      `文件像是 UTF-16 编码，但内容无法按 UTF-16 解码。${SAVE_AS_HINT} (The file looks like UTF-16 but does not decode as UTF-16.)`,
      'utf-16',
    );
  }
  refuseIfBinary(text);
  return { text, encoding: order };
}

/** A BOM says it; without one, ASCII and line breaks put NULs on one side of the byte pairs only (binary files scatter them). */
function utf16Order(bytes: Buffer): Utf16Order | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(bytes.length / 2);
  // Most uploads have no NUL at all; finding that out natively spares the byte-pair count.
  if (pairs === 0 || !bytes.includes(0)) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < pairs; index += 1) {
    if (bytes[2 * index] === 0) evenNuls += 1;
    if (bytes[2 * index + 1] === 0) oddNuls += 1;
  }
  const [more, fewer] = evenNuls > oddNuls ? [evenNuls, oddNuls] : [oddNuls, evenNuls];
  if (more < 2 || fewer > more * 0.05) return undefined;
  return likelierOrder(bytes);
}

/**
 * Which byte order reads as text: NULs alone mislead (一 is U+4E00, a NUL on the other side from
 * ASCII's), so each reading is scored by how much of it is ideographs, ASCII and CJK punctuation.
 */
function likelierOrder(bytes: Uint8Array): Utf16Order {
  const { littleEndian, bigEndian } = countUnits(bytes, isTextUnit);
  return littleEndian >= bigEndian ? 'utf-16le' : 'utf-16be';
}

/** How many of the first 4096 byte pairs, read either way round, are units `test` accepts. */
function countUnits(
  bytes: Uint8Array,
  test: (unit: number) => boolean,
): { littleEndian: number; bigEndian: number; pairs: number } {
  const pairs = Math.min(Math.floor(bytes.length / 2), 4096);
  let littleEndian = 0;
  let bigEndian = 0;
  for (let index = 0; index < pairs; index += 1) {
    const first = bytes[2 * index];
    const second = bytes[2 * index + 1];
    if (test((second << 8) | first)) littleEndian += 1;
    if (test((first << 8) | second)) bigEndian += 1;
  }
  return { littleEndian, bigEndian, pairs };
}

function isTextUnit(unit: number): boolean {
  return unit === 0x0a || unit === 0x0d || (unit >= 0x20 && unit < 0x7f) || isCjkUtf16Unit(unit);
}

function isLoneSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/**
 * UTF-16 made only of CJK characters has no NUL bytes; read in pairs, nearly every unit then lands
 * in the ideograph or CJK punctuation blocks, which GBK or garbled UTF-8 bytes almost never do.
 */
function bomlessCjkUtf16Order(bytes: Uint8Array): Utf16Order | undefined {
  if (bytes.length % 2 !== 0 || bytes.length < 32) return undefined;
  const { littleEndian, bigEndian, pairs } = countUnits(bytes, isCjkUtf16Unit);
  if (Math.max(littleEndian, bigEndian) <= pairs * 0.9) return undefined;
  return likelierOrder(bytes);
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
