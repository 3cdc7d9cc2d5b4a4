import { createJointPlan } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('settings', () => {
  let t: TestApp;
  let planId: string;
  let guangxi: string;

  beforeAll(async () => {
    // An administrator allows one loopback host (as the tests' local receivers need); nothing else private.
    t = await createTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    ({ id: planId } = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] }));
    [{ id: guangxi }] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GX'`);
  });
  afterAll(() => t.close());

  const as = async (email: string) => await t.login(email);

  it('lets anyone choose their channels and daily digest, and refuses an unknown time zone', async () => {
    const auth = await as('liaison.gx@xietong.local');
    const saved = await t
      .http()
      .patch('/api/me/settings')
      .set('Authorization', auth)
      .send({ notificationPreferences: { channels: ['in_app'], dailyDigest: true }, timeZone: 'Asia/Urumqi' })
      .expect(200);
    // Merged into what is stored: the co-lead choice nobody sent keeps its default.
    expect(saved.body).toEqual({
      notificationPreferences: { channels: ['in_app'], dailyDigest: true, coLeadUpdates: 'digest' },
      locale: 'zh-CN',
      timeZone: 'Asia/Urumqi',
    });
    const bad = await t
      .http()
      .patch('/api/me/settings')
      .set('Authorization', auth)
      .send({ timeZone: 'Mars/Olympus' })
      .expect(400);
    expect(bad.body.detail).toMatch(/Mars\/Olympus/);
    await t
      .http()
      .patch('/api/me/settings')
      .set('Authorization', auth)
      .send({ notificationPreferences: { channels: ['fax'], dailyDigest: false } })
      .expect(400);
  });

  it('lets the plan’s manager set its reminder policy with readable validation, and nobody else', async () => {
    const manager = await as('manager@xietong.local');
    const saved = await t
      .http()
      .patch(`/api/plans/${planId}/settings`)
      .set('Authorization', manager)
      .send({
        reminderPolicy: { workingDays: true, daysBefore: [7, 3, 1] },
        reportingCadence: { kind: 'weekly', weekday: 5, time: '12:00' },
      })
      .expect(200);
    expect(saved.body.reminderPolicy).toEqual({ workingDays: true, daysBefore: [7, 3, 1] });
    const wrong = await t
      .http()
      .patch(`/api/plans/${planId}/settings`)
      .set('Authorization', manager)
      .send({ reminderPolicy: { quietHours: { start: '25:00', end: '08:00' } } })
      .expect(400);
    expect(wrong.body.detail).toMatch(/quietHours\.start/);
    const coordinator = await as('coordinator.gx@xietong.local');
    await t.http().get(`/api/plans/${planId}/settings`).set('Authorization', coordinator).expect(200);
    const refused = await t
      .http()
      .patch(`/api/plans/${planId}/settings`)
      .set('Authorization', coordinator)
      .send({ reminderPolicy: null })
      .expect(403);
    expect(refused.body.detail).toMatch(/规划负责人/);
  });

  it('lets an organization’s coordinators manage its group robots, never showing the secret', async () => {
    const coordinator = await as('coordinator.gx@xietong.local');
    const created = await t
      .http()
      .post(`/api/organizations/${guangxi}/webhooks`)
      .set('Authorization', coordinator)
      .send({
        name: '广西协调群',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
        format: 'dingtalk',
        secret: 'SECabc',
      })
      .expect(201);
    expect(created.body).toMatchObject({ name: '广西协调群', format: 'dingtalk' });
    expect(created.body.secret).toBeUndefined();
    const list = await t
      .http()
      .get(`/api/organizations/${guangxi}/webhooks`)
      .set('Authorization', coordinator)
      .expect(200);
    expect(list.body).toHaveLength(1);

    const guangdong = await as('coordinator.gd@xietong.local');
    await t.http().get(`/api/organizations/${guangxi}/webhooks`).set('Authorization', guangdong).expect(403);
    await t
      .http()
      .post(`/api/organizations/${guangxi}/webhooks`)
      .set('Authorization', coordinator)
      .send({ name: 'x', url: 'not a url', format: 'wecom' })
      .expect(400);
    await t
      .http()
      .delete(`/api/organizations/${guangxi}/webhooks/${created.body.id}`)
      .set('Authorization', guangdong)
      .expect(403);
    await t
      .http()
      .delete(`/api/organizations/${guangxi}/webhooks/${created.body.id}`)
      .set('Authorization', coordinator)
      .expect(204);
  });

  it.each([
    ['loopback', 'http://127.0.0.2:6379/', /不能向回环地址推送/],
    ['a name for loopback', 'http://localhost:5432/', /不能向回环地址推送（localhost 解析到/],
    ['the metadata service', 'http://169.254.169.254/latest/meta-data/', /不能向链路本地地址推送/],
    ['a private address', 'http://10.0.0.1/hook', /不能向内网地址推送/],
    ['a private 192.168 address', 'http://192.168.0.10/hook', /不能向内网地址推送/],
    ['multicast', 'http://239.1.1.1/hook', /不能向组播地址推送/],
    ['0.0.0.0', 'http://0.0.0.0:3000/', /不能向未指定地址推送/],
    ['IPv6 loopback', 'http://[::1]:6379/', /不能向回环地址推送/],
    ['IPv6 unspecified', 'http://[::]/', /不能向未指定地址推送/],
    ['IPv6 link-local', 'http://[fe80::1]/', /不能向链路本地地址推送/],
    ['IPv6 unique local', 'http://[fd12:3456::1]/', /不能向内网地址推送/],
    ['IPv4-mapped IPv6', 'http://[::ffff:10.0.0.1]/', /不能向内网地址推送/],
    ['decimal loopback', 'http://2130706434/', /不能向回环地址推送/],
    ['octal loopback', 'http://0177.0.0.2/', /不能向回环地址推送/],
    ['hex private', 'http://0x0a.0.0.1/', /不能向内网地址推送/],
    ['credentials', 'https://user:pass@hooks.example.cn/in', /不能包含用户名或密码/],
    ['another scheme', 'gopher://hooks.example.cn/', /http:\/\/ 或 https:\/\//],
  ])('refuses a webhook to %s with a 400 that says why', async (_name, url, reason) => {
    const coordinator = await as('coordinator.gx@xietong.local');
    const refused = await t
      .http()
      .post(`/api/organizations/${guangxi}/webhooks`)
      .set('Authorization', coordinator)
      .send({ name: '内网探测', url, format: 'json' })
      .expect(400);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.detail).toMatch(reason);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM webhook_endpoints WHERE name = '内网探测'`,
    );
    expect(n).toBe(0);
  });

  it('accepts a host the administrator allowed', async () => {
    const coordinator = await as('coordinator.gx@xietong.local');
    const created = await t
      .http()
      .post(`/api/organizations/${guangxi}/webhooks`)
      .set('Authorization', coordinator)
      .send({ name: '本机接收端', url: 'http://127.0.0.1:9/hook', format: 'json' })
      .expect(201);
    await t
      .http()
      .delete(`/api/organizations/${guangxi}/webhooks/${created.body.id}`)
      .set('Authorization', coordinator)
      .expect(204);
  });
});
