import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@xietong/config';
import { openStatusSql } from '@xietong/db';
import { DEFAULT_REMINDER_POLICY } from '@xietong/rules';
import { ReminderScanner, ReminderScanResult } from '@xietong/outbox';
import {
  DELIVERY_ATTEMPTS,
  DeliverNotificationJob,
  DeliveryProducer,
  JOBS,
  QUEUES,
  redisConnectionOptions,
} from '@xietong/queue';
import { Dataset } from './dataset';
import { BenchmarkResult, result } from './results';
import { alternate, median, round } from './stats';

export const SCAN_TARGET_ITEMS = 100_000;
const BATCH_SIZE = 5000;
const QUEUE_PREFIX = '{xietong-bench}';

export interface ScanBenchOptions {
  rounds: number;
  redisUrl: string;
  log: (line: string) => void;
}

const SCANNED = `${openStatusSql('w.status')} AND (w.deadline <= $1::date OR w.status = 'in_progress')`;

/** The scanner's horizon for plans on the default policy (the dataset's plans have no overrides). */
function horizonOf(asOf: Date): string {
  const policy = DEFAULT_REMINDER_POLICY;
  const largest = Math.max(0, ...policy.daysBefore) * (policy.workingDays ? 2 : 1);
  return new Date(asOf.getTime() + (largest + 10) * 86_400_000).toISOString().slice(0, 10);
}

/** 10:00 in Shanghai on `date`: outside the quiet hours, so deliveries are due at once. */
function morningOf(date: string): Date {
  return new Date(`${date}T02:00:00Z`);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The earliest scan date (around the dataset's today) at which the scan selects at least 100,000 items. */
async function calibrate(dataSource: DataSource, today: string): Promise<{ asOf: Date; items: number }> {
  const count = async (date: string) =>
    (
      await dataSource.query(`SELECT count(*)::int AS n FROM work_items w WHERE ${SCANNED}`, [
        horizonOf(morningOf(date)),
      ])
    )[0].n as number;
  let low = -365;
  let high = 365;
  if ((await count(addDays(today, low))) >= SCAN_TARGET_ITEMS) high = low;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await count(addDays(today, middle))) >= SCAN_TARGET_ITEMS) high = middle;
    else low = middle + 1;
  }
  const date = addDays(today, high);
  return { asOf: morningOf(date), items: await count(date) };
}

/**
 * A reminder scan over 100,000 items (`ReminderScanner.scan`, built on its real collaborators:
 * TypeORM data source, DeliveryProducer on a BullMQ queue under its own prefix) against writing the
 * very rows it writes — captured from a first scan — with one INSERT … SELECT unnest(…) per batch
 * of 5,000 items, the same escalation UPDATE, and `addBulk` of the same delivery jobs. Every round
 * starts from an empty outbox and an empty queue.
 */
export async function benchReminderScan(
  dataSource: DataSource,
  dataset: Dataset,
  options: ScanBenchOptions,
): Promise<BenchmarkResult[]> {
  const { log } = options;
  Logger.overrideLogger(['error', 'warn']);
  const config = loadConfig({ DATABASE_URL: dataset.url, REDIS_URL: options.redisUrl, QUEUE_PREFIX });
  const queue = new Queue<DeliverNotificationJob>(QUEUES.deliveries, {
    connection: redisConnectionOptions(options.redisUrl),
    prefix: QUEUE_PREFIX,
    defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
  });
  const scanner = new ReminderScanner(dataSource, new DeliveryProducer(queue, config), config);
  const reset = async () => {
    await dataSource.query(`TRUNCATE notifications`);
    await dataSource.query(`UPDATE work_items SET escalated_at = NULL WHERE escalated_at IS NOT NULL`);
    // Cold: no item has been judged yet, so the scan reads all 100,000.
    await dataSource.query(`TRUNCATE work_item_reminder_checks`);
    await queue.obliterate({ force: true });
  };
  const memory = peakMemory();
  try {
    const { asOf, items } = await calibrate(dataSource, dataset.today);
    log(`  reminder-scan: scanning as of ${asOf.toISOString()} selects ${items} items`);

    // The first round's rows and escalations are what every baseline round writes.
    let first: ReminderScanResult | undefined;
    let batches: Batch[] = [];
    let jobsPerScan = 0;
    const ours = async () => {
      await reset();
      memory.reset();
      const started = performance.now();
      const scan = await scanner.scan(asOf);
      const ms = performance.now() - started;
      memory.sample();
      if (!first) {
        first = scan;
        batches = await captureBatches(dataSource, asOf);
        jobsPerScan = await queue.count();
        if (scan.deliveriesEnqueued !== jobsPerScan) {
          throw new Error(
            `the scan reported ${scan.deliveriesEnqueued} deliveries but the queue holds ${jobsPerScan}`,
          );
        }
      } else if (scan.notificationsCreated !== first.notificationsCreated) {
        throw new Error('scans differ between rounds');
      }
      log(`  reminder-scan ours: ${round(ms)} ms`);
      return ms;
    };
    const baseline = async () => {
      await reset();
      const started = performance.now();
      let written = 0;
      for (const batch of batches)
        written += await writeBatchDirectly(dataSource, queue, batch, asOf, config.deliveryBackoffMs);
      const ms = performance.now() - started;
      if (written !== first!.notificationsCreated) {
        throw new Error(`baseline wrote ${written} rows, the scan ${first!.notificationsCreated}`);
      }
      if ((await queue.count()) !== jobsPerScan)
        throw new Error('baseline enqueued a different number of jobs');
      log(`  reminder-scan baseline: ${round(ms)} ms`);
      return ms;
    };
    const samples = await alternate(options.rounds, ours, baseline);
    const cold = result('reminder-scan', median(samples.ours), median(samples.baseline), 'ms', {
      asOf: asOf.toISOString(),
      itemsScanned: first!.itemsScanned,
      notificationsCreated: first!.notificationsCreated,
      deliveriesEnqueued: first!.deliveriesEnqueued,
      targetMs: 5000,
      peakRssMb: memory.peakRssMb(),
      peakHeapMb: memory.peakHeapMb(),
      rounds: options.rounds,
      baseline:
        'same rows: INSERT … SELECT unnest per 5,000 items + same escalation UPDATE + addBulk of the same jobs',
    });
    return [cold, await steadyState(dataSource, scanner, asOf, options)];
  } finally {
    await reset().catch(() => undefined);
    await queue.close();
  }
}

interface Batch {
  escalated: string[];
  columns: unknown[][];
}

/** The rows the scan wrote, grouped into the scanner's batches of 5,000 items (by id), ready as unnest arrays. */
async function captureBatches(dataSource: DataSource, asOf: Date): Promise<Batch[]> {
  const ids: string[] = (
    await dataSource.query(`SELECT w.id FROM work_items w WHERE ${SCANNED} ORDER BY w.id`, [horizonOf(asOf)])
  ).map((row: { id: string }) => row.id);
  const rows: {
    recipient_id: string | null;
    webhook_endpoint_id: string | null;
    channel: string;
    kind: string;
    dedupe_key: string;
    work_item_id: string;
    payload: string;
    send_after: Date;
    state: string;
    sent_at: Date | null;
  }[] = await dataSource.query(
    `SELECT recipient_id, webhook_endpoint_id, channel, kind, dedupe_key, work_item_id, payload::text AS payload,
            send_after, state, sent_at
     FROM notifications ORDER BY work_item_id, id`,
  );
  const escalated = new Set<string>(
    (await dataSource.query(`SELECT id FROM work_items WHERE escalated_at IS NOT NULL`)).map(
      (r: { id: string }) => r.id,
    ),
  );
  const batchOf = new Map<string, number>(ids.map((id, index) => [id, Math.floor(index / BATCH_SIZE)]));
  const batches: { escalated: string[]; rows: typeof rows }[] = Array.from(
    { length: Math.ceil(ids.length / BATCH_SIZE) },
    () => ({ escalated: [], rows: [] }),
  );
  for (const id of escalated) batches[batchOf.get(id)!].escalated.push(id);
  for (const row of rows) batches[batchOf.get(row.work_item_id)!].rows.push(row);
  return batches.map((batch) => ({
    escalated: batch.escalated,
    columns: [
      batch.rows.map((r) => r.recipient_id),
      batch.rows.map((r) => r.webhook_endpoint_id),
      batch.rows.map((r) => r.channel),
      batch.rows.map((r) => r.kind),
      batch.rows.map((r) => r.dedupe_key),
      batch.rows.map((r) => r.work_item_id),
      batch.rows.map((r) => r.payload),
      batch.rows.map((r) => r.send_after.toISOString()),
      batch.rows.map((r) => r.state),
      batch.rows.map((r) => r.sent_at?.toISOString() ?? null),
    ],
  }));
}

async function writeBatchDirectly(
  dataSource: DataSource,
  queue: Queue<DeliverNotificationJob>,
  batch: Batch,
  asOf: Date,
  backoffMs: number,
): Promise<number> {
  const written: { id: string; channel: string; send_after: Date }[] = await dataSource.transaction(
    async (manager) => {
      if (batch.escalated.length) {
        await manager.query(
          `UPDATE work_items SET escalated_at = $2 WHERE id = ANY($1::uuid[]) AND escalated_at IS NULL`,
          [batch.escalated, asOf],
        );
      }
      if (!batch.columns[0].length) return [];
      return manager.query(
        `INSERT INTO notifications (recipient_id, webhook_endpoint_id, channel, kind, dedupe_key, work_item_id, payload,
                                  send_after, state, sent_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[],
                            $8::timestamptz[], $9::text[], $10::timestamptz[])
       RETURNING id, channel, send_after`,
        batch.columns,
      );
    },
  );
  const jobs = written
    .filter((row) => row.channel !== 'in_app')
    .map((row) => ({
      name: JOBS.deliverNotification,
      data: { notificationId: row.id },
      opts: {
        jobId: row.id,
        delay: Math.max(0, new Date(row.send_after).getTime() - asOf.getTime()),
        attempts: DELIVERY_ATTEMPTS,
        backoff: { type: 'exponential', delay: backoffMs },
      },
    }));
  if (jobs.length) await queue.addBulk(jobs);
  return written.length;
}

/** Peak RSS and heap of this process (where the scanner runs, as in the worker) between resets. */
function peakMemory() {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 50);
  timer.unref();
  return {
    sample,
    reset() {
      rss = 0;
      heap = 0;
      sample();
    },
    peakRssMb: () => round(rss / 2 ** 20),
    peakHeapMb: () => round(heap / 2 ** 20),
  };
}

/**
 * The scans that follow a cold one as of `asOf`: each next day's first scan reads only the items whose threshold comes that day, and a scan five
 * minutes later reads none. The yardstick is reading every candidate item once without the
 * incremental condition — what any scan that starts from zero pays before deciding anything.
 */
async function steadyState(
  dataSource: DataSource,
  scanner: ReminderScanner,
  asOf: Date,
  options: ScanBenchOptions,
): Promise<BenchmarkResult> {
  // Whichever side ran last, the state is now that of a finished scan as of asOf.
  await scanner.scan(asOf);
  const nextDays: { ms: number; items: number; notifications: number }[] = [];
  const sameDay: number[] = [];
  for (let day = 1; day <= options.rounds; day++) {
    const at = new Date(asOf.getTime() + day * 86_400_000);
    let started = performance.now();
    const scan = await scanner.scan(at);
    nextDays.push({
      ms: performance.now() - started,
      items: scan.itemsScanned,
      notifications: scan.notificationsCreated,
    });
    started = performance.now();
    const again = await scanner.scan(new Date(at.getTime() + 300_000));
    sameDay.push(performance.now() - started);
    if (again.itemsScanned !== 0)
      throw new Error(`a scan five minutes later read ${again.itemsScanned} items`);
    options.log(
      `  reminder-scan-steady day +${day}: ${round(nextDays.at(-1)!.ms)} ms for ${scan.itemsScanned} items; 5 minutes later ${round(sameDay.at(-1)!)} ms`,
    );
  }
  const readAll: number[] = [];
  for (let round_ = 0; round_ < options.rounds; round_++) {
    const started = performance.now();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string }[] = await dataSource.query(
        `SELECT w.id, w.plan_id, w.organization_id, w.owner_id, w.deadline::text AS deadline, w.status, w.title,
                t.code AS task_code, o.name AS organization_name, coalesce(w.last_update_at, w.updated_at) AS last_activity_at
         FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN organizations o ON o.id = w.organization_id
         WHERE ${SCANNED} AND w.id > $2 ORDER BY w.id LIMIT $3`,
        [horizonOf(asOf), after, BATCH_SIZE],
      );
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
    }
    readAll.push(performance.now() - started);
  }
  return result('reminder-scan-steady', median(nextDays.map((d) => d.ms)), median(readAll), 'ms', {
    itemsPerDay: median(nextDays.map((d) => d.items)),
    notificationsPerDay: median(nextDays.map((d) => d.notifications)),
    fiveMinutesLaterMs: round(median(sameDay)),
    targetMs: 1000,
    baseline: 'reading every candidate item once (no incremental condition), deciding and writing nothing',
  });
}
