import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from '@xietong/db';
import { migrateAndSeed } from './dataset';
import { BenchmarkResult, result } from './results';
import { median, round } from './stats';

/**
 * A national report's files: the XLSX and the CSV of one plan of 200,000 work items (4,000 tasks ×
 * 50 lead units), built as the worker builds them — aggregation, every row streamed from a cursor,
 * both files written into Postgres chunk by chunk — in a child process whose peak RSS
 * (`process.resourceUsage().maxRSS`) is the figure; the target is < 300 MB. The yardstick is the
 * least any export needs: a child reading the same rows through a cursor and formatting them as
 * CSV into nothing (no aggregation, no XLSX, no storage). The plan lives in a database of its own
 * (`…_export`), so the national dataset's figures and the other benchmarks stay as they were.
 */
export const EXPORT_DATASET_VERSION = 1;
export const EXPORT_SHAPE = { tasks: 4_000, unitsPerTask: 50 } as const;
const TODAY = '2026-03-16';
const CAPPED_HEAP_MB = 200;

export function exportDatabaseUrl(benchUrl: string): string {
  const url = new URL(benchUrl);
  url.pathname = `${url.pathname}_export`;
  return url.toString();
}

async function readVersion(url: string): Promise<number | null> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    const table = await client.query(`SELECT to_regclass('bench_meta') IS NOT NULL AS present`);
    if (!table.rows[0].present) return null;
    const { rows } = await client.query(
      `SELECT (value->>'version')::int AS version FROM bench_meta WHERE key = 'export'`,
    );
    return rows[0]?.version ?? null;
  } finally {
    await client.end();
  }
}

/** Builds the export plan once (about a minute); later runs reuse it and only apply new migrations. */
export async function prepareExportDataset(
  url: string,
  log: (line: string) => void,
): Promise<{ planId: string; items: number }> {
  await ensureDatabase(url);
  await migrateAndSeed(url, log);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    if ((await readVersion(url)) !== EXPORT_DATASET_VERSION) {
      log(`building the export plan (${EXPORT_SHAPE.tasks} tasks × ${EXPORT_SHAPE.unitsPerTask} units)`);
      await generate(client);
    }
    const { rows } = await client.query(
      `SELECT md5('export-plan')::uuid AS id, (SELECT count(*)::int FROM work_items) AS items`,
    );
    return { planId: rows[0].id, items: rows[0].items };
  } finally {
    await client.end();
  }
}

async function generate(client: Client): Promise<void> {
  const started = performance.now();
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET session_replication_role = replica`).catch(() => undefined);
  await client.query(`DELETE FROM plans; DROP TABLE IF EXISTS bench_meta`);
  const r = (key: string, part = 0) =>
    `(('x' || substr(md5(${key}), ${1 + 8 * part}, 8))::bit(32)::bigint / 4294967296.0)`;
  await client.query(`
    CREATE TEMP TABLE x_org AS
      SELECT (row_number() OVER (ORDER BY kind DESC, code) - 1)::int AS idx, id, name
      FROM organizations WHERE kind IN ('province', 'central');
    INSERT INTO users (id, email, password_hash, display_name, organization_id, role)
      SELECT md5('export-user:' || idx)::uuid, 'export' || idx || '@bench.xietong.local', '!', name || '·责任人', id, 'coordinator'
      FROM x_org;
    INSERT INTO plans (id, title, issuer, period_start, period_end, source_original, source_normalized, source_sha256, created_at)
      VALUES (md5('export-plan')::uuid, '全国区域协调发展重点任务分工（导出基准，20万事项）', '国家发展改革委', 2024, 2028,
              '基准数据', '基准数据', md5('export-plan'), '2024-06-01');
    INSERT INTO chapters (id, plan_id, number, title)
      SELECT md5('export-chapter:' || c)::uuid, md5('export-plan')::uuid, c, '第' || c || '章 协同推进重点领域'
      FROM generate_series(1, ${EXPORT_SHAPE.tasks / 100}) c;
    INSERT INTO tasks (id, plan_id, chapter_id, number, code, ref, title, body, kind, source_line)
      SELECT md5('export-task:' || n)::uuid, md5('export-plan')::uuid, md5('export-chapter:' || (1 + (n - 1) / 100))::uuid,
             n, '(' || n || ')', '(' || n || ')', '推进区域协调发展重点任务第' || n || '项',
             '由牵头单位会同有关方面按职责分工推进落实。', 'task', n * 3
      FROM generate_series(1, ${EXPORT_SHAPE.tasks}) n;
    INSERT INTO task_lead_units (task_id, organization_id, role, written)
      SELECT md5('export-task:' || n)::uuid, o.id, 'lead_province', o.name
      FROM generate_series(1, ${EXPORT_SHAPE.tasks}) n
      CROSS JOIN generate_series(0, ${EXPORT_SHAPE.unitsPerTask - 1}) j
      JOIN x_org o ON o.idx = (n * 7 + j) % (SELECT count(*) FROM x_org);
    INSERT INTO work_items (id, plan_id, task_id, organization_id, title, owner_id, deadline, original_deadline,
                            start_date, status, progress, priority, completed_at, version, created_at, updated_at,
                            last_update_at)
      SELECT md5('export-item:' || l.task_id || l.organization_id)::uuid, md5('export-plan')::uuid, l.task_id,
             l.organization_id, t.title, CASE WHEN ${r("'o' || l.task_id || l.organization_id")} < 0.9 THEN md5('export-user:' || o.idx)::uuid END,
             d.deadline, CASE WHEN ${r("'e' || l.task_id || l.organization_id")} < 0.08 THEN d.deadline - 90 ELSE d.deadline END,
             d.deadline - 400, s.status,
             CASE s.status WHEN 'done' THEN 100 WHEN 'not_started' THEN 0 ELSE floor(${r("'p' || l.task_id || l.organization_id")} * 95)::int END,
             'normal', CASE WHEN s.status = 'done' THEN d.deadline - 10 + time '10:00' END, 1, '2024-06-01', '2024-06-01',
             CASE WHEN ${r("'u' || l.task_id || l.organization_id")} < 0.7
                  THEN timestamp '${TODAY} 08:00' - ${r("'u' || l.task_id || l.organization_id", 1)} * interval '200 days' END
      FROM task_lead_units l JOIN tasks t ON t.id = l.task_id JOIN x_org o ON o.id = l.organization_id
      CROSS JOIN LATERAL (SELECT date '2024-09-30' + floor(${r("'d' || l.task_id || l.organization_id")} * 1500)::int AS deadline) d
      CROSS JOIN LATERAL (SELECT CASE WHEN d.deadline < date '${TODAY}'
                                      THEN CASE WHEN ${r("'s' || l.task_id || l.organization_id")} < 0.75 THEN 'done' ELSE 'in_progress' END
                                      ELSE CASE WHEN ${r("'s' || l.task_id || l.organization_id")} < 0.6 THEN 'in_progress'
                                                WHEN ${r("'s' || l.task_id || l.organization_id")} < 0.9 THEN 'not_started' ELSE 'blocked' END
                                 END AS status) s;
    SET session_replication_role = DEFAULT;
    CREATE TABLE bench_meta (key text PRIMARY KEY, value jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
    INSERT INTO bench_meta (key, value) VALUES ('export', '{"version": ${EXPORT_DATASET_VERSION}}');
  `);
  await client.query(`VACUUM ANALYZE`);
  console.error(`[bench]   export plan built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

interface ChildFigures {
  ms: number;
  maxRssMb: number;
  rows: number;
  bytes: Record<string, number>;
}

/** Runs bench/src/report-export.child.js in a fresh process and returns what it reports. */
function runChild(
  mode: 'ours' | 'baseline',
  url: string,
  planId: string,
  nodeOptions: string[] = [],
): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const script = join(__dirname, 'report-export.child.js');
    const child = spawn(process.execPath, [...nodeOptions, script, mode, url, planId], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(output.trim().split('\n').pop()!))
        : reject(new Error(`report-export ${mode} exited with ${code}: ${output}`)),
    );
  });
}

export async function benchReportExport(
  benchUrl: string,
  options: { rounds: number; log: (line: string) => void },
): Promise<BenchmarkResult> {
  const url = exportDatabaseUrl(benchUrl);
  const { planId, items } = await prepareExportDataset(url, options.log);
  const ours: ChildFigures[] = [];
  const baseline: ChildFigures[] = [];
  for (let round = 0; round < options.rounds; round++) {
    ours.push(await runChild('ours', url, planId));
    baseline.push(await runChild('baseline', url, planId));
  }
  // V8 lets a busy heap grow well past what is alive; the same build under a 200 MB heap cap shows
  // what it needs at the least (it would fail, not slow down, if it held the rows).
  const capped = await runChild('ours', url, planId, [`--max-old-space-size=${CAPPED_HEAP_MB}`]);
  if (ours[0].rows !== items || baseline[0].rows !== items) {
    throw new Error(
      `report export and baseline disagree on rows: ${ours[0].rows}, ${baseline[0].rows}, ${items}`,
    );
  }
  const oursMb = median(ours.map((figures) => figures.maxRssMb));
  const baselineMb = median(baseline.map((figures) => figures.maxRssMb));
  const oursMs = median(ours.map((figures) => figures.ms));
  const baselineMs = median(baseline.map((figures) => figures.ms));
  options.log(`  report-export: under a ${CAPPED_HEAP_MB} MB heap cap ${round(capped.maxRssMb)} MB peak RSS`);
  options.log(
    `  report-export: ours ${round(oursMb)} MB peak RSS in ${round(oursMs / 1000)} s, baseline ${round(baselineMb)} MB in ${round(baselineMs / 1000)} s (${items} items)`,
  );
  return result('report-export', oursMb, baselineMb, 'MB', {
    workItems: items,
    rounds: options.rounds,
    targetMb: 300,
    oursSeconds: round(oursMs / 1000),
    baselineSeconds: round(baselineMs / 1000),
    cappedHeapMb: CAPPED_HEAP_MB,
    cappedPeakRssMb: round(capped.maxRssMb),
    cappedSeconds: round(capped.ms / 1000),
    xlsxMb: round(ours[0].bytes.xlsx / 2 ** 20),
    csvMb: round(ours[0].bytes.csv / 2 ** 20),
    baseline: 'a child process reading the same rows through pg-cursor and formatting CSV into nothing',
  });
}
