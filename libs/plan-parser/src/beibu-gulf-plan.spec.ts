import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { Converter } from 'opencc-js';
import { ORGANIZATION_DICTIONARY } from '../../../seeds/organizations';
import {
  assessStructure,
  decodePlanText,
  parsePlan,
  toContractJson,
  type ParsedPlan,
  type PlanTask,
} from './index';

const PLAN_PATH = join(
  __dirname,
  '../../../seeds/plans/beibu-gulf-city-cluster-implementation-plan-2022.txt',
);
const planText = readFileSync(PLAN_PATH, 'utf8');

const GX = '广西壮族自治区';
const GD = '广东省';
const HI = '海南省';

/**
 * The lead-unit table as printed in the plan (written forms, simplified), read off the document
 * by hand: tasks (五)–(三十二) each close with their list; from (九) on the note
 * “以下任务均需三省区落实,不再列出” hands all three provinces to every task.
 */
const EXPECTED_TASKS: readonly [
  code: string,
  chapter: number,
  title: string,
  provinces: string[],
  ministries: string[],
][] = [
  ['(五)', 3, '强化空间分区管控', [GX, GD, HI], ['自然资源部', '农业农村部']],
  ['(六)', 3, '保护“一湾”', [GX, GD, HI], ['自然资源部', '生态环境部', '住房城乡建设部']],
  ['(七)', 3, '打造“两轴”', [GX, GD], ['国家发展改革委']],
  ['(八)', 3, '做强“一核一圈”', [GX], ['国家发展改革委']],
  ['(九)', 3, '提升“两极”和节点城市', [GX, GD, HI], []],
  ['(十)', 3, '推进以县城为重要载体的城镇化建设', [], ['国家发展改革委', '住房城乡建设部', '国家乡村振兴局']],
  ['(十一)', 4, '打造北部湾现代化港口群', [], ['交通运输部', '国家发展改革委']],
  [
    '(十二)',
    4,
    '畅通陆海运输大通道',
    [],
    ['国家发展改革委', '交通运输部', '水利部', '国家铁路局', '中国国家铁路集团有限公司'],
  ],
  ['(十三)', 4, '完善城际综合交通网络', [], ['交通运输部', '国家铁路局', '中国国家铁路集团有限公司']],
  [
    '(十四)',
    4,
    '强化综合交通枢纽功能',
    [],
    ['国家发展改革委', '交通运输部', '国家铁路局', '中国民航局', '中国国家铁路集团有限公司'],
  ],
  ['(十五)', 5, '建设向海经济体系', [], ['国家发展改革委', '工业和信息化部', '自然资源部', '农业农村部']],
  ['(十六)', 5, '加快数字经济发展', [], ['中央网信办', '国家发展改革委', '工业和信息化部']],
  ['(十七)', 5, '高水平承接产业转移', [], ['国家发展改革委', '工业和信息化部']],
  ['(十八)', 5, '加强面向东盟科技创新合作', [], ['科技部', '国家发展改革委', '教育部', '自然资源部']],
  ['(十九)', 5, '建设统一大市场', [], ['国家发展改革委', '市场监管总局']],
  [
    '(二十)',
    6,
    '筑牢陆海一体的生态安全屏障',
    [],
    ['生态环境部', '自然资源部', '水利部', '农业农村部', '国家林草局'],
  ],
  ['(二十一)', 6, '推动环境污染联防联治', [], ['国家发展改革委', '生态环境部', '住房城乡建设部']],
  [
    '(二十二)',
    6,
    '加快绿色低碳转型',
    [],
    ['国家发展改革委', '工业和信息化部', '生态环境部', '国家能源局', '国家林草局'],
  ],
  [
    '(二十三)',
    6,
    '加快建立生态产品价值实现机制',
    [],
    ['国家发展改革委', '财政部', '自然资源部', '国家统计局'],
  ],
  [
    '(二十四)',
    7,
    '协同共建面向东盟开放合作高地',
    [],
    ['国家发展改革委', '外交部', '商务部', '海关总署', '人民银行'],
  ],
  [
    '(二十五)',
    7,
    '推进开放通道建设',
    [],
    ['中央网信办', '国家发展改革委', '交通运输部', '中国民航局', '中国国家铁路集团有限公司'],
  ],
  ['(二十六)', 7, '高标准建设开放合作平台', [], ['国家发展改革委', '商务部', '科技部', '海关总署']],
  [
    '(二十七)',
    7,
    '主动对接粤港澳大湾区建设和长江经济带发展等区域重大战略',
    [],
    ['国家发展改革委', '工业和信息化部', '教育部', '科技部'],
  ],
  [
    '(二十八)',
    8,
    '提升教育文化发展水平',
    [],
    ['国家发展改革委', '教育部', '人力资源社会保障部', '文化和旅游部', '国家文物局'],
  ],
  [
    '(二十九)',
    8,
    '提升公共服务水平',
    [],
    ['国家发展改革委', '公安部', '民政部', '财政部', '人力资源社会保障部', '国家卫生健康委', '国家医保局'],
  ],
  [
    '(三十)',
    9,
    '提升边境安全保障能力',
    [],
    [
      '公安部',
      '自然资源部',
      '生态环境部',
      '交通运输部',
      '国家发展改革委',
      '海关总署',
      '国家移民局',
      '中国海警局',
    ],
  ],
  [
    '(三十一)',
    9,
    '建设南方重要的能源资源储运基地',
    [],
    ['国家发展改革委', '自然资源部', '国家粮食和储备局', '国家能源局'],
  ],
  [
    '(三十二)',
    9,
    '强化城市群风险防控体系',
    [],
    [
      '中央政法委',
      '国家发展改革委',
      '公安部',
      '民政部',
      '自然资源部',
      '住房城乡建设部',
      '交通运输部',
      '水利部',
      '国家卫生健康委',
      '应急部',
      '中国气象局',
      '中国地震局',
    ],
  ],
];

/** Official full names of the short forms the plan uses; forms not listed are already the full name. */
const FULL_NAMES: Readonly<Record<string, string>> = {
  国家发展改革委: '国家发展和改革委员会',
  住房城乡建设部: '住房和城乡建设部',
  中国民航局: '中国民用航空局',
  中央网信办: '中央网络安全和信息化委员会办公室',
  科技部: '科学技术部',
  市场监管总局: '国家市场监督管理总局',
  国家林草局: '国家林业和草原局',
  人民银行: '中国人民银行',
  人力资源社会保障部: '人力资源和社会保障部',
  国家卫生健康委: '国家卫生健康委员会',
  国家医保局: '国家医疗保障局',
  国家移民局: '国家移民管理局',
  国家粮食和储备局: '国家粮食和物资储备局',
  中央政法委: '中共中央政法委员会',
  应急部: '应急管理部',
};

const REQUIREMENTS = ['指导思想', '工作原则', '发展方向', '发展目标'];
const SAFEGUARDS = ['坚持党的全面领导', '加强统筹协调', '强化政策支持'];

const CHAPTERS = [
  '发展基础',
  '总体要求',
  '优化城市群空间格局',
  '推动交通设施互联互通',
  '促进产业高水平分工协作',
  '共建高水平蓝色生态湾区',
  '强化对内对外双向开放',
  '提升公共服务共建共享水平',
  '健全安全保障体系',
  '加强实施保障',
];

const CHINESE_ORDINALS = [
  '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
  '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十',
  '二十一', '二十二', '二十三', '二十四', '二十五', '二十六', '二十七', '二十八', '二十九', '三十',
  '三十一', '三十二', '三十三', '三十四', '三十五',
]; // prettier-ignore

describe('the Beibu Gulf city-cluster plan', () => {
  const parsed = parsePlan(planText, ORGANIZATION_DICTIONARY);
  const byCode = new Map(parsed.tasks.map((task) => [task.code, task]));

  it('reads title, period, scope and the ten chapters', () => {
    expect(parsed.title).toBe('北部湾城市群建设“十四五”实施方案');
    expect(parsed.period).toEqual({ start: 2021, end: 2025 });
    expect(parsed.provinces.map((province) => province.name)).toEqual([GX, GD, HI]);
    expect(parsed.chapters.map(({ number, title }) => [number, title])).toEqual(
      CHAPTERS.map((title, index) => [index + 1, title]),
    );
    expect(parsed.chapters[2].line).toBe(41);
    expect(assessStructure(parsed)).toEqual({ ok: true });
  });

  it('finds all 35 numbered items, numbered from their Chinese numerals, with their kinds', () => {
    expect(parsed.tasks.map((task) => task.code)).toEqual(CHINESE_ORDINALS.map((ordinal) => `(${ordinal})`));
    expect(parsed.tasks.map((task) => task.number)).toEqual(CHINESE_ORDINALS.map((_, index) => index + 1));
    expect(parsed.tasks.slice(0, 4).map((task) => [task.kind, task.chapter, task.title])).toEqual(
      REQUIREMENTS.map((title) => ['requirement', 2, title]),
    );
    expect(parsed.tasks.slice(32).map((task) => [task.kind, task.chapter, task.title])).toEqual(
      SAFEGUARDS.map((title) => ['safeguard', 10, title]),
    );
    expect(parsed.tasks.slice(4, 32).every((task) => task.kind === 'task')).toBe(true);
  });

  it('gives tasks (五)–(三十二) exactly the lead units the plan lists, inheriting the provinces from (九) on', () => {
    const actual = parsed.tasks
      .slice(4, 32)
      .map((task) => [
        task.code,
        task.chapter,
        task.title,
        task.inheritedProvinces ? [] : task.leadProvinces.map((unit) => unit.written),
        task.leadMinistries.map((unit) => unit.written),
      ]);
    expect(actual).toEqual(EXPECTED_TASKS);
    for (const task of parsed.tasks.slice(9, 32)) {
      expect([task.code, task.inheritedProvinces, task.leadProvinces.map((unit) => unit.name)]).toEqual([
        task.code,
        true,
        [GX, GD, HI],
      ]);
    }
    expect(parsed.tasks.slice(0, 9).some((task) => task.inheritedProvinces)).toBe(false);
    expect(parsed.tasks.slice(32).flatMap((task) => [...task.leadProvinces, ...task.leadMinistries])).toEqual(
      [],
    );
  });

  it('matches every lead unit to the dictionary under its official name (38 distinct central bodies)', () => {
    const ministries = parsed.tasks.flatMap((task) => task.leadMinistries);
    const provinces = parsed.tasks.flatMap((task) => task.leadProvinces);
    expect([...ministries, ...provinces].filter((unit) => !unit.verified)).toEqual([]);
    for (const unit of ministries) expect(unit.name).toBe(FULL_NAMES[unit.written] ?? unit.written);
    for (const unit of provinces) expect(unit.name).toBe(unit.written);
    const distinct = new Set(ministries.map((unit) => unit.name));
    expect(distinct.size).toBe(38);
    expect(new Set(ministries.map((unit) => unit.code)).size).toBe(38);
  });

  it('keeps titles and bodies clean: simplified, no pinyin glosses, real brackets kept, lead list cut off', () => {
    const task = (code: string): PlanTask => byCode.get(code) as PlanTask;
    expect(task('(五)').body).toBe(
      '构建陆海统筹的国土空间开发保护格局,依据资源环境承载能力和国土空间开发适宜性评价,科学有序布局农业、生态、城镇等功能空间,划定落实永久基本农田、生态保护红线、城镇开发边界。',
    );
    expect(task('(九)').body).toMatch(/^强化海口省会城市门户功能,增强洋浦在海南自由贸易港建设的重要作用/);
    expect(task('(十六)').body).toContain('第五代移动通信(5G)网络');
    expect(task('(十六)').body).toContain('“粤西数谷”大数据产业园等建设,推动海南数据跨境传输');
    expect(task('(二十一)').body).toContain('推进细颗粒物(PM2.5)和臭氧(O3)协同控制');
    expect(task('(十八)').body).toContain('南方海洋科学与工程广东省实验室(湛江)');
    expect(task('(二十三)').body).toContain('生态产品总值(GEP)核算');
    expect(parsed.normalizedText).toContain('区域全面经济伙伴关系协定(RCEP)正式生效');
    expect(parsed.normalizedText).not.toMatch(/\((?:shè|fā|qū)\)|發|區|實/);
    expect(parsed.normalizedText).not.toMatch(/示意图|报告库会员|扫一扫/);
    expect(parsed.tasks.map((task) => task.line).slice(4, 9)).toEqual([45, 47, 49, 51, 55]);
  });

  it('reads the quantitative goals of (四)', () => {
    expect(parsed.indicators).toEqual([
      {
        name: '常住人口城镇化率',
        value: 5,
        unit: '个百分点',
        year: 2025,
        comparator: '>=',
        change: 'increase',
        line: 39,
      },
      { name: '广西北部湾国际门户港集装箱吞吐量', value: 1000, unit: '万标准箱', year: 2025, line: 39 },
      {
        name: '海南洋浦区域国际集装箱枢纽港集装箱吞吐量',
        value: 500,
        unit: '万标准箱',
        year: 2025,
        line: 39,
      },
      { name: '近岸海域水质优良率', value: 90, unit: '%', year: 2025, comparator: '>=', line: 39 },
    ]);
  });

  it('reports what it guessed, dropped or could not read, on original line numbers', () => {
    const at = (line: number) => parsed.diagnostics.filter((diagnostic) => diagnostic.line === line);
    expect(at(7)).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('???') }),
    ]);
    expect(at(47).map((diagnostic) => diagnostic.message)).toEqual([expect.stringContaining('乱码')]);
    expect(at(53)).toEqual([
      expect.objectContaining({ severity: 'info', message: expect.stringContaining('图1') }),
    ]);
    expect(at(55)).toEqual([expect.objectContaining({ message: expect.stringContaining('第57行') })]);
    expect(at(149)).toEqual([expect.objectContaining({ message: expect.stringContaining('第149–164行') })]);
    expect(at(57).map((diagnostic) => diagnostic.message)).toContainEqual(expect.stringContaining('三省区'));
    expect(parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });

  it('produces the CONTRACT.md plan:parse --json shape', () => {
    const json = toContractJson(parsed);
    expect(Object.keys(json)).toEqual(['plan', 'tasks', 'diagnostics']);
    expect(json.plan.chapters[2]).toEqual({ number: 3, title: '优化城市群空间格局' });
    expect(json.tasks[4]).toEqual({
      number: 5,
      code: '(五)',
      chapter: 3,
      kind: 'task',
      title: '强化空间分区管控',
      leadProvinces: [
        { name: GX, written: GX },
        { name: GD, written: GD },
        { name: HI, written: HI },
      ],
      leadMinistries: [
        { name: '自然资源部', written: '自然资源部' },
        { name: '农业农村部', written: '农业农村部' },
      ],
    });
    expect(json.tasks[6].leadMinistries).toEqual([
      { name: '国家发展和改革委员会', written: '国家发展改革委' },
    ]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('gives the same result when the file comes in GB18030', () => {
    const decoded = decodePlanText(iconv.encode(planText, 'gb18030'));
    expect(decoded.encoding).toBe('gb18030');
    expect(parsePlan(decoded.text, ORGANIZATION_DICTIONARY)).toEqual(parsed);
  });

  it('gives the same plan when the text is written in traditional characters', () => {
    const traditional = Converter({ from: 'cn', to: 't' })(parsed.normalizedText);
    expect(traditional).not.toBe(parsed.normalizedText);
    const reparsed: ParsedPlan = parsePlan(traditional, ORGANIZATION_DICTIONARY);
    const { diagnostics: _ignored, ...expected } = toContractJson(parsed);
    const { diagnostics: _lines, ...actual } = toContractJson(reparsed);
    expect(actual).toEqual(expected);
    expect(reparsed.indicators.map(({ line: _line, ...indicator }) => indicator)).toEqual(
      parsed.indicators.map(({ line: _line, ...indicator }) => indicator),
    );
  });
});
