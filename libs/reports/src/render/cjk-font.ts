import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The font the PDF embeds so Chinese renders and can be copied out. By default Noto Sans SC
 * (OTF, SIL OFL) from the npm package @embedpdf/fonts-sc, so `npm ci` is all a machine needs.
 * XIETONG_CJK_FONT points at another TTF/OTF/TTC instead (used for regular and bold);
 * XIETONG_CJK_FONT_FAMILY picks the face inside a collection, e.g.
 * /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc with NotoSansCJKsc-Regular.
 */

export const CJK_FONT_PACKAGE = '@embedpdf/fonts-sc';

export interface CjkFontSource {
  /** Font file contents; read once per process. */
  data: Buffer;
  /** Face name inside a font collection (.ttc). */
  family?: string;
}

export interface CjkFonts {
  regular: CjkFontSource;
  bold: CjkFontSource;
}

let cached: { key: string; fonts: CjkFonts } | undefined;

function packagedFontPath(file: string): string {
  // The package's exports map hides its font folder from require.resolve; it sits beside dist/.
  let entry: string;
  try {
    entry = require.resolve(CJK_FONT_PACKAGE);
  } catch {
    throw new Error(
      `The PDF needs a Chinese font: npm package ${CJK_FONT_PACKAGE} is not installed (run npm ci), ` +
        'or set XIETONG_CJK_FONT to a Simplified Chinese TTF/OTF/TTC file.',
    );
  }
  return join(dirname(entry), '..', 'fonts', file);
}

function readFont(path: string, origin: string): Buffer {
  if (!existsSync(path)) {
    throw new Error(`The PDF needs a Chinese font, but ${path} (${origin}) does not exist.`);
  }
  return readFileSync(path);
}

export function loadCjkFonts(env: NodeJS.ProcessEnv = process.env): CjkFonts {
  const override = env.XIETONG_CJK_FONT;
  const family = env.XIETONG_CJK_FONT_FAMILY || undefined;
  const key = `${override ?? ''}#${family ?? ''}`;
  if (cached?.key === key) return cached.fonts;

  let fonts: CjkFonts;
  if (override) {
    const regular = { data: readFont(override, 'XIETONG_CJK_FONT'), family };
    fonts = { regular, bold: regular };
  } else {
    const origin = `npm package ${CJK_FONT_PACKAGE}`;
    fonts = {
      regular: { data: readFont(packagedFontPath('NotoSansHans-Regular.otf'), origin) },
      bold: { data: readFont(packagedFontPath('NotoSansHans-Bold.otf'), origin) },
    };
  }
  cached = { key, fonts };
  return fonts;
}
