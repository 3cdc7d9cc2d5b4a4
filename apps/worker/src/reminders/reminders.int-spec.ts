import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestingModule } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { PlanImporter } from '@xietong/domain';
import { verifyWebhookSignature } from '@xietong/notify';
import { QUEUES } from '@xietong/queue';
import { eventually, HttpReceiver, SmtpSink, startHttpReceiver, startSmtpSink } from '@xietong/testing';
import { createTestApp, TestApp } from '../../../api/test/create-test-app';
import { createTestWorker } from '../../test/create-test-worker';

const planText = readFileSync(
  join(__dirname, '../../../../seeds/plans/beibu-gulf-city-cluster-implementation-plan-2022.txt'),
  'utf8',
);
const WEBHOOK_SECRET = 'robot-secret-for-tests';

describe('reminders end to end', () => {
  let sink: SmtpSink;
  let receiver: HttpReceiver;
  let t: TestApp;
  let worker: TestingModule;
  let admin: string;
  let itemId: string;
  let ownerId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    receiver = await startHttpReceiver((request, index) => {
      const signed = verifyWebhookSignature(request.body, request.headers, WEBHOOK_SECRET);
      // The receiver fails three times, then accepts: the delivery must arrive exactly once.
      return { status: signed ? (index < 3 ? 500 : 200) : 401 };
    });
    // No scheduled scans during the test: every scan here is one the test asks for.
    t = await createTestApp({
      SMTP_URL: sink.url,
      DELIVERY_BACKOFF_MS: '50',
      REMINDER_SCAN_EVERY_SECONDS: '86400',
      // The test's receiver listens on loopback, which webhooks refuse unless an administrator allows it.
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    });
    worker = await createTestWorker(t.config);
    admin = await t.login('admin@xietong.local');
    const { planId } = await new PlanImporter(t.db).import({ text: planText, actorId: null });
    [{ id: ownerId }] = await t.db.query(`SELECT id FROM users WHERE email = 'coordinator.gx@xietong.local'`);
    [{ id: itemId }] = await t.db.query(
      `SELECT w.id FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN organizations o ON o.id = w.organization_id
       WHERE t.plan_id = $1 AND t.number = 12 AND o.code = 'GX'`,
      [planId],
    );
    // One live item keeps the mailbox readable: every other item of the plan is cancelled.
    await t.db.query(`UPDATE work_items SET status = 'cancelled' WHERE id <> $1`, [itemId]);
    await t.db.query(
      `UPDATE work_items SET owner_id = $2, status = 'in_progress', progress = 30 WHERE id = $1`,
      [itemId, ownerId],
    );
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.close();
    await receiver.close();
  });

  const scan = (asOf: string) => t.scanReminders(asOf);
  const setDeadline = (deadline: string) =>
    t.db.query(
      `UPDATE work_items SET deadline = $2, start_date = '2021-01-01', last_update_at = $3 WHERE id = $1`,
      [itemId, deadline, `${deadline}T00:00:00Z`],
    );
  const rows = (): Promise<
    { kind: string; channel: string; state: string; dedupe_key: string; send_after: Date }[]
  > =>
    t.db.query(
      `SELECT kind, channel, state, dedupe_key, send_after FROM notifications WHERE work_item_id = $1 ORDER BY created_at`,
      [itemId],
    );

  it('sends exactly one mail per threshold, and nothing on a second scan', async () => {
    await setDeadline('2026-03-10');
    // 10:00 in Shanghai, three days before the deadline.
    expect(await scan('2026-03-07T02:00:00Z')).toMatchObject({
      notificationsCreated: 2,
      deliveriesEnqueued: 1,
    });
    const [mail] = await sink.waitFor(1);
    expect(mail.subject).toBe('【协同】距截止还有3天：(十二)畅通陆海运输大通道 — 广西壮族自治区');
    expect(mail.headers.get('x-xietong-notification-id')).toBeDefined();

    expect(await scan('2026-03-07T02:00:00Z')).toMatchObject({
      notificationsCreated: 0,
      deliveriesEnqueued: 0,
    });
    expect(await scan('2026-03-07T09:00:00Z')).toMatchObject({ notificationsCreated: 0 });

    expect(await scan('2026-03-09T02:00:00Z')).toMatchObject({ notificationsCreated: 2 });
    await sink.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.received.map((m) => m.subject)).toEqual([
      '【协同】距截止还有3天：(十二)畅通陆海运输大通道 — 广西壮族自治区',
      expect.stringContaining('还有1天'),
    ]);

    const coordinator = await t.login('coordinator.gx@xietong.local');
    const inbox = await t.http().get('/api/notifications').set('Authorization', coordinator).expect(200);
    expect(inbox.body).toMatchObject({ total: 2, unread: 2 });
    await t
      .http()
      .post(`/api/notifications/${inbox.body.items[0].id}/read`)
      .set('Authorization', coordinator)
      .expect(204);
    expect(
      (await t.http().get('/api/notifications?unread=true').set('Authorization', coordinator)).body.total,
    ).toBe(1);
    const other = await t.login('coordinator.gd@xietong.local');
    await t
      .http()
      .post(`/api/notifications/${inbox.body.items[1].id}/read`)
      .set('Authorization', other)
      .expect(404);
  });

  it('leaves the scan to the worker: admins get a job id to follow, everyone else is refused', async () => {
    const coordinator = await t.login('coordinator.gx@xietong.local');
    await t.http().post('/api/admin/reminders/scan').set('Authorization', coordinator).send({}).expect(403);
    await t.http().get('/api/admin/reminders/scans/1').set('Authorization', coordinator).expect(403);
    await t
      .http()
      .post('/api/admin/reminders/scan')
      .set('Authorization', admin)
      .send({ asOf: 'yesterday' })
      .expect(400);
    await t.http().get('/api/admin/reminders/scans/no-such-scan').set('Authorization', admin).expect(404);
    // Years before any deadline: the scan runs and finds nothing to say.
    expect(await scan('2020-01-06T02:00:00Z')).toMatchObject({ notificationsCreated: 0 });
  });

  it('defers sends during quiet hours instead of dropping them', async () => {
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await setDeadline(next);
    const mailsBefore = sink.received.length;
    // 23:30 in Shanghai: inside the default 22:00–08:00 quiet hours.
    expect(await scan(`${day}T15:30:00Z`)).toMatchObject({ notificationsCreated: 2 });
    const email = (await rows()).find((row) => row.channel === 'email' && row.state === 'pending');
    expect(email?.send_after.toISOString()).toBe(`${next}T00:00:00.000Z`);
    const deliveries = worker.get<Queue>(getQueueToken(QUEUES.deliveries));
    expect(await deliveries.getDelayedCount()).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.received).toHaveLength(mailsBefore);
  });

  it('counts working days across the Spring Festival holiday when the plan asks for it', async () => {
    await setDeadline('2026-02-25');
    const [{ plan_id: planId }] = await t.db.query(`SELECT plan_id FROM work_items WHERE id = $1`, [itemId]);
    await t.db.query(`UPDATE plans SET reminder_policy = '{"workingDays": true}' WHERE id = $1`, [planId]);
    // Friday 13 Feb: 12 calendar days before, but only 3 working days (14 Feb is a make-up workday, 15–23 the holiday).
    await scan('2026-02-13T02:00:00Z');
    expect((await rows()).map((row) => row.dedupe_key)).toContainEqual(
      expect.stringContaining(`:due_soon:before:3:2026-02-25:${ownerId}:email`),
    );
    await t.db.query(`UPDATE plans SET reminder_policy = NULL WHERE id = $1`, [planId]);
    await t.db.query(`DELETE FROM notifications WHERE work_item_id = $1 AND dedupe_key LIKE '%2026-02-25%'`, [
      itemId,
    ]);
    await scan('2026-02-13T02:00:00Z');
    expect((await rows()).map((row) => row.dedupe_key)).toContainEqual(
      expect.stringContaining(`:due_soon:before:14:2026-02-25:${ownerId}:email`),
    );
  });

  it('signs webhooks and delivers once to a receiver that fails three times first', async () => {
    const [gx] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GX'`);
    await t.db.query(
      `INSERT INTO webhook_endpoints (organization_id, name, url, format, secret) VALUES ($1, '广西工作群', $2, 'json', $3)`,
      [gx.id, `${receiver.url}/hook`, WEBHOOK_SECRET],
    );
    await setDeadline('2026-06-30');
    await scan('2026-06-29T02:00:00Z');
    const [row] = await eventually(
      (): Promise<{ state: string; attempts: number }[]> =>
        t.db.query(`SELECT state, attempts FROM notifications WHERE channel = 'webhook'`),
      (result) => result[0]?.state === 'sent',
    );
    expect(row.attempts).toBe(4);
    expect(receiver.requests).toHaveLength(4);
    const accepted = JSON.parse(receiver.requests[3].body.toString());
    expect(accepted).toMatchObject({ event: 'due_soon', data: { taskCode: '(十二)' } });
  });

  it('records a final failure on the row and lists it for admins', async () => {
    await t.db.query(`UPDATE users SET email = 'refused@gx.example.cn' WHERE id = $1`, [ownerId]);
    await setDeadline('2026-08-31');
    await scan('2026-08-30T02:00:00Z');
    const failed = await eventually(
      async (): Promise<{ channel: string; recipientEmail: string; lastError: string }[]> =>
        (await t.http().get('/api/admin/notifications/failed').set('Authorization', admin)).body,
      (list) => list.length > 0,
    );
    expect(failed[0]).toMatchObject({ channel: 'email', recipientEmail: 'refused@gx.example.cn' });
    expect(failed[0].lastError).toMatch(/No such mailbox/);
    const coordinator = await t.login('coordinator.gd@xietong.local');
    await t.http().get('/api/admin/notifications/failed').set('Authorization', coordinator).expect(403);
  });

  it('gathers the reminders of someone who asked for a daily digest into one mail at 08:00', async () => {
    await t.db.query(`UPDATE users SET email = 'coordinator.gx@xietong.local' WHERE id = $1`, [ownerId]);
    await t.db.query(`UPDATE webhook_endpoints SET enabled = false`);
    await t.db.query(
      `UPDATE users SET notification_preferences = '{"channels": ["email"], "dailyDigest": true}' WHERE id = $1`,
      [ownerId],
    );
    const [task13] = await t.db.query(
      `SELECT w.id FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN organizations o ON o.id = w.organization_id
       WHERE t.number = 13 AND o.code = 'GX'`,
    );
    await t.db.query(
      `UPDATE work_items SET owner_id = $2, status = 'in_progress', deadline = '2026-10-09',
         last_update_at = '2026-10-07T02:00:00Z' WHERE id = ANY($1::uuid[])`,
      [[itemId, task13.id], ownerId],
    );
    const before = sink.received.length;
    // 10:00 in Shanghai on 8 October: both items are due tomorrow; the digest goes out the next morning.
    expect(await scan('2026-10-08T02:00:00Z')).toMatchObject({ notificationsCreated: 2 });
    const digests: { send_after: Date; payload: { digest: boolean } }[] = await t.db.query(
      `SELECT send_after, payload FROM notifications WHERE kind = 'due_soon' AND payload ? 'digest'`,
    );
    expect(digests.map((row) => row.send_after.toISOString())).toEqual([
      '2026-10-09T00:00:00.000Z',
      '2026-10-09T00:00:00.000Z',
    ]);
    // Both are past their digest time (2026-10-09 is before today), so the delivery sends them as one mail.
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    await eventually(
      async (): Promise<number> =>
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM notifications WHERE payload ? 'digest' AND state = 'sent'`,
          )
        )[0].n,
      (sent) => sent === 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received).toHaveLength(before + 1);
    expect(mail.subject).toMatch(/每日提醒汇总.*共2条/);
    expect(mail.text).toContain('(十二)畅通陆海运输大通道');
    expect(mail.text).toContain('(十三)');
  });

  it('reminds an organization that has not posted its weekly update, and its coordinators after the grace period', async () => {
    await t.db.query(
      `UPDATE users SET notification_preferences = '{"channels": ["in_app"], "dailyDigest": false}'`,
    );
    const [{ plan_id: planId }] = await t.db.query(`SELECT plan_id FROM work_items WHERE id = $1`, [itemId]);
    await t.db.query(
      `UPDATE plans SET reporting_cadence = '{"kind": "weekly", "weekday": 5, "time": "12:00", "graceDays": 2}' WHERE id = $1`,
      [planId],
    );
    // Friday 2026-11-13 12:00 was the deadline; it is now Monday 16 November, 10:00 in Shanghai.
    await scan('2026-11-16T02:00:00Z');
    const cadence: { dedupe_key: string; payload: { periodKey: string; dueAt: string } }[] = await t.db.query(
      `SELECT dedupe_key, payload FROM notifications WHERE kind = 'cadence' AND recipient_id = $1 ORDER BY dedupe_key`,
      [ownerId],
    );
    expect(cadence.map((row) => row.dedupe_key)).toEqual([
      expect.stringMatching(/^cadence:.*:2026-W46:due:/),
      expect.stringMatching(/^cadence:.*:2026-W46:grace:2:/),
    ]);
    expect(cadence[0].payload).toMatchObject({ periodKey: '2026-W46', dueAt: '2026-11-13 12:00' });
    await t.db.query(`UPDATE plans SET reporting_cadence = NULL WHERE id = $1`, [planId]);
  });
});
