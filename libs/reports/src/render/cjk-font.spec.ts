import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCjkFonts } from './cjk-font';

describe('loadCjkFonts', () => {
  it('loads the packaged Noto Sans SC regular and bold faces as OpenType fonts', () => {
    const fonts = loadCjkFonts({});
    for (const face of [fonts.regular, fonts.bold]) {
      expect(face.data.subarray(0, 4).toString('latin1')).toBe('OTTO');
      expect(face.data.length).toBeGreaterThan(1_000_000);
    }
    expect(fonts.bold.data.equals(fonts.regular.data)).toBe(false);
  });

  it('uses XIETONG_CJK_FONT and its family for both faces', () => {
    const path = join(__dirname, 'cjk-font.ts');
    const fonts = loadCjkFonts({ XIETONG_CJK_FONT: path, XIETONG_CJK_FONT_FAMILY: 'NotoSansCJKsc-Regular' });
    expect(fonts.regular).toEqual({ data: readFileSync(path), family: 'NotoSansCJKsc-Regular' });
    expect(fonts.bold).toBe(fonts.regular);
  });

  it('names the missing file and where it came from', () => {
    expect(() => loadCjkFonts({ XIETONG_CJK_FONT: '/nonexistent/font.ttf' })).toThrow(
      'The PDF needs a Chinese font, but /nonexistent/font.ttf (XIETONG_CJK_FONT) does not exist.',
    );
  });
});
