import { ORGANIZATION_DICTIONARY } from '../../../seeds/organizations';
import { parsePlan, toPlanParseJson, type ParsedPlan, type PlanTask } from './index';

function parse(lines: readonly string[]): ParsedPlan {
  return parsePlan(lines.join('\n'), ORGANIZATION_DICTIONARY);
}

const names = (units: readonly { name: string }[]) => units.map((unit) => unit.name);
const leads = (task: PlanTask) => names([...task.leadProvinces, ...task.leadMinistries]);
const supports = (task: PlanTask) => names([...task.supportProvinces, ...task.supportMinistries]);
const messages = (parsed: ParsedPlan) => parsed.diagnostics.map((d) => `${d.severity}:${d.message}`);

describe('task-division blocks (牵头单位 / 配合单位 / 完成时限 lines)', () => {
  it('reads 1、 items with full- and half-width colons, 协办单位 and 时间节点', () => {
    const parsed = parse([
      '粤桂合作2025年工作要点',
      '一、交通',
      '1、加快建设南宁至湛江高铁，开展前期研究。',
      '牵头单位：广西壮族自治区人民政府',
      '协办单位:广东省政府、交通運輸部',
      '时间节点：2025年11月',
      '2、推进西江航道扩能。',
      '牽頭單位:交通运输部',
      '时限要求：年内',
    ]);
    expect(
      parsed.tasks.map((task) => [task.ref, task.title, leads(task), supports(task), task.deadline]),
    ).toEqual([
      ['一1.', '加快建设南宁至湛江高铁', ['广西壮族自治区'], ['广东省', '交通运输部'], '2025-11-30'],
      ['一2.', '推进西江航道扩能', ['交通运输部'], [], '2025-12-31'],
    ]);
    expect(parsed.tasks[0].leadProvinces[0].written).toBe('广西壮族自治区人民政府');
  });

  it('makes 责任单位 the leads when no 牵头单位 is named, and the supports when one is', () => {
    const parsed = parse([
      '某规划实施方案',
      '一、任务',
      '1.建设通道。',
      '责任单位：广西壮族自治区、广东省',
      '2.建设港口。',
      '牵头单位：交通运输部',
      '责任单位：广西壮族自治区、广东省',
      '3.建设机场。',
      '责任单位：中国民用航空局牵头，广西壮族自治区配合',
    ]);
    expect(parsed.tasks.map((task) => [leads(task), supports(task)])).toEqual([
      [['广西壮族自治区', '广东省'], []],
      [['交通运输部'], ['广西壮族自治区', '广东省']],
      [['中国民用航空局'], ['广西壮族自治区']],
    ]);
  });

  it('reads fields written on the item line itself', () => {
    const parsed = parse([
      '某方案',
      '一、任务',
      '1.推进口岸建设。牵头单位：海关总署；配合单位：广西壮族自治区；完成时限：2026年上半年。',
    ]);
    const [task] = parsed.tasks;
    expect([task.title, leads(task), supports(task), task.deadline, task.deadlineText]).toEqual([
      '推进口岸建设',
      ['海关总署'],
      ['广西壮族自治区'],
      '2026-06-30',
      '2026年上半年',
    ]);
    expect(task.body).toBe('');
  });
});

describe('inline assignments closing a task', () => {
  it.each([
    [
      '（广西壮族自治区牵头，国家发展改革委、交通运输部按职责分工负责）',
      ['广西壮族自治区'],
      ['国家发展和改革委员会', '交通运输部'],
    ],
    ['（交通运输部负责）', ['交通运输部'], []],
    ['（国家发展改革委、交通运输部按职责分工负责）', ['国家发展和改革委员会', '交通运输部'], []],
    ['（商务部牵头，广东省配合）', ['商务部'], ['广东省']],
    ['(商务部牵头,广东省参与)', ['商务部'], ['广东省']],
    ['（国家发展改革委牵头，财政部支持）', ['国家发展和改革委员会'], ['财政部']],
    ['（由海关总署牵头，商务部协助）', ['海关总署'], ['商务部']],
  ])('%s', (list, expectedLeads, expectedSupports) => {
    const parsed = parse(['某措施', '一、开放', `（一）扩大开放合作。${list}`]);
    const [task] = parsed.tasks;
    expect([leads(task).sort(), supports(task).sort()]).toEqual([
      [...expectedLeads].sort(),
      [...expectedSupports].sort(),
    ]);
  });

  it('never glues a role verb to a unit name', () => {
    const parsed = parse(['某措施', '一、开放', '（一）扩大开放。（商务部牵头，国家发展改革委支持）']);
    expect(parsed.tasks[0].supportMinistries.map((unit) => unit.written)).toEqual(['国家发展改革委']);
    expect(messages(parsed).filter((message) => message.includes('不在组织字典'))).toEqual([]);
  });
});

describe('outline: chapters, task level, refs', () => {
  it('gives restarting (一) items unique refs per chapter', () => {
    const parsed = parse([
      '某措施',
      '一、甲',
      '（一）做甲事。（财政部负责）',
      '二、乙',
      '（一）做乙事。（商务部负责）',
      '（二）做丙事。（商务部负责）',
    ]);
    expect(parsed.tasks.map((task) => [task.ref, task.number, task.chapter])).toEqual([
      ['一(一)', 1, 1],
      ['二(一)', 1, 2],
      ['二(二)', 2, 2],
    ]);
    expect(messages(parsed).filter((message) => message.includes('编号'))).toEqual([]);
  });

  it('takes the level that carries the units as the task; deeper items become its sub-items', () => {
    const parsed = parse([
      '某方案',
      '一、基础设施',
      '（一）交通领域',
      '1.建设铁路。',
      '（1）2025年6月底前完成可研；',
      '（2）2026年底前开工。',
      '牵头单位：国家铁路局',
      '2.建设公路。',
      '牵头单位：交通运输部',
      '（二）能源领域',
      '1.建设电网。',
      '牵头单位：国家能源局',
    ]);
    expect(parsed.tasks.map((task) => [task.ref, task.title, leads(task)])).toEqual([
      ['一(一)1.', '建设铁路', ['国家铁路局']],
      ['一(一)2.', '建设公路', ['交通运输部']],
      ['一(二)1.', '建设电网', ['国家能源局']],
    ]);
    const [railway] = parsed.tasks;
    expect(railway.subItems.map((sub) => [sub.code, sub.title])).toEqual([
      ['(1)', '2025年6月底前完成可研'],
      ['(2)', '2026年底前开工'],
    ]);
    expect(railway.deadline).toBe('2026-12-31');
    expect(railway.milestones).toEqual([{ date: '2025-06-30', text: '(1)2025年6月底前完成可研' }]);
  });

  it('reads ① items as tasks when they carry the units, and makes the outer items chapters when there are no 一、 headings', () => {
    const parsed = parse([
      '某工作清单',
      '（一）生态',
      '①共建生态廊道。（生态环境部负责）',
      '②共治流域。（水利部负责）',
      '（二）民生',
      '①共享医疗。（国家卫生健康委负责）',
    ]);
    expect(parsed.chapters.map((chapter) => [chapter.number, chapter.title])).toEqual([
      [1, '生态'],
      [2, '民生'],
    ]);
    expect(parsed.tasks.map((task) => [task.ref, task.chapter, leads(task)])).toEqual([
      ['(一)①', 1, ['生态环境部']],
      ['(一)②', 1, ['水利部']],
      ['(二)①', 2, ['国家卫生健康委员会']],
    ]);
  });
});

describe('unit names', () => {
  const plan = (list: string) =>
    parse([
      '陕甘宁协同发展实施方案',
      '推动陕西、甘肃、宁夏三省区协同发展。',
      '一、任务',
      `（一）共建通道。（${list}）`,
    ]);

  it.each([
    ['陕西省人民政府', ['陕西省']],
    ['甘肃省政府', ['甘肃省']],
    ['宁夏回族自治区人民政府', ['宁夏回族自治区']],
    ['陕西、甘肃、宁夏三省区', ['陕西省', '甘肃省', '宁夏回族自治区']],
    ['内蒙古、陕西两省区', ['内蒙古自治区', '陕西省']],
    ['三省区', ['陕西省', '甘肃省', '宁夏回族自治区']],
    ['各有关省份', ['陕西省', '甘肃省', '宁夏回族自治区']],
    ['各省（区、市）', ['陕西省', '甘肃省', '宁夏回族自治区']],
    ['陝西省交通運輸廳', ['陕西省']],
    ['宁夏回族自治区发展改革委', ['宁夏回族自治区']],
  ])('%s → %j', (list, expected) => {
    const [task] = plan(list).tasks;
    expect(leads(task)).toEqual(expected);
    expect(task.leadProvinces.every((unit) => unit.verified)).toBe(true);
  });

  it('names the plan provinces an unspecific reference stands for', () => {
    expect(messages(plan('有关省份'))).toContainEqual(
      'info:“有关省份”指计划涉及的省份：陕西省、甘肃省、宁夏回族自治区',
    );
  });

  it('keeps a department written as the document wrote it', () => {
    const [task] = plan('陕西省交通运输厅').tasks;
    expect(task.leadProvinces).toEqual([
      { name: '陕西省', written: '陕西省交通运输厅', code: expect.any(String), verified: true },
    ]);
  });

  it('keeps a city as an unverified local government under its province', () => {
    const [task] = plan('陕西省西安市人民政府，交通运输部').tasks;
    expect(task.leadProvinces).toEqual([
      { name: '西安市', written: '陕西省西安市人民政府', verified: false, province: '陕西省' },
    ]);
    const [bare] = plan('宝鸡市人民政府').tasks;
    expect(bare.leadProvinces).toEqual([
      { name: '宝鸡市', written: '宝鸡市人民政府', verified: false, province: '陕西省' },
    ]);
  });

  it.each([
    ['南宁市人民政府', '南宁市', '广西壮族自治区'],
    ['海南州人民政府', '海南州', '青海省'],
    ['吉林市政府', '吉林市', '吉林省'],
    ['延边朝鲜族自治州人民政府', '延边朝鲜族自治州', '吉林省'],
    ['南宁市发展改革委', '南宁市发展改革委', '广西壮族自治区'],
  ])('files %s under its province', (written, name, province) => {
    const [task] = plan(written).tasks;
    expect(task.leadProvinces).toEqual([{ name, written, verified: false, province }]);
  });

  it('keeps a city it does not know without guessing a province', () => {
    const [task] = plan('某某市人民政府').tasks;
    expect(task.leadProvinces).toEqual([{ name: '某某市', written: '某某市人民政府', verified: false }]);
  });

  it('keeps unknown bodies unverified with a warning', () => {
    const parsed = plan('陕西省牵头，黄河流域协同发展促进中心配合');
    expect(parsed.tasks[0].supportMinistries).toEqual([
      { name: '黄河流域协同发展促进中心', written: '黄河流域协同发展促进中心', verified: false },
    ]);
    expect(messages(parsed)).toContainEqual(
      expect.stringMatching(/^warning:配合单位“黄河流域协同发展促进中心”不在组织字典中/),
    );
  });
});

describe('deadlines', () => {
  const due = (text: string, field?: string) => {
    const lines = ['某2025年工作方案', '一、任务', `1.${text}`, '牵头单位：商务部'];
    if (field !== undefined) lines.push(`完成时限：${field}`);
    const [task] = parse(lines).tasks;
    return [task.deadline, task.deadlineText];
  };

  it.each([
    ['2025年底前', '2025-12-31'],
    ['2025年12月底前', '2025-12-31'],
    ['2025年12月31日前', '2025-12-31'],
    ['2026年上半年', '2026-06-30'],
    ['2026年6月底前', '2026-06-30'],
    ['2025年第三季度', '2025-09-30'],
    ['2025年三季度末', '2025-09-30'],
    ['2025年11月', '2025-11-30'],
    ['2024年2月底前', '2024-02-29'],
    ['年内', '2025-12-31'],
    ['6月底前', '2025-06-30'],
    ['2026-03', '2026-03-31'],
    ['２０２５年１０月', '2025-10-31'],
  ])('完成时限：%s → %s', (field, expected) => {
    expect(due('推进合作。', field)[0]).toBe(expected);
  });

  it.each(['持续推进', '长期坚持'])('%s → no deadline, shown as 持续推进', (field) => {
    expect(due('推进合作。', field)).toEqual([null, '持续推进']);
  });

  it('takes the latest date of the text as the deadline and keeps the earlier ones as milestones', () => {
    const [task] = parse([
      '某方案',
      '一、任务',
      '（一）建设平台。2025年6月底前完成选址，2025年第三季度开工建设，2026年底前建成投用。（商务部负责）',
    ]).tasks;
    expect(task.deadline).toBe('2026-12-31');
    expect(task.deadlineText).toBe('2026年底前');
    expect(task.milestones).toEqual([
      { date: '2025-06-30', text: '2025年6月底前完成选址' },
      { date: '2025-09-30', text: '2025年第三季度开工建设' },
    ]);
  });

  it('does not read years that are no due dates', () => {
    const [task] = parse([
      '某方案',
      '一、任务',
      '（一）巩固成果。自2021年起，2023年GDP增长5%，三年内不变。（商务部负责）',
    ]).tasks;
    expect([task.deadline, task.milestones]).toEqual([null, []]);
  });
});

describe('reporting cadence', () => {
  const cadence = (sentence: string) => {
    const parsed = parse(['某方案', sentence, '一、任务', '（一）推进合作。（商务部负责）']);
    return (
      parsed.reportingCadence && {
        every: parsed.reportingCadence.every,
        byDay: parsed.reportingCadence.byDay,
      }
    );
  };

  it.each([
    ['各牵头单位每月5日前报送上月工作进展。', { every: 'month', byDay: 5 }],
    ['请于每季度末月25日前报送进展情况。', { every: 'quarter', byDay: 25 }],
    ['每季度末报送工作进展。', { every: 'quarter', byDay: 'end' }],
    ['每半年向领导小组报告一次工作进展情况。', { every: 'halfyear', byDay: undefined }],
    ['每周五前报送进展。', { every: 'week', byDay: 5 }],
    ['每年报送一次年度工作总结。', { every: 'year', byDay: undefined }],
  ])('%s', (sentence, expected) => {
    expect(cadence(sentence)).toEqual(expected);
  });

  it('is null when the document sets none, and ignores 每年 sentences that report nothing', () => {
    expect(cadence('每年新增就业10万人。')).toBeNull();
  });

  it('is in the plan:parse JSON with its sentence', () => {
    const json = toPlanParseJson(
      parse(['某方案', '各单位每月10日前报送进展情况。', '一、任务', '（一）推进合作。（商务部负责）']),
    );
    expect(json.reportingCadence).toEqual({
      every: 'month',
      byDay: 10,
      text: '各单位每月10日前报送进展情况',
    });
    expect(json.tasks[0]).toMatchObject({
      ref: '一(一)',
      supportUnits: [],
      deadline: null,
      deadlineText: null,
      milestones: [],
    });
  });
});

describe('task tables as text', () => {
  it('reads columns in any order, ignores 序号/备注/责任领导, and rows whose cells wrap onto the next line', () => {
    const parsed = parse([
      '某2025年重点任务清单',
      '完成时间\t责任领导\t配合部门\t工作任务\t牵头部门\t备注',
      '2025年10月\t张三\t广东省\t推进西部陆海新通道建设，',
      '提升通道能力\t交通运输部\t重点',
      '持续推进\t李四\t\t深化合作\t广西壮族自治区\t',
    ]);
    expect(
      parsed.tasks.map((task) => [task.title, leads(task), supports(task), task.deadline, task.deadlineText]),
    ).toEqual([
      ['推进西部陆海新通道建设', ['交通运输部'], ['广东省'], '2025-10-31', '2025年10月'],
      ['深化合作', ['广西壮族自治区'], [], null, '持续推进'],
    ]);
    expect(parsed.tasks[0].body).toBe('提升通道能力');
    expect(parsed.tasks.map((task) => task.line)).toEqual([3, 5]);
  });

  it('leaves tab-separated lines without a task header alone', () => {
    const parsed = parse(['某方案', '指标\t2020年\t2025年', '一、任务', '（一）推进合作。（商务部负责）']);
    expect(parsed.tasks.map((task) => task.ref)).toEqual(['一(一)']);
  });
});

describe('dirty text', () => {
  it('reads traditional characters, stray pinyin and full- or half-width punctuation alike', () => {
    const variants = [
      ['一、任務', '（一）推進口岸建設。2025年底前完成。（廣西壯族自治區牽頭，海關總署配合）'],
      ['一、任务', '(一)推进口岸建(jiàn)设。2025年底前完成。(广西壮族自治区牵头,海关总署配合)'],
      ['一、任务', '（一）推进口岸建设。２０２５年底前完成。（广西壮族自治区牵头；海关总署配合）'],
    ];
    const results = variants.map((lines) => {
      const [task] = parse(['某方案', ...lines]).tasks;
      return [task.ref, task.title, leads(task), supports(task), task.deadline];
    });
    for (const result of results) {
      expect(result).toEqual(['一(一)', '推进口岸建设', ['广西壮族自治区'], ['海关总署'], '2025-12-31']);
    }
  });

  it('reads block labels in traditional characters with full-width colons', () => {
    const [task] = parse([
      '某方案',
      '一、任務',
      '1．推進合作。',
      '牽頭單位：商務部',
      '配合單位：廣東省',
      '完成時限：2025年第四季度',
    ]).tasks;
    expect([leads(task), supports(task), task.deadline]).toEqual([['商务部'], ['广东省'], '2025-12-31']);
  });
});

describe('the dictionary knows bodies created or renamed since 2018 and central enterprises', () => {
  it.each([
    ['国家数据局', '国家数据局'],
    ['金融监管总局', '国家金融监督管理总局'],
    ['国家疾控局', '国家疾病预防控制局'],
    ['国家林草局', '国家林业和草原局'],
    ['国家医保局', '国家医疗保障局'],
    ['人力资源社会保障部', '人力资源和社会保障部'],
    ['国务院台办', '国务院台湾事务办公室'],
    ['国铁集团', '中国国家铁路集团有限公司'],
    ['中央科技办', '中央科技委员会办公室'],
    ['中央社会工作部', '中共中央社会工作部'],
    ['国家消防救援局', '国家消防救援局'],
    ['南水北调集团', '中国南水北调集团有限公司'],
    ['中国星网', '中国卫星网络集团有限公司'],
    ['国家能源集团', '国家能源投资集团有限责任公司'],
    ['中国电信', '中国电信集团有限公司'],
    ['国开行', '国家开发银行'],
  ])('%s → %s', (written, name) => {
    const [task] = parse(['某方案', '一、任务', `（一）推进合作。（${written}牵头，商务部配合）`]).tasks;
    expect(task.leadMinistries).toEqual([{ name, written, code: expect.any(String), verified: true }]);
  });
});

describe('more ways documents write assignments', () => {
  it('reads (牵头) remarks, units joined by 和, and ignores 责任领导 fields', () => {
    const parsed = parse([
      '某方案',
      '一、任务',
      '1.推进口岸建设。',
      '责任单位：海关总署（牵头）、商务部和广西壮族自治区；责任领导：张三；完成时限：2025年',
      '2.共建园区。（商务部和国家发展改革委负责）',
    ]);
    expect(parsed.tasks.map((task) => [leads(task), supports(task), task.deadline])).toEqual([
      [['海关总署'], ['广西壮族自治区', '商务部'], '2025-12-31'],
      [['商务部', '国家发展和改革委员会'], [], null],
    ]);
    expect(messages(parsed).filter((message) => message.includes('不在组织字典'))).toEqual([]);
  });

  it('takes the end of a year range written in a 完成时限 field', () => {
    const [task] = parse([
      '某方案',
      '一、任务',
      '1.推进合作。',
      '牵头单位：商务部',
      '完成时限：2024—2025年',
    ]).tasks;
    expect(task.deadline).toBe('2025-12-31');
  });
});
