import { Converter } from 'opencc-js';

// Building the converter loads its dictionaries (several ms), so it is done once per process.
// opencc-js's bundled types lose the converter's signature under nodenext resolution.
const toSimplified: (text: string) => string = Converter({ from: 't', to: 'cn' });

const WIDTH_MAP: Readonly<Record<string, string>> = {
  '（': '(',
  '）': ')',
  '﹙': '(',
  '﹚': ')',
  '，': ',',
  '﹐': ',',
  '：': ':',
  '﹕': ':',
  '；': ';',
  '﹔': ';',
  '％': '%',
  '．': '.',
  '／': '/',
  '＋': '+',
  '＝': '=',
  '＜': '<',
  '＞': '>',
  '\u3000': ' ',
  '\u00a0': ' ',
  '\u2028': ' ',
  '\u2029': ' ',
};
const WIDTH_PATTERN = /[（）﹙﹚，﹐：﹕；﹔％．／＋＝＜＞\u3000\u00a0\u2028\u2029]/g;
/**
 * PDF fonts often map glyphs to Kangxi radicals (⼯ U+2F2F for 工) or to the simplified radical
 * forms (⻔ U+2ED4 for 门); text copied out of them looks right and matches nothing.
 */
const KANGXI_RADICAL = /[\u2f00-\u2fdf]/g;
const SIMPLIFIED_RADICALS: Readonly<Record<string, string>> = {
  '\u2ea0': '民',
  '\u2ec4': '西',
  '\u2ec5': '见',
  '\u2ec6': '角',
  '\u2ec8': '讠',
  '\u2ec9': '贝',
  '\u2ecb': '车',
  '\u2ed0': '钅',
  '\u2ed3': '长',
  '\u2ed4': '门',
  '\u2ed8': '青',
  '\u2eda': '页',
  '\u2edb': '风',
  '\u2edc': '飞',
  '\u2edd': '食',
  '\u2ee0': '饣',
  '\u2ee2': '马',
  '\u2ee3': '骨',
  '\u2ee4': '鬼',
  '\u2ee5': '鱼',
  '\u2ee6': '鸟',
  '\u2ee7': '卤',
  '\u2ee8': '麦',
  '\u2ee9': '黄',
  '\u2eea': '黾',
  '\u2eec': '齐',
  '\u2eee': '齿',
  '\u2ef0': '龙',
  '\u2ef3': '龟',
};
const SIMPLIFIED_RADICAL = new RegExp(`[${Object.keys(SIMPLIFIED_RADICALS).join('')}]`, 'g');
const RADICAL = /[\u2e80-\u2fdf]/g;
/** Table cells are kept apart by tabs (see `tables.ts`); the spaces around them are noise. */
const SPACED_TAB = / *\t */g;
const FULL_WIDTH_ALPHANUMERIC = /[０-９Ａ-Ｚａ-ｚ]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const HTML_TAG = /<\/?(?:p|br|div|span|strong|b|i|em|font|section|td|tr)\b[^<>\n]{0,200}>/gi;
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&ldquo;': '“',
  '&rdquo;': '”',
  '&mdash;': '—',
};
const HTML_ENTITY = /&(?:nbsp|amp|lt|gt|quot|ldquo|rdquo|mdash);/g;

/**
 * Web converters annotate characters with their pinyin in brackets (`建設(shè)`). A gloss is a
 * single lower-case pinyin syllable right after a CJK character; anything else in brackets —
 * `(5G)`, `(PM2.5)`, `(RCEP)`, `(湛江)` — is real text and stays.
 */
const BRACKETED_LATIN_AFTER_CJK =
  /(?<=[\u3400-\u9fff\uf900-\ufaff])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})\)/g;
const PINYIN_SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aāáǎàoōóǒòeēéěèiīíǐìuūúǔùüǖǘǚǜ]{1,3}(?:ng|n|r)?$|^(?:[ńňǹḿ]|ng)$/;

const SPACE_RUN = / {2,}/g;
const LINE_BREAK = /\r\n?/g;

/**
 * Character-level clean-up of a whole plan text. Line breaks are preserved one for one, so line
 * numbers still point into the original text.
 */
export function normalizeCharacters(text: string): string {
  const cleaned = text
    .replace(LINE_BREAK, '\n')
    .replace(INVISIBLE, '')
    .replace(WIDTH_PATTERN, (char) => WIDTH_MAP[char] ?? char)
    .replace(RADICAL, foldRadicals)
    .replace(FULL_WIDTH_ALPHANUMERIC, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(HTML_TAG, '')
    .replace(HTML_ENTITY, (entity) => HTML_ENTITIES[entity] ?? entity)
    .replace(BRACKETED_LATIN_AFTER_CJK, (gloss, letters: string) =>
      PINYIN_SYLLABLE.test(letters) ? '' : gloss,
    );
  return toSimplified(cleaned)
    .replace(SPACE_RUN, ' ')
    .replace(SPACED_TAB, '\t')
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      // A table row keeps its leading and trailing tabs: they are its empty first and last cells.
      return trimmed.includes('\t') ? line.replace(/^ +| +$/g, '') : trimmed;
    })
    .join('\n');
}

/** Radical code points a PDF font put in place of the ideographs they look like. */
export function foldRadicals(text: string): string {
  return text
    .replace(KANGXI_RADICAL, (char) => char.normalize('NFKC'))
    .replace(SIMPLIFIED_RADICAL, (char) => SIMPLIFIED_RADICALS[char] ?? char);
}

/** Converts traditional characters to simplified (mainland forms). */
export function toSimplifiedChinese(text: string): string {
  return toSimplified(text);
}

/**
 * Spans that are visibly broken: runs of `?` left by a lossy conversion, `?` glued to leftover
 * pinyin or punctuation it cannot precede, replacement characters, private-use code points and
 * box-drawing debris from mojibake. A single `?` before a character may be a real question mark.
 */
const GARBLED = /\?{2,}|\?(?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü;/])|[\ufffd\ue000-\uf8ff\u2500-\u257f]/g;

export interface GarbledSpan {
  index: number;
  excerpt: string;
}

export function findGarbledSpans(line: string): GarbledSpan[] {
  const spans: GarbledSpan[] = [];
  let lastEnd = -1;
  for (const match of line.matchAll(GARBLED)) {
    const index = match.index ?? 0;
    const end = index + match[0].length;
    if (index <= lastEnd + 4 && spans.length > 0) {
      const previous = spans[spans.length - 1];
      const start = Math.max(0, previous.index - 4);
      previous.excerpt = line.slice(start, Math.min(line.length, end + 4));
    } else {
      spans.push({ index, excerpt: line.slice(Math.max(0, index - 4), Math.min(line.length, end + 4)) });
    }
    lastEnd = end;
  }
  return spans;
}
