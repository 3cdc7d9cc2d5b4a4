import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePlanText, parsePlan } from '@xietong/plan-parser';
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

/** The floor any parser pays: read, decode as UTF-8, split lines, find the (一) item markers. */
export function baselineScan(file: string): number {
  const text = new TextDecoder('utf-8').decode(readFileSync(file));
  let markers = 0;
  for (const line of text.split(/\r?\n/)) if (/^\s*[（(][一二三四五六七八九十]+[）)]/.test(line)) markers++;
  return markers;
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
  let markers = 0;
  for (let i = 0; i < 20; i++) {
    tasks = parseOnce(file);
    markers = baselineScan(file);
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
    `  plan-parse: ${round(oursMs)} ms per parse (${tasks} tasks), baseline ${round(baselineMs)} ms (${markers} markers)`,
  );
  return result('plan-parse', oursMs, baselineMs, 'ms', {
    targetMs: 10,
    tasks,
    markersFoundByBaseline: markers,
    iterations: options.iterations,
    baseline: 'readFileSync + UTF-8 decode + line split + regex for (一) markers',
  });
}
