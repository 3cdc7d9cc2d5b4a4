import 'reflect-metadata';
import { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@xietong/db';
import { ReportRunBuilder } from '../../apps/worker/src/reports/report-run-builder';

/**
 * One measured export in a process of its own (see report-export.bench.ts): `ours` builds a
 * report run of XLSX + CSV exactly as the worker does; `baseline` only reads the rows through a
 * cursor and formats CSV lines into nothing. Prints one JSON line: time, peak RSS, rows, bytes.
 */
async function main(): Promise<void> {
  const [mode, url, planId] = process.argv.slice(2);
  // BENCH_MEMORY_TRACE=1: a line on stderr every 500 ms, to see which phase holds memory.
  if (process.env.BENCH_MEMORY_TRACE) {
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    setInterval(() => {
      const m = process.memoryUsage();
      console.error(`rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)}`);
    }, 500).unref();
  }
  const dataSource = new DataSource(
    buildDataSourceOptions({ databaseUrl: url, applicationName: 'xietong-bench-export', poolSize: 4 }),
  );
  await dataSource.initialize();
  const started = performance.now();
  let rows = 0;
  const bytes: Record<string, number> = {};
  try {
    if (mode === 'ours') {
      const [run] = await dataSource.query(
        `INSERT INTO report_runs (plan_id, formats, filters, locale) VALUES ($1, '{xlsx,csv}', '{}', 'zh-CN') RETURNING id`,
        [planId],
      );
      const built = await new ReportRunBuilder(dataSource).build(run.id);
      rows = built.report.workItemCount;
      const files: Array<{ format: string; size: number }> = await dataSource.query(
        `SELECT format, size FROM report_files WHERE run_id = $1`,
        [run.id],
      );
      for (const file of files) bytes[file.format] = file.size;
      // Keeps the database from growing run after run.
      await dataSource.query(`DELETE FROM report_runs WHERE id = $1`, [run.id]);
    } else {
      const runner = dataSource.createQueryRunner();
      const client = (await runner.connect()) as PoolClient;
      const cursor = client.query(
        new Cursor(
          `SELECT t.code, t.title, ch.number, ch.title AS chapter, o.name, u.display_name, wi.deadline::text,
                  wi.original_deadline::text, wi.status, wi.progress, wi.last_update_at
           FROM work_items wi JOIN tasks t ON t.id = wi.task_id LEFT JOIN chapters ch ON ch.id = t.chapter_id
           JOIN organizations o ON o.id = wi.organization_id LEFT JOIN users u ON u.id = wi.owner_id
           WHERE wi.plan_id = $1 AND wi.parent_id IS NULL AND wi.responsibility = 'lead'
           ORDER BY t.number, t.id, o.code, wi.id`,
          [planId],
        ),
      );
      const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      let size = 0;
      for (;;) {
        const batch: Array<Record<string, unknown>> = await cursor.read(2_000);
        if (!batch.length) break;
        rows += batch.length;
        const text = batch.map((row) => Object.values(row).map(String).join(',')).join('\r\n') + '\r\n';
        size += Buffer.byteLength(text);
        sink.write(text);
      }
      bytes.csv = size;
      await cursor.close();
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
  const figures = {
    ms: performance.now() - started,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows,
    bytes,
  };
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error('[bench] report-export child failed:', error);
  process.exit(1);
});
