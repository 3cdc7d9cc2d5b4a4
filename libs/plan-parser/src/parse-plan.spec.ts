import { assessStructure, parsePlan, type ParsedPlan, type PlanTask } from './index';
import { FIXTURE_DICTIONARY } from './testing/fixture-dictionary';

function parse(text: string, title?: string): ParsedPlan {
  return parsePlan(text, FIXTURE_DICTIONARY, title === undefined ? {} : { title });
}

function task(parsed: ParsedPlan, code: string): PlanTask {
  const found = parsed.tasks.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`no task ${code} in ${parsed.tasks.map((t) => t.code).join(' ')}`);
  return found;
}

const written = (units: readonly { written: string }[]) => units.map((unit) => unit.written);
const messages = (parsed: ParsedPlan) =>
  parsed.diagnostics.map((d) => `${d.line}:${d.severity}:${d.message}`);

describe('parsePlan on plans of the same family', () => {
  it('reads full-width brackets, chapters above ten and items above twenty', () => {
    const parsed = parse(
      [
        '滇湘合作“十五五”实施方案',
        '十一、深化合作',
        '（二十一）推进通道建设。建设铁路。（云南省、湖南省，交通运输部）',
        '（二十二）加强要素保障。保障用地。（财政部、自然资源部）',
      ].join('\n'),
    );
    expect(parsed.period).toEqual({ start: 2026, end: 2030 });
    expect(parsed.chapters).toEqual([{ number: 11, title: '深化合作', line: 2 }]);
    expect(parsed.tasks.map((t) => [t.code, t.number, t.chapter, t.title, t.body])).toEqual([
      ['(二十一)', 21, 11, '推进通道建设', '建设铁路。'],
      ['(二十二)', 22, 11, '加强要素保障', '保障用地。'],
    ]);
    expect(written(task(parsed, '(二十一)').leadProvinces)).toEqual(['云南省', '湖南省']);
    expect(task(parsed, '(二十一)').leadMinistries.map((unit) => unit.code)).toEqual(['MOT']);
    expect(messages(parsed)).toContainEqual(expect.stringMatching(/^3:warning:第一个编号条目是\(21\)/));
  });

  it('hands provinces named in a note to every following task, together with any listed there', () => {
    const parsed = parse(
      [
        '某城市群实施方案',
        '三、重点任务',
        '(一)甲任务。内容。(国家发展改革委,以下任务均需广西、海南落实,不再列出)',
        '(二)乙任务。内容。(交通运输部)',
        '(三)丙任务。内容。(广东省,财政部)',
      ].join('\n'),
    );
    expect(task(parsed, '(一)')).toMatchObject({ inheritedProvinces: false, leadProvinces: [] });
    expect(task(parsed, '(二)')).toMatchObject({
      inheritedProvinces: true,
      leadProvinces: [
        { name: '广西壮族自治区', written: '广西', code: 'GX', verified: true },
        { name: '海南省', written: '海南', code: 'HI', verified: true },
      ],
    });
    expect(written(task(parsed, '(三)').leadProvinces)).toEqual(['广东省', '广西', '海南']);
  });

  it('resolves "两省" from the scope statement when the note stands in its own paragraph', () => {
    const parsed = parse(
      [
        '粤桂合作实施方案',
        '为推动广东、广西两省区深度合作,制定本方案。',
        '二、重点任务',
        '以下各项任务均需两省区负责落实。',
        '(一)共建园区。内容。(国家发展改革委)',
        '(二)共建通道。内容。(交通运输部)',
      ].join('\n'),
    );
    expect(parsed.provinces.map((province) => province.code)).toEqual(['GD', 'GX']);
    for (const code of ['(一)', '(二)']) {
      expect(task(parsed, code).leadProvinces.map((unit) => unit.code)).toEqual(['GD', 'GX']);
      expect(task(parsed, code).inheritedProvinces).toBe(true);
    }
  });

  it('warns when a note counts more provinces than the plan names', () => {
    const parsed = parse(
      [
        '某方案',
        '地跨广西、广东两省区。',
        '一、任务',
        '(一)甲。内容。(国家发展改革委,以下任务均需三省区落实,不再列出)',
        '(二)乙。内容。(财政部)',
      ].join('\n'),
    );
    expect(messages(parsed)).toContainEqual(expect.stringMatching(/^4:warning:.*三省区.*3个省份.*2个/));
    expect(task(parsed, '(二)').leadProvinces.map((unit) => unit.code)).toEqual(['GX', 'GD']);
  });

  it('keeps unknown names unverified with a warning, sorted by their shape, and skips generic references', () => {
    const parsed = parse(
      [
        '某方案',
        '一、任务',
        '(一)甲。内容。(广西壮族自治区、北海市,国家发展改革委牵头、国家数据局、有关部门按职责分工负责)',
      ].join('\n'),
    );
    const only = task(parsed, '(一)');
    expect(only.leadProvinces).toEqual([
      { name: '广西壮族自治区', written: '广西壮族自治区', code: 'GX', verified: true },
      { name: '北海市', written: '北海市', verified: false },
    ]);
    expect(only.leadMinistries).toEqual([
      { name: '国家发展和改革委员会', written: '国家发展改革委', code: 'NDRC', verified: true },
      { name: '国家数据局', written: '国家数据局', verified: false },
    ]);
    expect(messages(parsed)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^3:warning:牵头单位“北海市”不在组织字典中/),
        expect.stringMatching(/^3:warning:牵头单位“国家数据局”不在组织字典中/),
        expect.stringMatching(/^3:info:“有关部门”是泛指/),
      ]),
    );
  });

  it('puts cities and enterprises on their sides and matches names after a national prefix', () => {
    const parsed = parse(['某方案', '一、任务', '(一)甲。内容。(南宁市,国铁集团、中国民航局)'].join('\n'));
    const only = task(parsed, '(一)');
    expect(only.leadProvinces.map((unit) => unit.code)).toEqual(['NNG']);
    expect(only.leadMinistries.map((unit) => [unit.code, unit.written])).toEqual([
      ['CR', '国铁集团'],
      ['CAAC', '中国民航局'],
    ]);
    expect(messages(parsed)).toContainEqual(
      expect.stringMatching(/^3:info:“中国民航局”按近似写法匹配为“中国民用航空局”/),
    );
  });

  it('does not take a closing place-name parenthesis for a lead list', () => {
    const parsed = parse(
      ['某方案', '一、任务', '(一)甲。支持建设实验室(湛江)', '(二)乙。内容。(财政部)'].join('\n'),
    );
    expect(task(parsed, '(一)')).toMatchObject({
      leadProvinces: [],
      leadMinistries: [],
      body: '支持建设实验室(湛江)',
    });
    expect(messages(parsed)).toContainEqual(
      expect.stringMatching(/^3:warning:任务\(一\)末尾没有找到牵头单位列表/),
    );
  });

  it('reads a lead list whose closing bracket was lost, and a list on a line of its own', () => {
    const parsed = parse(
      [
        '某方案',
        '一、任务',
        '(一)甲。内容。(国家发展改革委、交通运输?',
        '(二)乙。内容。',
        '(财政部、自然资源部)',
      ].join('\n'),
    );
    expect(written(task(parsed, '(一)').leadMinistries)).toEqual(['国家发展改革委', '交通运输?']);
    expect(task(parsed, '(一)').leadMinistries[1].verified).toBe(false);
    expect(messages(parsed)).toContainEqual(expect.stringMatching(/^3:warning:牵头单位列表缺少右括号/));
    expect(written(task(parsed, '(二)').leadMinistries)).toEqual(['财政部', '自然资源部']);
    expect(task(parsed, '(二)').body).toBe('内容。');
  });

  it('tells requirements, tasks and safeguards apart by chapter, item title and the closing chapter', () => {
    const parsed = parse(
      [
        '某方案',
        '一、发展思路',
        '(一)指导思想。坚持。',
        '(二)建设通道。内容。(交通运输部)',
        '二、抓好落实',
        '(三)加强领导。内容。',
        '(四)强化督导。内容。',
      ].join('\n'),
    );
    expect(parsed.tasks.map((t) => t.kind)).toEqual(['requirement', 'task', 'safeguard', 'safeguard']);
  });

  it('reports numbering gaps, duplicates and items before any chapter', () => {
    const parsed = parse(
      ['某方案', '(一)甲。内容。(财政部)', '(一)乙。内容。(财政部)', '(三)丙。内容。(财政部)'].join('\n'),
    );
    expect(parsed.tasks.map((t) => t.chapter)).toEqual([0, 0, 0]);
    expect(messages(parsed)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2:warning:编号条目出现在任何章节/),
        expect.stringMatching(/^3:warning:条目编号重复/),
        expect.stringMatching(/^4:warning:条目编号不连续/),
      ]),
    );
  });

  it('takes the title from options, else the first line without its publication stamp', () => {
    expect(parse('某某方案 发布时间:2022-04-07 16:10\n一、任务\n(一)甲。内容。(财政部)').title).toBe(
      '某某方案',
    );
    expect(parse('某某方案\n一、任务', '给定标题').title).toBe('给定标题');
  });

  it('finds the issuer in the opening lines or on a closing line', () => {
    expect(parse('国家发展改革委关于印发某方案的通知\n一、任务\n(一)甲。内容。(财政部)').issuer).toBe(
      '国家发展和改革委员会',
    );
    expect(parse('某方案\n一、任务\n(一)甲。内容。(财政部)\n\n财政部\n2022年4月7日').issuer).toBe('财政部');
  });

  it('reads goals stated in a goals chapter, with years, bounds and shared units', () => {
    const parsed = parse(
      [
        '某方案',
        '二、主要目标',
        '到2025年,地区生产总值年均增长6%左右,研发投入强度不低于2.5%,单位产值能耗下降13.5%。',
        '到2030年,港口吞吐量分别达到3亿、1.5亿吨。森林覆盖率提高两个百分点。',
        '三、任务',
        '(一)甲。力争到2025年比例超过90%。(财政部)',
      ].join('\n'),
    );
    expect(parsed.indicators).toEqual([
      {
        name: '地区生产总值年均',
        value: 6,
        unit: '%',
        year: 2025,
        comparator: '~',
        change: 'increase',
        line: 3,
      },
      { name: '研发投入强度', value: 2.5, unit: '%', year: 2025, comparator: '>=', line: 3 },
      { name: '单位产值能耗', value: 13.5, unit: '%', year: 2025, change: 'decrease', line: 3 },
      { name: '港口吞吐量(1)', value: 3, unit: '亿吨', year: 2030, line: 4 },
      { name: '港口吞吐量(2)', value: 1.5, unit: '亿吨', year: 2030, line: 4 },
      { name: '森林覆盖率', value: 2, unit: '个百分点', year: 2030, change: 'increase', line: 4 },
    ]);
  });

  it('flags structureless text for a 422 instead of throwing', () => {
    const parsed = parse('会议指出,一是要加强合作。\n二是要深化改革。\n三是要扩大开放。');
    expect(parsed.tasks).toEqual([]);
    expect(assessStructure(parsed)).toEqual({
      ok: false,
      code: 'no-numbered-tasks',
      message: expect.stringContaining(
        'no numbered tasks found; expected chapters like 一、… and items like (一)…',
      ),
    });
    expect(messages(parsed)).toContainEqual(
      expect.stringMatching(/^1:error:未找到编号任务：文中有2段“一是…二是…”式列举/),
    );
  });

  it('never throws on odd input', () => {
    for (const text of [
      '',
      '\n\n\n',
      '(',
      ')',
      '(一)',
      '一、',
      '(一)(',
      '((((((((一)))))',
      '以下任务均需落实',
      '\u0000\ufffd',
    ]) {
      expect(() => parse(text)).not.toThrow();
    }
    expect(parse('').title).toBe('未命名计划');
  });
});
