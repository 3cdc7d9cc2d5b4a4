import { attachmentDisposition } from './content-disposition';

describe(attachmentDisposition.name, () => {
  it('encodes a Chinese name per RFC 5987 with an ASCII fallback', () => {
    expect(attachmentDisposition('北部湾-联合进展报告-2026-11-25.xlsx')).toBe(
      `attachment; filename="___-______-2026-11-25.xlsx"; ` +
        `filename*=UTF-8''%E5%8C%97%E9%83%A8%E6%B9%BE-%E8%81%94%E5%90%88%E8%BF%9B%E5%B1%95%E6%8A%A5%E5%91%8A-2026-11-25.xlsx`,
    );
  });

  it('escapes the characters RFC 5987 does not allow bare and keeps quotes out of the fallback', () => {
    expect(attachmentDisposition(`it's (draft) "v2"*.csv`)).toBe(
      `attachment; filename="it's (draft) _v2_*.csv"; filename*=UTF-8''it%27s%20%28draft%29%20%22v2%22%2A.csv`,
    );
  });
});
