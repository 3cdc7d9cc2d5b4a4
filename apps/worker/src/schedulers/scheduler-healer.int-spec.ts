import { getQueueToken } from '@nestjs/bullmq';
import { TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { QUEUES, REDIS, reportSchedulerId } from '@xietong/queue';
import {
  createJointPlan,
  deleteRedisPrefix,
  eventually,
  SmtpSink,
  startSmtpSink,
  TEST_REDIS_URL,
} from '@xietong/testing';
import { createTestApp, TestApp } from '../../../api/test/create-test-app';
import { createTestWorker } from '../../test/create-test-worker';
import {
  OUTBOX_SWEEP_SCHEDULER,
  REMINDER_SCAN_SCHEDULER,
  REPORT_RUN_SWEEP_SCHEDULER,
} from './scheduler-healer';

/**
 * Redis loses every key of the queue prefix while the worker keeps running: its schedulers come
 * back by themselves (no restart), and report runs whose jobs went with them are finished.
 */
describe('schedulers that heal', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestingModule;
  let reminders: Queue;
  let reports: Queue;
  let planId: string;
  let managerId: string;
  let scheduleId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      REMINDER_SCAN_EVERY_SECONDS: '86400',
      // Shortened from 60 s and 15 min so the test takes seconds.
      SCHEDULER_HEAL_EVERY_SECONDS: '2',
      REPORT_RUN_TIMEOUT_SECONDS: '2',
    });
    ({ id: planId } = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] }));
    [{ id: managerId }] = await t.db.query(`SELECT id FROM users WHERE email = 'manager@xietong.local'`);
    [{ id: scheduleId }] = await t.db.query(
      `INSERT INTO report_schedules (plan_id, name, cron, timezone, formats, recipient_ids, created_by_id)
       VALUES ($1, '每周联合进展报告', '0 8 * * 1', 'Asia/Shanghai', '{csv}', $2, $3) RETURNING id`,
      [planId, [managerId], managerId],
    );
    worker = await createTestWorker(t.config);
    reminders = worker.get(getQueueToken(QUEUES.reminders));
    reports = worker.get(getQueueToken(QUEUES.reports));
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.close();
  });

  const schedulers = async () => ({
    reminders: (await reminders.getJobSchedulers()).map((scheduler) => scheduler.key).sort(),
    reports: (await reports.getJobSchedulers()).map((scheduler) => scheduler.key).sort(),
  });
  const expected = () => ({
    reminders: [OUTBOX_SWEEP_SCHEDULER, REMINDER_SCAN_SCHEDULER].sort(),
    reports: [reportSchedulerId(scheduleId), REPORT_RUN_SWEEP_SCHEDULER].sort(),
  });

  it('re-creates the scan, the sweepers and every report schedule after the prefix is flushed, without a restart', async () => {
    expect(await schedulers()).toEqual(expected());
    await deleteRedisPrefix(t.config.queuePrefix);
    expect(await schedulers()).toEqual({ reminders: [], reports: [] });

    const started = Date.now();
    await eventually(schedulers, (now) => JSON.stringify(now) === JSON.stringify(expected()), 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);
    // Each fires again: its next job is back too.
    const scan = await reminders.getJobScheduler(REMINDER_SCAN_SCHEDULER);
    expect(await reminders.getJob(`repeat:${REMINDER_SCAN_SCHEDULER}:${scan?.next}`)).toBeDefined();
    const weekly = await reports.getJobScheduler(reportSchedulerId(scheduleId));
    expect(weekly).toMatchObject({ pattern: '0 8 * * 1', tz: 'Asia/Shanghai' });
  });

  it('finishes report runs whose jobs Redis lost: an on-demand run is built, a scheduled one built and mailed', async () => {
    const [onDemand] = await t.db.query(
      `INSERT INTO report_runs (plan_id, requested_by_id, formats) VALUES ($1, $2, '{csv}') RETURNING id`,
      [planId, managerId],
    );
    const [scheduled] = await t.db.query(
      `INSERT INTO report_runs (plan_id, schedule_id, formats, state) VALUES ($1, $2, '{csv}', 'running') RETURNING id`,
      [planId, scheduleId],
    );
    // Their jobs are gone: nothing in Redis knows about these runs.
    expect(await reports.getJob(onDemand.id)).toBeUndefined();

    const states = () =>
      t.db.query(`SELECT id, state FROM report_runs WHERE id = ANY($1::uuid[]) ORDER BY id`, [
        [onDemand.id, scheduled.id],
      ]) as Promise<{ id: string; state: string }[]>;
    await eventually(states, (runs) => runs.every((run) => run.state === 'done'), 60_000);
    const mail = await eventually(
      async () => sink.received.filter((received) => received.subject?.includes('每周联合进展报告')),
      (mails) => mails.length === 1,
      60_000,
    );
    expect(mail[0].attachments.map((file) => file.filename)).toEqual([expect.stringMatching(/\.csv$/)]);
  });
});

/**
 * Redis comes back after an outage or failover without the keys: the worker checks its schedulers
 * as soon as its connection is ready again, long before its next timed check.
 */
describe('schedulers that heal on reconnect', () => {
  let t: TestApp;
  let worker: TestingModule;
  let reminders: Queue;

  beforeAll(async () => {
    t = await createTestApp({ REMINDER_SCAN_EVERY_SECONDS: '86400', SCHEDULER_HEAL_EVERY_SECONDS: '3600' });
    worker = await createTestWorker(t.config);
    reminders = worker.get(getQueueToken(QUEUES.reminders));
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('re-creates the scan and the sweeper when its Redis connection is cut and comes back empty', async () => {
    const keys = async () => (await reminders.getJobSchedulers()).map((scheduler) => scheduler.key).sort();
    const expected = [OUTBOX_SWEEP_SCHEDULER, REMINDER_SCAN_SCHEDULER].sort();
    expect(await keys()).toEqual(expected);
    await deleteRedisPrefix(t.config.queuePrefix);
    expect(await keys()).toEqual([]);

    // The server drops the worker's connection, as a restart or failover would.
    const workerRedis = worker.get<Redis>(REDIS);
    const clientId = await workerRedis.client('ID');
    const admin = new Redis(TEST_REDIS_URL);
    try {
      expect(await admin.client('KILL', 'ID', String(clientId))).toBe(1);
    } finally {
      admin.disconnect();
    }
    const started = Date.now();
    await eventually(keys, (now) => JSON.stringify(now) === JSON.stringify(expected), 20_000);
    // Well before the hourly check: the reconnect did it.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
