import { nextDigestTime } from '@xietong/rules';
import { createJointPlan, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

interface Row {
  recipient: string;
  channel: string;
  kind: string;
  digest: boolean;
  send_after: Date;
}

/** What people asked of the notifications: mark all read, quiet about their own doing, co-lead posts grouped. */
describe('notifications people welcome', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const users: { id: string; email: string }[] = await t.db.query(`SELECT id, email FROM users`);
    for (const user of users) ids[user.email.split('@')[0]] = user.id;
    for (const who of ['coordinator.gx', 'coordinator.gd', 'liaison.gx', 'admin']) {
      tokens[who] = await t.login(`${who}@xietong.local`);
    }
  });
  afterAll(() => t.close());

  const rowsFor = (itemIds: string[]): Promise<Row[]> =>
    t.db.query(
      `SELECT u.email AS recipient, n.channel, n.kind, n.payload ? 'digest' AS digest, n.send_after
       FROM notifications n JOIN users u ON u.id = n.recipient_id
       WHERE n.work_item_id = ANY($1::uuid[]) ORDER BY n.created_at, u.email, n.channel`,
      [itemIds],
    );
  const post = (who: string, itemId: string, text: string) =>
    t
      .http()
      .post(`/api/work-items/${itemId}/updates`)
      .set('Authorization', tokens[who])
      .send({ text })
      .expect(201);
  const assign = (who: string, itemId: string, ownerId: string) =>
    t
      .http()
      .patch(`/api/work-items/${itemId}`)
      .set('Authorization', tokens[who])
      .send({ version: 1, ownerId })
      .expect(200);
  const inbox = async (who: string, query: Record<string, string | number> = {}) =>
    (await t.http().get('/api/notifications').query(query).set('Authorization', tokens[who]).expect(200))
      .body;

  describe('your own actions', () => {
    let plan: JointPlanFixture;
    beforeAll(async () => {
      plan = await createJointPlan(t.db);
    });

    it('never tell you about an item you assigned to yourself or an update you posted, on any channel', async () => {
      const { GX, GD } = plan.tasks[0].items;
      await assign('coordinator.gx', GX, ids['coordinator.gx']);
      await post('coordinator.gx', GX, '钦州港航道疏浚完成');
      await post('coordinator.gd', GD, '湛江港集装箱码头投产');

      const rows = await rowsFor([GX, GD]);
      const mine = rows.filter((row) => row.recipient === 'coordinator.gx@xietong.local');
      // Guangxi hears of Guangdong's post only: not its own assignment, not its own post.
      expect(mine.map((row) => [row.kind, row.channel])).toEqual([
        ['update_posted', 'email'],
        ['update_posted', 'in_app'],
      ]);
      expect(
        rows.filter((row) => row.recipient === 'coordinator.gd@xietong.local').map((row) => row.kind),
      ).toEqual(['update_posted', 'update_posted']);
      expect((await inbox('coordinator.gx')).items.map((n: { kind: string }) => n.kind)).not.toContain(
        'assigned',
      );
    });
  });

  describe('co-lead updates', () => {
    let plan: JointPlanFixture;
    beforeAll(async () => {
      plan = await createJointPlan(t.db);
      // The Guangxi liaison office owns Guangxi's item: it acts for Guangxi.
      await assign('coordinator.gx', plan.tasks[0].items.GX, ids['liaison.gx']);
    });

    it('are grouped into the daily digest by default; your own unit’s posts are not', async () => {
      const { GX, GD } = plan.tasks[0].items;
      const before = new Date();
      await post('coordinator.gd', GD, '湛江港30万吨级航道已开工');
      await post('coordinator.gx', GX, '北海港铁山港区扩能工程已开工');

      const liaison = (await rowsFor([GX, GD])).filter(
        (row) => row.recipient === 'liaison.gx@xietong.local' && row.kind === 'update_posted',
      );
      const [coLeadMail, coLeadInApp, ownUnitMail, ownUnitInApp] = liaison;
      expect(liaison).toHaveLength(4);
      expect(coLeadMail).toMatchObject({ channel: 'email', digest: true });
      expect(coLeadMail.send_after.getTime()).toBe(nextDigestTime(before, 'Asia/Shanghai').getTime());
      // In the bell at once; only the mail waits for the digest.
      expect(coLeadInApp).toMatchObject({ channel: 'in_app', digest: false });
      expect(coLeadInApp.send_after.getTime()).toBeLessThanOrEqual(Date.now());
      expect(ownUnitMail).toMatchObject({ channel: 'email', digest: false });
      expect(ownUnitMail.send_after.getTime()).toBeLessThanOrEqual(Date.now());
      expect(ownUnitInApp).toMatchObject({ channel: 'in_app', digest: false });
      expect((await t.http().get('/api/me').set('Authorization', tokens['liaison.gx'])).body).toMatchObject({
        notificationPreferences: { channels: ['email', 'in_app'], dailyDigest: false },
      });
    });

    it('come one by one to a person who opts in, who keeps that choice when changing other settings', async () => {
      const { GD } = plan.tasks[0].items;
      const settings = (body: object) =>
        t.http().patch('/api/me/settings').set('Authorization', tokens['liaison.gx']).send(body);
      const refused = await settings({
        notificationPreferences: {
          channels: ['email', 'in_app'],
          dailyDigest: false,
          coLeadUpdates: 'weekly',
        },
      }).expect(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([
        'notificationPreferences.coLeadUpdates',
      ]);
      await settings({
        notificationPreferences: { channels: ['email', 'in_app'], dailyDigest: false, coLeadUpdates: 'each' },
      }).expect(200);
      // An older client sends only the fields it knows: the choice stays.
      const kept = await settings({
        notificationPreferences: { channels: ['email', 'in_app'], dailyDigest: false },
      }).expect(200);
      expect(kept.body.notificationPreferences.coLeadUpdates).toBe('each');

      await post('coordinator.gd', GD, '湛江港航道二期完成招标');
      const [mail] = (await rowsFor([GD]))
        .filter((row) => row.recipient === 'liaison.gx@xietong.local' && row.channel === 'email')
        .slice(-1);
      expect(mail).toMatchObject({ kind: 'update_posted', digest: false });
      expect(mail.send_after.getTime()).toBeLessThanOrEqual(Date.now());
    });
  });

  describe('the notifications page', () => {
    it('pages and filters unread, marks all read for the person asking and nobody else', async () => {
      const plan = await createJointPlan(t.db);
      const { GX, GD } = plan.tasks[0].items;
      await post('coordinator.gx', GX, '第一条');
      await post('coordinator.gx', GX, '第二条');
      await post('coordinator.gx', GX, '第三条');
      await post('coordinator.gd', GD, '广东的反馈');

      const all = await inbox('coordinator.gd', { unread: 'true', pageSize: 2 });
      expect(all.unread).toBeGreaterThanOrEqual(3);
      expect(all.items).toHaveLength(2);
      const second = await inbox('coordinator.gd', { unread: 'true', pageSize: 2, page: 2 });
      expect(second.items[0].id).not.toBe(all.items[0].id);
      expect(second.total).toBe(all.total);

      // One read by hand first: read-all counts only the rest.
      await t
        .http()
        .post(`/api/notifications/${all.items[0].id}/read`)
        .set('Authorization', tokens['coordinator.gd'])
        .expect(204);
      const guangxiBefore = (await inbox('coordinator.gx')).unread;
      const marked = await t
        .http()
        .post('/api/notifications/read-all')
        .set('Authorization', tokens['coordinator.gd'])
        .expect(200);
      expect(marked.body).toEqual({ marked: all.unread - 1 });
      expect(await inbox('coordinator.gd', { unread: 'true' })).toMatchObject({
        unread: 0,
        total: 0,
        items: [],
      });
      expect((await inbox('coordinator.gd')).total).toBeGreaterThanOrEqual(all.total);
      expect((await inbox('coordinator.gx')).unread).toBe(guangxiBefore);
      expect(guangxiBefore).toBeGreaterThan(0);

      await t
        .http()
        .post('/api/notifications/read-all')
        .set('Authorization', tokens['coordinator.gd'])
        .expect(200, { marked: 0 });
      await t.http().post('/api/notifications/read-all').expect(401);
      // Another person's notification is as unknown as a missing one.
      const guangxiOne = (await inbox('coordinator.gx')).items[0].id;
      await t
        .http()
        .post(`/api/notifications/${guangxiOne}/read`)
        .set('Authorization', tokens['coordinator.gd'])
        .expect(404);
      const badPage = await t
        .http()
        .get('/api/notifications')
        .query({ page: 0 })
        .set('Authorization', tokens['coordinator.gd'])
        .expect(400);
      expect(badPage.body.errors[0].field).toBe('page');
    });
  });
});
