import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@xietong/db';
import { benchDatabaseUrl, prepareDataset } from './dataset';
import { benchJointReport } from './joint-report.bench';
import { benchPlanParse, benchPlanParseDocx, benchPlanParsePdf } from './plan-parse.bench';
import { benchReminderScan } from './reminder-scan.bench';
import { benchReportExport } from './report-export.bench';
import { benchSearch } from './search.bench';
import {
  BENCHMARK_NAMES,
  BenchmarkName,
  BenchmarkResult,
  readPrevious,
  resultsFile,
  resultsTable,
  writeResults,
} from './results';
import { benchWorkItemsList } from './work-items-list.bench';

/** bench/results in the repository (this file runs from dist/bench/src). */
const RESULTS_DIRECTORY = join(__dirname, '..', '..', '..', 'bench', 'results');

/**
 * `npm run bench`: builds or reuses the national dataset in its own database, runs every benchmark
 * against its baseline in alternating rounds, prints the table and writes bench/results.
 * `--only name,name` runs a subset (and writes nothing).
 */
async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string) => console.error(`[bench] ${line}`);
  const onlyArg = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const only = onlyArg ? (onlyArg.split(',') as BenchmarkName[]) : [...BENCHMARK_NAMES];
  for (const name of only) if (!BENCHMARK_NAMES.includes(name)) throw new Error(`unknown benchmark ${name}`);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

  const dataset = await prepareDataset(benchDatabaseUrl(), log);
  log(`dataset ready in ${dataset.seconds.toFixed(1)} s (${dataset.built ? 'built' : 'reused'})`);

  const results: BenchmarkResult[] = [];
  if (only.includes('plan-parse')) results.push(benchPlanParse({ iterations: 200, log }));
  if (only.includes('plan-parse-docx')) results.push(await benchPlanParseDocx({ rounds: 5, log }));
  if (only.includes('plan-parse-pdf')) results.push(await benchPlanParsePdf({ rounds: 3, log }));

  const dataSource = new DataSource(
    buildDataSourceOptions({ databaseUrl: dataset.url, applicationName: 'xietong-bench', poolSize: 10 }),
  );
  await dataSource.initialize();
  try {
    if (only.includes('joint-report'))
      results.push(await benchJointReport(dataSource, dataset, { rounds: 7, log }));
    if (only.includes('report-export'))
      results.push(await benchReportExport(dataset.url, { rounds: 3, log }));
    if (only.includes('reminder-scan') || only.includes('reminder-scan-steady')) {
      results.push(...(await benchReminderScan(dataSource, dataset, { rounds: 3, redisUrl, log })));
    }
    // The scan's writes leave dead rows and clear visibility bits that autovacuum would restore
    // before anyone lists items; the list benchmark measures the database as it normally is.
    await dataSource.query(`VACUUM (ANALYZE) work_items, notifications`);
  } finally {
    await dataSource.destroy();
  }
  if (only.includes('work-items-list') || only.includes('work-items-keyset')) {
    results.push(
      ...(await benchWorkItemsList(dataset, {
        rounds: 3,
        seconds: 6,
        connections: 10,
        latencySeconds: 3,
        redisUrl,
        log,
      })),
    );
  }

  if (only.includes('search')) {
    results.push(await benchSearch(dataset, { requests: 100, baselineRuns: 3, redisUrl, log }));
  }

  results.sort((a, b) => BENCHMARK_NAMES.indexOf(a.name) - BENCHMARK_NAMES.indexOf(b.name));
  const file = resultsFile(new Date(), dataset.figures, results);
  const previous = await readPrevious(RESULTS_DIRECTORY);
  console.log(resultsTable(file, previous));
  if (onlyArg) {
    log('--only: results not written');
  } else {
    for (const path of await writeResults(RESULTS_DIRECTORY, file)) log(`wrote ${path}`);
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);
