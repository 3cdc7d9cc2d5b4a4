import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter } from 'opencc-js';
import type { OrganizationDictionaryEntry } from '../../libs/plan-parser/src/organization-dictionary';
import { CENTRAL_BODIES, ORGANIZATION_DICTIONARY, PROVINCES } from './index';

// opencc-js's bundled types lose the converter's signature under nodenext resolution.
const toSimplified: (text: string) => string = Converter({ from: 't', to: 'cn' });

function writtenForms(entry: OrganizationDictionaryEntry): string[] {
  return [entry.name, ...entry.shortNames, ...entry.aliases];
}

/** Every written form → the codes of the entries that claim it; a sound dictionary has one code per form. */
function formIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const entry of ORGANIZATION_DICTIONARY) {
    for (const form of new Set(writtenForms(entry))) {
      index.set(form, [...(index.get(form) ?? []), entry.code]);
    }
  }
  return index;
}

function resolve(written: string): OrganizationDictionaryEntry[] {
  return ORGANIZATION_DICTIONARY.filter((entry) => writtenForms(entry).includes(written));
}

/**
 * The central bodies named in the lead-unit lists of tasks (五)–(三十二) of the Beibu Gulf plan,
 * as written there after t→cn conversion and stripping the pinyin glosses. Most are the NDRC short
 * forms (国家发展改革委, 住房城乡建设部, 人力资源社会保障部, 国家卫生健康委, 市场监管总局, 国家林草局,
 * 国家医保局, 国家粮食和储备局); a few are less obvious and are why the list is pinned here:
 * 应急部 (not 应急管理部), 国家移民局 (not 国家移民管理局), 中国民航局 (not 民航局), 人民银行,
 * 中国国家铁路集团有限公司 (the full name, not 国铁集团), 中央政法委, 中央网信办, 中国海警局, and the
 * historic 国家乡村振兴局. (九) names only the three provinces, and the lists of (十四), (十六),
 * (二十二) and (三十一) sit in a second paragraph because the page breaks the task mid-sentence.
 */
const BEIBU_GULF_CENTRAL_LEAD_UNITS = [
  '国家发展改革委',
  '自然资源部',
  '农业农村部',
  '生态环境部',
  '住房城乡建设部',
  '国家乡村振兴局',
  '交通运输部',
  '水利部',
  '国家铁路局',
  '中国国家铁路集团有限公司',
  '中国民航局',
  '工业和信息化部',
  '中央网信办',
  '科技部',
  '教育部',
  '市场监管总局',
  '国家林草局',
  '国家能源局',
  '财政部',
  '国家统计局',
  '外交部',
  '商务部',
  '海关总署',
  '人民银行',
  '人力资源社会保障部',
  '文化和旅游部',
  '国家文物局',
  '公安部',
  '民政部',
  '国家卫生健康委',
  '国家医保局',
  '国家移民局',
  '中国海警局',
  '国家粮食和储备局',
  '中央政法委',
  '应急部',
  '中国气象局',
  '中国地震局',
] as const;

const BEIBU_GULF_LEAD_PROVINCES = { 广西壮族自治区: 'GX', 广东省: 'GD', 海南省: 'HI' } as const;

/**
 * Reads the lead-unit lists out of the dirty web copy of the plan, so the pinned list above cannot
 * drift from the file unnoticed: t→cn, drop pinyin glosses such as 設(shè), then take the last
 * parenthesised list of each numbered task, wherever the page broke the task into paragraphs.
 */
function leadUnitsInPlanFile(): string[] {
  const raw = readFileSync(
    join(__dirname, '..', 'plans', 'beibu-gulf-city-cluster-implementation-plan-2022.txt'),
    'utf8',
  );
  const text = toSimplified(raw.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, ''));
  const units: string[] = [];
  for (const task of text.split(/\n(?=\([一二三四五六七八九十]+\))/).slice(1)) {
    const lists = [...task.matchAll(/\(([^()]*)\)\s*(?:\n|$)/g)].map((match) => match[1]);
    const leadList = lists.at(-1);
    if (leadList === undefined || !/[部委局署行办司省区]/.test(leadList)) continue;
    units.push(...leadList.split(/[,，、]/).map((unit) => unit.trim()));
  }
  return units;
}

describe('organization dictionary', () => {
  it('lists the 34 provincial-level divisions as 23 provinces, 5 autonomous regions, 4 municipalities and 2 SARs', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.every((entry) => entry.kind === 'province')).toBe(true);
    const bySuffix = (suffix: string) => PROVINCES.filter((entry) => entry.name.endsWith(suffix)).length;
    expect(bySuffix('特别行政区')).toBe(2);
    expect(bySuffix('自治区')).toBe(5);
    expect(bySuffix('市')).toBe(4);
    expect(bySuffix('省')).toBe(23);
    expect(CENTRAL_BODIES.every((entry) => entry.kind === 'central')).toBe(true);
  });

  it('starts with the provinces, then the central bodies', () => {
    expect(ORGANIZATION_DICTIONARY).toEqual([...PROVINCES, ...CENTRAL_BODIES]);
  });

  it('gives every entry a unique ASCII code', () => {
    const codes = ORGANIZATION_DICTIONARY.map((entry) => entry.code);
    expect(codes.filter((code) => !/^[A-Z][A-Z0-9]*$/.test(code))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses the codes the demo logins rely on', () => {
    const nameOf = (code: string) => ORGANIZATION_DICTIONARY.find((entry) => entry.code === code)?.name;
    expect(nameOf('GX')).toBe('广西壮族自治区');
    expect(nameOf('GD')).toBe('广东省');
    expect(nameOf('HI')).toBe('海南省');
    expect(nameOf('NDRC')).toBe('国家发展和改革委员会');
  });

  it('maps every name, short name and alias to exactly one entry', () => {
    const collisions = [...formIndex()].filter(([, codes]) => codes.length > 1);
    expect(collisions).toEqual([]);
  });

  it('repeats no written form within an entry and leaves none empty', () => {
    for (const entry of ORGANIZATION_DICTIONARY) {
      const forms = writtenForms(entry);
      expect({ code: entry.code, forms: new Set(forms).size }).toEqual({
        code: entry.code,
        forms: forms.length,
      });
      expect(forms.filter((form) => form.trim() !== form || form === '')).toEqual([]);
    }
  });

  it('keeps one-character abbreviations and city-like names apart', () => {
    const index = formIndex();
    expect(index.get('琼')).toEqual(['HI']);
    expect(index.get('海南')).toEqual(['HI']);
    expect(index.has('南海')).toBe(false);
    expect(index.get('吉林')).toEqual(['JL']);
    expect(index.has('吉林市')).toBe(false);
    expect(index.get('桂')).toEqual(['GX']);
    expect(index.get('广西')).toEqual(['GX']);
    expect(index.get('粤')).toEqual(['GD']);
  });

  it('links every parent to an existing entry without cycles', () => {
    const byCode = new Map(ORGANIZATION_DICTIONARY.map((entry) => [entry.code, entry]));
    for (const entry of ORGANIZATION_DICTIONARY) {
      const seen = new Set([entry.code]);
      let parentCode = entry.parentCode;
      while (parentCode !== undefined) {
        expect({ child: entry.code, parentExists: byCode.has(parentCode) }).toEqual({
          child: entry.code,
          parentExists: true,
        });
        expect(seen.has(parentCode)).toBe(false);
        seen.add(parentCode);
        parentCode = byCode.get(parentCode)?.parentCode;
      }
    }
  });

  it.each([
    ['国家林草局', 'MNR'],
    ['国家铁路局', 'MOT'],
    ['民航局', 'MOT'],
    ['国家邮政局', 'MOT'],
    ['国家能源局', 'NDRC'],
    ['国家粮食和储备局', 'NDRC'],
    ['国家数据局', 'NDRC'],
    ['国家文物局', 'MCT'],
    ['国家中医药管理局', 'NHC'],
    ['国家疾控局', 'NHC'],
    ['国家移民管理局', 'MPS'],
    ['国家外汇局', 'PBC'],
    ['国家乡村振兴局', 'MARA'],
  ])('places %s under %s', (written, parentCode) => {
    expect(resolve(written).map((entry) => entry.parentCode)).toEqual([parentCode]);
  });

  it('stores every written form in simplified characters', () => {
    const notSimplified = ORGANIZATION_DICTIONARY.flatMap(writtenForms).filter(
      (form) => toSimplified(form) !== form,
    );
    expect(notSimplified).toEqual([]);
  });

  it.each([
    ['国家发展改革委', 'NDRC'],
    ['发改委', 'NDRC'],
    ['工信部', 'MIIT'],
    ['住房城乡建设部', 'MOHURD'],
    ['人力资源社会保障部', 'MOHRSS'],
    ['国务院国资委', 'SASAC'],
    ['证监会', 'CSRC'],
    ['国铁集团', 'CR'],
    ['国家电网', 'SGCC'],
    ['南方电网', 'CSG'],
    ['中宣部', 'PD'],
    ['中央编办', 'SCOPSR'],
    ['中科院', 'CAS'],
    ['气象局', 'CMA'],
  ])('resolves the short form %s to %s', (written, code) => {
    expect(resolve(written).map((entry) => entry.code)).toEqual([code]);
  });

  describe('Beibu Gulf city-cluster plan (2022)', () => {
    it('pins the 38 distinct central lead units the plan file names', () => {
      expect(BEIBU_GULF_CENTRAL_LEAD_UNITS).toHaveLength(38);
      const inFile = new Set(
        leadUnitsInPlanFile().filter(
          (unit) => !(unit in BEIBU_GULF_LEAD_PROVINCES) && !unit.startsWith('以下'),
        ),
      );
      // (九) ends its list with a note rather than a unit: "以下任务均需三省区落实,不再列出".
      inFile.delete('不再列出');
      expect([...inFile].sort()).toEqual([...BEIBU_GULF_CENTRAL_LEAD_UNITS].sort());
    });

    it.each(BEIBU_GULF_CENTRAL_LEAD_UNITS)('resolves the lead unit %s to one central body', (written) => {
      const matches = resolve(written);
      expect(matches.map((entry) => entry.kind)).toEqual(['central']);
    });

    it.each(Object.entries(BEIBU_GULF_LEAD_PROVINCES))(
      'resolves the lead province %s to %s',
      (written, code) => {
        expect(resolve(written).map((entry) => entry.code)).toEqual([code]);
      },
    );
  });
});
