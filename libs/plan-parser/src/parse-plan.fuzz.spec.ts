import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { ORGANIZATION_DICTIONARY } from '../../../seeds/organizations';
import { decodePlanText, parsePlan, PlanDecodeError, toPlanParseJson, type ParsedPlan } from './index';

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
  jest.setTimeout(120_000);

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
