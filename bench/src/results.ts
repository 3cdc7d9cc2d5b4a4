import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { formatTable, round, slowdown, Unit } from './stats';

export const BENCHMARK_NAMES = [
  'work-items-list',
  'work-items-keyset',
  'search',
  'joint-report',
  'report-export',
  'reminder-scan',
  'reminder-scan-steady',
  'plan-parse',
  'plan-parse-docx',
  'plan-parse-pdf',
] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

export interface DatasetFigures {
  provinces: number;
  centralBodies: number;
  plans: number;
  tasks: number;
  workItems: number;
  updates: number;
}

export interface BenchmarkResult {
  name: BenchmarkName;
  ours: number;
  baseline: number;
  unit: Unit;
  /** Our cost / the baseline's cost for the same work in the same run. */
  slowdown: number;
  detail: Record<string, unknown>;
}

/** The shape of `bench/results/latest.json` (CONTRACT.md). */
export interface ResultsFile {
  at: string;
  machine: string;
  dataset: DatasetFigures;
  results: BenchmarkResult[];
}

export function machineDescription(): string {
  const cpus = os.cpus();
  const memoryGb = Math.round(os.totalmem() / 2 ** 30);
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${memoryGb} GB, Node ${process.version}, ${os.platform()}`;
}

/** One result with its slowdown derived from the two medians, never entered by hand. */
export function result(
  name: BenchmarkName,
  ours: number,
  baseline: number,
  unit: Unit,
  detail: Record<string, unknown> = {},
): BenchmarkResult {
  return {
    name,
    ours: round(ours, 4),
    baseline: round(baseline, 4),
    unit,
    slowdown: round(slowdown(ours, baseline, unit), 3),
    detail,
  };
}

export function resultsFile(at: Date, dataset: DatasetFigures, results: BenchmarkResult[]): ResultsFile {
  return { at: at.toISOString(), machine: machineDescription(), dataset, results };
}

/** `2026-05-01T10:20:30.123Z` → `2026-05-01T10-20-30Z.json`: sortable, and valid on every file system. */
export function historyFileName(at: string): string {
  return `${at.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.json`;
}

export function isResultsFile(value: unknown): value is ResultsFile {
  if (!value || typeof value !== 'object') return false;
  const file = value as Partial<ResultsFile>;
  return (
    typeof file.at === 'string' &&
    typeof file.machine === 'string' &&
    !!file.dataset &&
    Array.isArray(file.results) &&
    file.results.every(
      (r) =>
        BENCHMARK_NAMES.includes(r.name) &&
        typeof r.ours === 'number' &&
        typeof r.baseline === 'number' &&
        typeof r.slowdown === 'number' &&
        (r.unit === 'ms' || r.unit === 'req/s' || r.unit === 'MB'),
    )
  );
}

export async function readPrevious(directory: string): Promise<ResultsFile | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(directory, 'latest.json'), 'utf8'));
    return isResultsFile(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Writes latest.json and a dated copy beside it, so earlier runs stay to compare with. */
export async function writeResults(directory: string, file: ResultsFile): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  const paths = [join(directory, 'latest.json'), join(directory, historyFileName(file.at))];
  for (const path of paths) await writeFile(path, text);
  return paths;
}

function figure(value: number, unit: Unit): string {
  return `${round(value, 4)} ${unit}`;
}

/** The stdout table; the last column compares each slowdown with the previous run's. */
export function resultsTable(file: ResultsFile, previous: ResultsFile | null): string {
  const rows = file.results.map((r) => {
    const before = previous?.results.find((p) => p.name === r.name);
    const change = before ? `${before.slowdown} → ${r.slowdown}` : '–';
    return [
      r.name,
      figure(r.ours, r.unit),
      figure(r.baseline, r.unit),
      r.slowdown.toFixed(2),
      change,
      summarize(r.detail),
    ];
  });
  return formatTable(['benchmark', 'ours', 'baseline', 'slowdown', 'previous → now', 'detail'], rows);
}

function summarize(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(
      ([, value]) => typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean',
    )
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}
