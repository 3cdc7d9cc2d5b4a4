import { randomBytes } from 'node:crypto';
import * as iconv from 'iconv-lite';
import { decodePlanText, PlanDecodeError } from './decode-plan-text';

const SAMPLE =
  '北部灣城市群建設“十四五”實施方案\n(五)强化空间分区管控。(广西壮族自治区、广东省,自然资源部)\n';

function refusal(bytes: Buffer): PlanDecodeError {
  try {
    decodePlanText(bytes);
  } catch (error) {
    if (error instanceof PlanDecodeError) return error;
    throw error;
  }
  throw new Error('expected a PlanDecodeError');
}

describe('decodePlanText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodePlanText(Buffer.from(SAMPLE, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    expect(decodePlanText(withBom)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads GB18030 and GBK', () => {
    expect(decodePlanText(iconv.encode(SAMPLE, 'gb18030'))).toEqual({ text: SAMPLE, encoding: 'gb18030' });
    const simplified = '北部湾城市群建设实施方案\n(五)强化空间分区管控。(广西壮族自治区,自然资源部)';
    expect(decodePlanText(iconv.encode(simplified, 'gbk'))).toEqual({
      text: simplified,
      encoding: 'gb18030',
    });
  });

  it('accepts plain ASCII and empty input as UTF-8', () => {
    expect(decodePlanText(Buffer.from('plan\n'))).toEqual({ text: 'plan\n', encoding: 'utf-8' });
    expect(decodePlanText(Buffer.alloc(0))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('reads UTF-16 (Notepad\'s "Unicode") with a BOM in either byte order, and without one when it is recognisable', () => {
    const littleEndian = Buffer.from(SAMPLE, 'utf16le');
    const bigEndian = Buffer.from(SAMPLE, 'utf16le').swap16();
    expect(decodePlanText(Buffer.concat([Buffer.from([0xff, 0xfe]), littleEndian]))).toEqual({
      text: SAMPLE,
      encoding: 'utf-16le',
    });
    expect(decodePlanText(Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]))).toEqual({
      text: SAMPLE,
      encoding: 'utf-16be',
    });
    expect(decodePlanText(littleEndian)).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
    expect(decodePlanText(bigEndian)).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
    const onlyIdeographs = '北部湾城市群建设实施方案强化空间分区管控保护一湾打造两轴做强一核一圈提升两极';
    expect(decodePlanText(Buffer.from(onlyIdeographs, 'utf16le'))).toEqual({
      text: onlyIdeographs,
      encoding: 'utf-16le',
    });
  });

  it('refuses bytes with a UTF-16 BOM that do not decode as UTF-16', () => {
    const broken = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(new Uint16Array(40).fill(0xdc00).buffer),
    ]);
    expect(refusal(broken)).toMatchObject({ reason: 'utf-16', message: expect.stringContaining('UTF-16') });
  });

  it('refuses binary files: NUL bytes, control characters, random bytes', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(refusal(png)).toMatchObject({ name: 'PlanDecodeError', reason: 'binary' });
    expect(refusal(Buffer.from('plan\x01\x02\x03\x04 text', 'latin1')).reason).toBe('binary');
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const bytes = randomBytes(4096);
      expect(refusal(bytes)).toBeInstanceOf(PlanDecodeError);
    }
  });

  it('explains refusals in Chinese and English', () => {
    const message = refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 0x08, 2, 0, 3, 0, 4])).message;
    expect(message).toMatch(/另存为 UTF-8/);
    expect(message).toMatch(/binary/);
  });
});
