import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { ORGANIZATION_DICTIONARY } from '../../../seeds/organizations';
import {
  decodePlanText,
  parsePlan,
  PlanDecodeError,
  PlanReadError,
  readPlanFile,
  toPlanParseJson,
  type ParsedPlan,
} from './index';
import { docxFile } from './testing/make-documents';

const TASK_CODE = /^(?:\([零〇一二两三四五六七八九十百千]+\)|\d+\.|\(\d+\)|[\u2460-\u2473])$/;

const PLAN = readFileSync(
  join(__dirname, '../../../seeds/plans/beibu-gulf-city-cluster-implementation-plan-2022.txt'),
  'utf8',
);
const PLAN_LINES = PLAN.split('\n');

const FRAGMENTS = [
  '(', ')', '（', '）', '一', '十', '三十五', '、', '。', ',', '\n', '\n\n', '?', '??', ' ', '\u3000',
  '以下任务均需', '三省区', '落实,不再列出', '广西', '国家发展改革委', '有关部门', '到2025年', '提高', '5',
  '1000万', '%', '以上', '分别达到', '图1', '示意图', 'shè', '(fā)', '發', '二、', '(三十五)', '(九)',
  '\ufffd', '\ue016', '└', '“十四五”', '——', '一是', '第三章', '<p>', '&nbsp;',
  '牵头单位：', '配合单位:', '责任单位：', '完成时限：', '2025年底前', '2026年上半年', '持续推进', '年内',
  '\t', '\v', '1.', '2、', '（1）', '①', '牵头', '按职责分工负责', '配合', '支持', '人民政府', '各有关省份',
  '序号\t重点任务\t牵头单位\t配合单位\t完成时限', '每月5日前报送', '每季度末', '两省区', '交通运输厅', '⼯',
]; // prettier-ignore

const fragmentText = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 })
  .map((parts) => parts.join(''));
const randomBytesText = fc
  .uint8Array({ maxLength: 120 })
  .chain((bytes) =>
    fc.constantFrom(Buffer.from(bytes).toString('utf8'), Buffer.from(bytes).toString('latin1')),
  );

type Mutation =
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'splice'; at: number; column: number; length: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.nat({ max: 20 }),
    to: fc.nat(),
  }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fragmentText, randomBytesText),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    column: fc.nat(),
    length: fc.nat({ max: 30 }),
    text: fc.oneof(fragmentText, randomBytesText, fc.constantFrom('(', ')', '（', '）', '')),
  }),
);

function mutate(lines: readonly string[], mutations: readonly Mutation[]): string {
  const result = [...lines];
  for (const change of mutations) {
    const at = result.length === 0 ? 0 : ('at' in change ? change.at : 0) % result.length;
    switch (change.kind) {
      case 'cut':
        result.splice(at, change.length);
        break;
      case 'duplicate':
        result.splice(change.to % (result.length + 1), 0, ...result.slice(at, at + change.length));
        break;
      case 'swap': {
        if (result.length === 0) break;
        const a = change.a % result.length;
        const b = change.b % result.length;
        [result[a], result[b]] = [result[b], result[a]];
        break;
      }
      case 'insert':
        result.splice(at, 0, change.text);
        break;
      case 'splice': {
        const line = result[at] ?? '';
        const column = change.column % (line.length + 1);
        result[at] = `${line.slice(0, column)}${change.text}${line.slice(column + change.length)}`;
        break;
      }
    }
  }
  return result.join('\n');
}

/** What must hold for any input: sane line numbers, well-formed tasks, no internal error. */
function problemsWith(parsed: ParsedPlan, text: string): string[] {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const problems: string[] = [];
  for (const { line, message } of parsed.diagnostics) {
    if (line < 1 || line > lineCount) problems.push(`diagnostic on line ${line} of ${lineCount}: ${message}`);
    if (message.includes('内部错误')) problems.push(message);
  }
  const refs = new Set(parsed.tasks.map((task) => task.ref));
  if (refs.size !== parsed.tasks.length) problems.push('two tasks share a ref');
  for (const task of parsed.tasks) {
    if (task.number <= 0 || !TASK_CODE.test(task.code)) {
      problems.push(`bad task number ${task.code}`);
    }
    if (task.deadline !== null && !/^\d{4}-\d\d-\d\d$/.test(task.deadline))
      problems.push(`bad deadline ${task.deadline}`);
    if (task.milestones.some((milestone) => task.deadline === null || milestone.date >= task.deadline)) {
      if (task.deadline !== null) problems.push(`milestone after the deadline in ${task.ref}`);
    }
    const units = [
      ...task.leadProvinces,
      ...task.leadMinistries,
      ...task.supportProvinces,
      ...task.supportMinistries,
    ];
    if (units.some((unit) => unit.name.length === 0)) problems.push(`empty unit in ${task.ref}`);
    const named = units.map((unit) => unit.name);
    if (new Set(named).size !== named.length) problems.push(`a unit named twice in ${task.ref}`);
    if (task.line < 1 || task.line > lineCount) problems.push(`task ${task.code} on line ${task.line}`);
    if ([...task.leadProvinces, ...task.leadMinistries].some((unit) => unit.name.length === 0)) {
      problems.push(`empty lead unit in ${task.code}`);
    }
  }
  if (parsed.indicators.some((indicator) => !Number.isFinite(indicator.value)))
    problems.push('non-finite indicator');
  JSON.stringify(toPlanParseJson(parsed));
  return problems;
}

describe('parsePlan under random damage', () => {
  // 2,000 parses of the whole plan: seconds alone, minutes on a machine shared by several builds.
  jest.setTimeout(600_000);

  it('survives thousands of cuts, duplications, swaps, stray brackets and random bytes in the Beibu plan', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (mutations) => {
        const text = mutate(PLAN_LINES, mutations);
        expect(problemsWith(parsePlan(text, ORGANIZATION_DICTIONARY), text)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives text made only of structural fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fragmentText, randomBytesText), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(problemsWith(parsePlan(text, ORGANIZATION_DICTIONARY), text)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes any bytes or refuses them with a PlanDecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          expect(typeof decodePlanText(Buffer.from(bytes)).text).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(PlanDecodeError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** Units the generated documents assign, as written → canonical name. */
const UNITS: readonly (readonly [string, string])[] = [
  ['广西壮族自治区人民政府', '广西壮族自治区'],
  ['广东省', '广东省'],
  ['海南省政府', '海南省'],
  ['國家發展改革委', '国家发展和改革委员会'],
  ['交通运输部', '交通运输部'],
  ['国家林草局', '国家林业和草原局'],
  ['国铁集团', '中国国家铁路集团有限公司'],
  ['广东省交通运输厅', '广东省'],
];
const DEADLINES: readonly (readonly [string, string | null])[] = [
  ['2025年底前', '2025-12-31'],
  ['2026年6月底前', '2026-06-30'],
  ['2025年第三季度', '2025-09-30'],
  ['2027年上半年', '2027-06-30'],
  ['持续推进', null],
];

interface GeneratedTask {
  title: string;
  leads: number[];
  supports: number[];
  deadline: number;
}

const generatedTask: fc.Arbitrary<GeneratedTask> = fc
  .record({
    title: fc.constantFrom('推进通道建设', '共建产业园区', '加强生态保护', '深化开放合作'),
    units: fc.shuffledSubarray([...UNITS.keys()], { minLength: 1, maxLength: 5 }),
    split: fc.nat(),
    deadline: fc.nat({ max: DEADLINES.length - 1 }),
  })
  .map(({ title, units, split, deadline }) => {
    const leadCount = 1 + (split % units.length);
    return { title, leads: units.slice(0, leadCount), supports: units.slice(leadCount), deadline };
  });

type Shape = 'block' | 'inline' | 'table';

const written = (indexes: readonly number[]) => indexes.map((index) => UNITS[index][0]).join('、');

function renderDocument(shape: Shape, tasks: readonly GeneratedTask[], fullWidth: boolean): string {
  const colon = fullWidth ? '：' : ':';
  const lines = ['某区域合作2025年重点任务分工方案', '一、重点任务'];
  if (shape === 'table') lines.push('序号\t重点任务\t牵头单位\t配合单位\t完成时限');
  tasks.forEach((task, index) => {
    const [deadlineText] = DEADLINES[task.deadline];
    const supports = written(task.supports);
    if (shape === 'table') {
      lines.push([index + 1, task.title, written(task.leads), supports, deadlineText].join('\t'));
    } else if (shape === 'block') {
      lines.push(`${index + 1}.${task.title}。`, `牵头单位${colon}${written(task.leads)}`);
      if (supports) lines.push(`配合单位${colon}${supports}`);
      lines.push(`完成时限${colon}${deadlineText}`);
    } else {
      const role = supports
        ? `${written(task.leads)}牵头，${supports}按职责分工负责`
        : `${written(task.leads)}负责`;
      const due = DEADLINES[task.deadline][1] === null ? '' : `${deadlineText}完成。`;
      lines.push(`(${'一二三四五六七八九十'[index]})${task.title}。${due}（${role}）`);
    }
  });
  return lines.join('\n');
}

describe('task-division documents generated in every shape', () => {
  jest.setTimeout(120_000);

  it('give back the units, their roles and the deadline that were written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Shape>('block', 'inline', 'table'),
        fc.array(generatedTask, { minLength: 1, maxLength: 10 }),
        fc.boolean(),
        (shape, tasks, fullWidth) => {
          const text = renderDocument(shape, tasks, fullWidth);
          const parsed = parsePlan(text, ORGANIZATION_DICTIONARY);
          expect(problemsWith(parsed, text)).toEqual([]);
          const canonical = (indexes: readonly number[]) =>
            [...new Set(indexes.map((index) => UNITS[index][1]))].sort();
          const names = (units: readonly { name: string }[]) => [...units.map((unit) => unit.name)].sort();
          expect(
            parsed.tasks.map((task) => ({
              title: task.title,
              leads: names([...task.leadProvinces, ...task.leadMinistries]),
              supports: names([...task.supportProvinces, ...task.supportMinistries]),
              deadline: task.deadline,
            })),
          ).toEqual(
            tasks.map((task) => {
              const leads = canonical(task.leads);
              return {
                title: task.title,
                leads,
                supports: canonical(task.supports).filter((name) => !leads.includes(name)),
                deadline: DEADLINES[task.deadline][1],
              };
            }),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('readPlanFile on damaged and random bytes', () => {
  jest.setTimeout(120_000);
  const docx = docxFile([
    { paragraph: '某方案' },
    {
      table: [
        ['序号', '重点任务', '牵头单位'],
        ['1', '推进合作', '商务部'],
      ],
    },
  ]);
  const expectReadOrRefused = async (bytes: Uint8Array, fileName?: string) => {
    try {
      const document = await readPlanFile(bytes, fileName);
      expect(typeof document.text).toBe('string');
      expect(problemsWith(parsePlan(document.text, ORGANIZATION_DICTIONARY), document.text)).toEqual([]);
    } catch (error) {
      expect(error).toBeInstanceOf(PlanReadError);
    }
  };

  it('reads or refuses random bytes, whatever the name says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom(undefined, 'plan.txt', 'plan.docx', 'plan.pdf'),
        fc.constantFrom([], [0x50, 0x4b, 0x03, 0x04], [...Buffer.from('%PDF-1.7\n')]),
        async (bytes, fileName, header) =>
          expectReadOrRefused(new Uint8Array([...header, ...bytes]), fileName),
      ),
      { numRuns: 300 },
    );
  });

  it('reads or refuses a Word file with bytes flipped or cut off', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: docx.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        async (at, value, cut) => {
          const damaged = cut
            ? docx.slice(0, at)
            : Uint8Array.from(docx, (byte, index) => (index === at ? value : byte));
          await expectReadOrRefused(damaged, 'plan.docx');
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Inputs built to hit backtracking regexes or re-scans of growing text, by size in characters. */
const PATHOLOGICAL: Readonly<Record<string, (size: number) => string>> = {
  'the plan repeated': (size) => PLAN.repeat(Math.ceil(size / PLAN.length)),
  'one line of opening brackets': (size) => '('.repeat(size),
  'one line of closing brackets': (size) => `(一)甲。${')'.repeat(size)}`,
  'question marks': (size) => '?'.repeat(size),
  'chapter markers': (size) => '一、'.repeat(size / 2),
  'an item that never ends': (size) => `(一)${'发展,'.repeat(size / 3)}`,
  'an unclosed lead list': (size) => `一、任务\n(一)甲。内容。(${'国家发展改革委、'.repeat(size / 8)}`,
  'a cut line continued forever': (size) =>
    `标题\n一、${'很长的标题'.repeat(12)},发\n${'发展建设推进工作发展建设推进工作发展建设推进工作发展建设,发\n'.repeat(size / 33)}`,
  'a goals paragraph of clauses': (size) =>
    `二、主要目标\n${'到2025年,指标提高5%以上,港口分别达到1、2万吨,'.repeat(size / 30)}`,
  'inheritance notes': (size) => '以下任务均需'.repeat(size / 6),
  'year ranges': (size) => `2020${'-'.repeat(size)}`,
  'pinyin glosses': (size) => '發(fā)'.repeat(size / 5),
  'figure captions': (size) => '图1示意图\n'.repeat(size / 6),
  'nested brackets': (size) => `一、任务\n(一)甲。${'(('.repeat(size / 4)}${'))'.repeat(size / 4)}`,
  'province counts': (size) => '广西、广东、'.repeat(size / 6) + '三省区',
};

function medianParseMs(text: string): number {
  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    parsePlan(text, ORGANIZATION_DICTIONARY);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2];
}

describe('parsePlan running time', () => {
  jest.setTimeout(120_000);
  const SIZE = 40_000;
  const GROWTH = 8;

  it.each(Object.keys(PATHOLOGICAL))('grows linearly with the input: %s', (name) => {
    const build = PATHOLOGICAL[name];
    medianParseMs(build(SIZE));
    const small = medianParseMs(build(SIZE));
    const large = medianParseMs(build(SIZE * GROWTH));
    // Linear is ×8; quadratic would be ×64. ×24 plus a few ms of timer noise tells them apart.
    expect(large).toBeLessThan(small * GROWTH * 3 + 15);
  });
});
