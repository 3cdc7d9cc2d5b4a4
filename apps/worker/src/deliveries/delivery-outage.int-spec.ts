import { TestingModule } from '@nestjs/testing';
import { OutboxSweeper } from '@xietong/outbox';
import {
  createJointPlan,
  createOverdueMilestones,
  eventually,
  quietEmailReminders,
  SmtpSink,
  startSmtpSink,
} from '@xietong/testing';
import { createTestApp, TestApp } from '../../../api/test/create-test-app';
import { createTestWorker } from '../../test/create-test-worker';

/**
 * Time runs 100× faster here, through the settings: the first retry after 20 ms (2 s), the backoff
 * capped at 3 s (5 min), the retry window 864 s (24 h). A 6-second outage is then a 10-minute
 * one — ten times the 62 s after which the old six attempts from 2 s had failed every reminder
 * for good (0.62 s at this speed).
 */
const COMPRESSED = {
  DELIVERY_BACKOFF_MS: '20',
  DELIVERY_BACKOFF_MAX_MS: '3000',
  OUTBOX_SWEEP_AFTER_SECONDS: '1',
  REMINDER_SCAN_EVERY_SECONDS: '86400',
};
const TEN_MINUTES_COMPRESSED_MS = 6_000;

interface Row {
  state: string;
  failure_kind: string | null;
  last_error: string | null;
}

describe.each([
  ['within the retry window', '864', false],
  // The window shortened below the outage: rows say failed, and the sweeper still retries them.
  ['longer than the retry window', '2', true],
])('an SMTP outage %s', (_name, window, failsDuringOutage) => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestingModule;
  let ownerId: string;
  let parentId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ ...COMPRESSED, SMTP_URL: sink.url, DELIVERY_RETRY_WINDOW_SECONDS: window });
    worker = await createTestWorker(t.config);
    ({ ownerId, parentId } = await quietEmailReminders(t.db, (await createJointPlan(t.db, {})).id));
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.close();
  });

  const rows = (): Promise<Row[]> =>
    t.db.query(`SELECT state, failure_kind, last_error FROM notifications WHERE channel = 'email'`);

  it('delivers every reminder once the server is back', async () => {
    const port = Number(new URL(sink.url).port);
    await sink.close();
    await createOverdueMilestones(t.db, { parentId, ownerId, count: 50, label: window });
    await t.scanReminders();

    await new Promise((resolve) => setTimeout(resolve, TEN_MINUTES_COMPRESSED_MS));
    const during = await rows();
    expect(during).toHaveLength(50);
    expect(during.some((row) => row.state === 'failed')).toBe(failsDuringOutage);
    for (const row of during) {
      expect(row.state).not.toBe('sent');
      expect(row.failure_kind).toBe('transient');
      expect(row.last_error).toMatch(/^无法连接邮件服务器.*连接被拒绝.*connection refused/);
    }
    const attempts: { attempts: number }[] = await t.db.query(`SELECT attempts FROM notifications`);
    // Retried all along, but backing off: far fewer attempts than a tight loop would make.
    expect(attempts.reduce((sum, row) => sum + row.attempts, 0)).toBeGreaterThan(50);
    expect(Math.max(...attempts.map((row) => row.attempts))).toBeLessThan(20);

    sink = await startSmtpSink({ port });
    await eventually(rows, (now) => now.every((row) => row.state === 'sent'), 60_000);
    await sink.waitFor(50, 10_000);
    const ids = sink.received.map((mail) => String(mail.headers.get('x-xietong-notification-id')));
    expect(new Set(ids).size).toBe(50);
  });
});

describe('a permanent refusal', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestingModule;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ ...COMPRESSED, SMTP_URL: sink.url });
    worker = await createTestWorker(t.config);
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.close();
  });

  it('fails at once, says so in words, and is not retried', async () => {
    const { ownerId, parentId } = await quietEmailReminders(t.db, (await createJointPlan(t.db, {})).id);
    await t.db.query(`UPDATE users SET email = 'refused@gx.example.cn' WHERE id = $1`, [ownerId]);
    await createOverdueMilestones(t.db, { parentId, ownerId, count: 1, label: 'refused' });
    const admin = await t.login('admin@xietong.local');
    await t.scanReminders();
    const [failed] = await eventually(
      async () =>
        (await t.http().get('/api/admin/notifications/failed').set('Authorization', admin)).body as {
          lastError: string;
          failureKind: string;
          attempts: number;
        }[],
      (list) => list.length === 1,
    );
    expect(failed).toMatchObject({ failureKind: 'permanent', attempts: 1 });
    expect(failed.lastError).toMatch(/^邮件服务器拒收.*SMTP 550.*不再重试。Not retried\.$/);
    // A sweep an hour later still leaves it alone.
    expect(await worker.get(OutboxSweeper).sweep(new Date(Date.now() + 3_600_000))).toBe(0);
    const [row] = await t.db.query(`SELECT state, attempts FROM notifications WHERE channel = 'email'`);
    expect(row).toEqual({ state: 'failed', attempts: 1 });
    expect(sink.received).toHaveLength(0);
  });
});
