import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanImporter } from '@xietong/domain';
import {
  deleteRedisPrefix,
  eventually,
  SmtpSink,
  startAppProcess,
  startSmtpSink,
  stopProcess,
} from '@xietong/testing';
import { createTestApp, TestApp } from '../../../api/test/create-test-app';

const planText = readFileSync(
  join(__dirname, '../../../../seeds/plans/beibu-gulf-city-cluster-implementation-plan-2022.txt'),
  'utf8',
);

/**
 * Workers as real processes, killed with SIGKILL mid-delivery, and Redis losing the queues: every
 * reminder must arrive, none twice. Mails are counted by the notification id they carry.
 */
describe('delivery reliability', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let workers: ChildProcess[] = [];
  let planId: string;
  let parentId: string;
  let ownerId: string;

  const workerEnv = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: t.config.databaseUrl,
    REDIS_URL: t.config.redisUrl,
    QUEUE_PREFIX: t.config.queuePrefix,
    SMTP_URL: sink.url,
    LOG_LEVEL: 'silent',
    DELIVERY_CONCURRENCY: '8',
    DELIVERY_BACKOFF_MS: '100',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    OUTBOX_SWEEP_AFTER_SECONDS: '2',
    REMINDER_SCAN_EVERY_SECONDS: '86400',
  });
  const startWorker = () => {
    const worker = startAppProcess('worker', workerEnv());
    workers.push(worker);
    return worker;
  };
  const receivedIds = () =>
    sink.received.map((mail) => String(mail.headers.get('x-xietong-notification-id')));
  const pendingCount = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE state <> 'sent'`))[0].n as number;

  /** `count` overdue milestones owned by one person who takes email only, and a scan that finds them. */
  const createOverdueReminders = async (count: number, label: string) => {
    const today = new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 10);
    await t.db.query(
      `INSERT INTO work_items (plan_id, task_id, organization_id, parent_id, title, owner_id, deadline, original_deadline, start_date, status)
       SELECT p.plan_id, p.task_id, p.organization_id, p.id, $3 || '里程碑' || g, $4, $5, $5, '2021-01-01', 'in_progress'
       FROM work_items p, generate_series(1, $2) g WHERE p.id = $1`,
      [parentId, count, label, ownerId, today],
    );
    const admin = await t.login('admin@xietong.local');
    const scan = await t
      .http()
      .post('/api/admin/reminders/scan')
      .set('Authorization', admin)
      .send({})
      .expect(200);
    expect(scan.body).toMatchObject({ notificationsCreated: count });
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, REMINDER_SCAN_EVERY_SECONDS: '86400' });
    ({ planId } = (await new PlanImporter(t.db).import({ text: planText, actorId: null })) as {
      planId: string;
    });
    // Quiet hours off, so the test means the same at any hour of the day it runs.
    await t.db.query(`UPDATE plans SET reminder_policy = '{"quietHours": null}' WHERE id = $1`, [planId]);
    await t.db.query(`UPDATE work_items SET status = 'cancelled'`);
    [{ id: ownerId }] = await t.db.query(`SELECT id FROM users WHERE email = 'coordinator.gx@xietong.local'`);
    await t.db.query(
      `UPDATE users SET notification_preferences = '{"channels": ["email"], "dailyDigest": false}' WHERE id = $1`,
      [ownerId],
    );
    [{ id: parentId }] = await t.db.query(`SELECT id FROM work_items WHERE parent_id IS NULL LIMIT 1`);
  });

  afterEach(async () => {
    await Promise.all(workers.map((worker) => stopProcess(worker)));
    workers = [];
  });

  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('delivers 2,000 reminders exactly once with two workers, one of them SIGKILLed mid-run and restarted', async () => {
    await createOverdueReminders(2000, 'A');
    const first = startWorker();
    startWorker();
    await sink.waitFor(300, 60_000);
    await stopProcess(first, 'SIGKILL');
    startWorker();

    await eventually(pendingCount, (pending) => pending === 0, 120_000);
    await sink.waitFor(2000, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ids = receivedIds();
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
  });

  it('recovers every pending reminder through the sweeper after Redis loses the queues', async () => {
    const before = sink.received.length;
    await createOverdueReminders(200, 'B');
    // Redis "loses its data": every key of this run's prefix, jobs included, is gone.
    await deleteRedisPrefix(t.config.queuePrefix);
    startWorker();
    await eventually(pendingCount, (pending) => pending === 0, 60_000);
    await sink.waitFor(before + 200, 30_000);
    const ids = receivedIds().slice(before);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });
});
