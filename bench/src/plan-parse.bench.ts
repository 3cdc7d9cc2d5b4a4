import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePlanText, parsePlan, toSimplifiedChinese } from '@xietong/plan-parser';
import { ORGANIZATION_DICTIONARY } from '../../seeds/organizations';
import { BenchmarkResult, result } from './results';
import { median, round } from './stats';

export const BEIBU_GULF_PLAN = join(
  __dirname,
  '..',
  '..',
  '..',
  'seeds',
  'plans',
  'beibu-gulf-city-cluster-implementation-plan-2022.txt',
);

const DICTIONARY_NAMES = new Map(
  ORGANIZATION_DICTIONARY.flatMap((entry) =>
    [entry.name, ...entry.shortNames, ...entry.aliases].map((name) => [name, entry.name] as const),
  ),
);
const ITEM_MARKER = /^\s*[（(]([一二三四五六七八九十]+)[）)]/;
const PINYIN_GLOSS = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g;
const CLOSING_LIST = /[（(]([^（）()]+)[）)]\s*$/;

/**
 * The same job done naively, with none of our tolerance: read, decode as UTF-8, convert to
 * simplified characters, strip pinyin glosses, split lines, find the (一) items and look up the
 * names of each item's closing parenthesised list in the dictionary. Returns the lead units found.
 */
export function baselineScan(file: string): number {
  const text = toSimplifiedChinese(new TextDecoder('utf-8').decode(readFileSync(file))).replace(
    PINYIN_GLOSS,
    '',
  );
  let leadUnits = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!ITEM_MARKER.test(line)) continue;
    const list = CLOSING_LIST.exec(line.trim().replace(/。$/, ''));
    for (const name of list?.[1].split('、') ?? []) if (DICTIONARY_NAMES.has(name.trim())) leadUnits++;
  }
  return leadUnits;
}

/** Ours: read, decodePlanText (encoding detection, normalisation), parsePlan with the organization dictionary. */
export function parseOnce(file: string): number {
  const decoded = decodePlanText(readFileSync(file));
  return parsePlan(decoded.text, ORGANIZATION_DICTIONARY).tasks.length;
}

/** Warm: after a warm-up, parses alternate with baseline scans; the median of single parses is reported. */
export function benchPlanParse(options: {
  iterations: number;
  log: (line: string) => void;
}): BenchmarkResult {
  const file = BEIBU_GULF_PLAN;
  let tasks = 0;
  let leadUnits = 0;
  for (let i = 0; i < 20; i++) {
    tasks = parseOnce(file);
    leadUnits = baselineScan(file);
  }
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    let started = performance.now();
    parseOnce(file);
    ours.push(performance.now() - started);
    started = performance.now();
    baselineScan(file);
    baseline.push(performance.now() - started);
  }
  const oursMs = median(ours);
  const baselineMs = median(baseline);
  options.log(
    `  plan-parse: ${round(oursMs)} ms per parse (${tasks} tasks), baseline ${round(baselineMs)} ms (${leadUnits} lead units)`,
  );
  return result('plan-parse', oursMs, baselineMs, 'ms', {
    targetMs: 10,
    tasks,
    leadUnitsFoundByBaseline: leadUnits,
    iterations: options.iterations,
    baseline:
      'naive: UTF-8 decode + traditional→simplified + pinyin strip + (一) items + dictionary lookup of each closing list',
  });
}
