import { createJointPlan } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

/** Inputs people (and their scripts) send by mistake get a 4xx that says what is wrong, never a 500. */
describe('bad input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses credentials that are not strings', async () => {
    const response = await t.http().post('/api/auth/login').send({ email: 1, password: 'x' }).expect(400);
    expect(response.body.detail).toMatch(/must be strings/);
  });

  it('refuses null for a field that cannot be empty', async () => {
    await createJointPlan(t.db);
    const [item] = await t.db.query(
      `SELECT w.id, w.version FROM work_items w JOIN organizations o ON o.id = w.organization_id WHERE o.code = 'GX' LIMIT 1`,
    );
    const coordinator = await t.login('coordinator.gx@xietong.local');
    const response = await t
      .http()
      .patch(`/api/work-items/${item.id}`)
      .set('Authorization', coordinator)
      .send({ version: item.version, deadline: null })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('reads unread=false as false', async () => {
    const coordinator = await t.login('coordinator.gx@xietong.local');
    const [user] = await t.db.query(`SELECT id FROM users WHERE email = 'coordinator.gx@xietong.local'`);
    await t.db.query(
      `INSERT INTO notifications (recipient_id, channel, kind, dedupe_key, payload, state, sent_at, read_at)
       VALUES ($1, 'in_app', 'assigned', 'bad-input:read', '{}', 'sent', now(), now()),
              ($1, 'in_app', 'assigned', 'bad-input:unread', '{}', 'sent', now(), NULL)`,
      [user.id],
    );
    const all = await t
      .http()
      .get('/api/notifications?unread=false')
      .set('Authorization', coordinator)
      .expect(200);
    expect(all.body.total).toBe(2);
    const unread = await t
      .http()
      .get('/api/notifications?unread=true')
      .set('Authorization', coordinator)
      .expect(200);
    expect(unread.body.total).toBe(1);
  });
});
