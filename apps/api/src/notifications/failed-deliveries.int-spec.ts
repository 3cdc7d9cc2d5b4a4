import { TestingModule } from '@nestjs/testing';
import { createJointPlan, eventually, SmtpSink, startSmtpSink } from '@xietong/testing';
import { createTestWorker } from '../../../worker/test/create-test-worker';
import { createTestApp, TestApp } from '../../test/create-test-app';

/** An admin reads why a mail failed in plain words, fixes the address and sends it again. */
describe('failed deliveries', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestingModule;
  let admin: string;
  let liaisonId: string;
  let itemId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url });
    worker = await createTestWorker(t.config);
    admin = await t.login('admin@xietong.local');
    [{ id: liaisonId }] = await t.db.query(`SELECT id FROM users WHERE email = 'liaison.gx@xietong.local'`);
    // The sink answers 550 5.1.1 for refused@…, as a server does for a mailbox that does not exist.
    await t.db.query(
      `UPDATE users SET email = 'refused@gx.example.cn', notification_preferences = '{"channels": ["email"], "dailyDigest": false}'
       WHERE id = $1`,
      [liaisonId],
    );
    itemId = (await createJointPlan(t.db)).tasks[0].items.GX;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.close();
  });

  const failed = async () =>
    (await t.http().get('/api/admin/notifications/failed').set('Authorization', admin).expect(200)).body;

  it('says in words why a mail was refused, and sends it again once the address is fixed', async () => {
    await t
      .http()
      .patch(`/api/work-items/${itemId}`)
      .set('Authorization', await t.login('coordinator.gx@xietong.local'))
      .send({ version: 1, ownerId: liaisonId })
      .expect(200);
    const [row] = await eventually(failed, (list) => list.length > 0);
    expect(row).toMatchObject({
      kind: 'assigned',
      channel: 'email',
      failureKind: 'permanent',
      recipientEmail: 'refused@gx.example.cn',
      recipientName: '广西驻粤办联络员',
      reason: 'mailbox_not_found',
      reasonText: '收件服务器拒收：邮箱不存在',
      workItemId: itemId,
    });
    // The server's own words stay beside it for whoever fixes it.
    expect(row.lastError).toContain('5.1.1');

    // Only admins retry, only failed rows, only real ones.
    const coordinator = await t.login('coordinator.gx@xietong.local');
    const forbidden = await t
      .http()
      .post(`/api/admin/notifications/${row.id}/retry`)
      .set('Authorization', coordinator)
      .expect(403);
    expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
    await t
      .http()
      .get('/api/admin/notifications/failed')
      .set('Authorization', await t.login('manager@xietong.local'))
      .expect(403);
    await t
      .http()
      .post('/api/admin/notifications/00000000-0000-4000-8000-000000000000/retry')
      .set('Authorization', admin)
      .expect(404);
    await t.http().post('/api/admin/notifications/not-a-uuid/retry').set('Authorization', admin).expect(400);

    // The address is corrected (email is not editable through the API yet), then the admin retries.
    await t.db.query(`UPDATE users SET email = 'li.ming@gx.example.cn' WHERE id = $1`, [liaisonId]);
    const retried = await t
      .http()
      .post(`/api/admin/notifications/${row.id}/retry`)
      .set('Authorization', admin)
      .expect(202);
    expect(retried.body).toEqual({ id: row.id, state: 'pending', retried: 1 });
    const [mail] = await sink.waitFor(1);
    expect(mail.to).toMatchObject({ text: 'li.ming@gx.example.cn' });
    const [sent] = await eventually(
      () => t.db.query(`SELECT state, last_error FROM notifications WHERE id = $1`, [row.id]),
      (rows) => rows[0].state === 'sent',
    );
    expect(sent.last_error).toBeNull();
    expect(await failed()).toEqual([]);

    const again = await t
      .http()
      .post(`/api/admin/notifications/${row.id}/retry`)
      .set('Authorization', admin)
      .expect(409);
    expect(again.body.detail).toContain('已发送');
    const [entry] = await t.db.query(
      `SELECT before, after FROM audit_log WHERE action = 'notification.retried' AND entity_id = $1`,
      [row.id],
    );
    expect(entry).toMatchObject({
      before: { state: 'failed', failureKind: 'permanent' },
      after: { state: 'pending' },
    });
  });
});
