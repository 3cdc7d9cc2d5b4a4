import { JwtService } from '@nestjs/jwt';
import { TEST_DEMO_PASSWORD } from '@xietong/testing';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/** bull-board behind the app's own sign-in: admins only, through a pass bound to their session. */
describe('queue dashboard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signIn = async (email: string) => {
    const { body } = await t
      .http()
      .post('/api/auth/login')
      .send({ email, password: TEST_DEMO_PASSWORD })
      .expect(200);
    return body as { accessToken: string; refreshToken: string };
  };
  const openPass = (accessToken: string) =>
    t.http().post('/api/admin/queue-dashboard/pass').set('Authorization', `Bearer ${accessToken}`);
  const passCookie = (setCookie: string[] | string | undefined) =>
    [setCookie ?? []]
      .flat()
      .find((cookie) => cookie.startsWith('xietong_queue_dashboard='))!
      .split(';')[0];

  it('opens for an admin with a pass cookie scoped to the dashboard, and lists the three queues', async () => {
    const admin = await signIn('admin@xietong.local');
    const opened = await openPass(admin.accessToken).expect(200);
    expect(opened.body).toEqual({ url: '/ops/queues/' });
    const [setCookie] = [opened.headers['set-cookie']].flat();
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/ops\/queues/);
    const cookie = passCookie(opened.headers['set-cookie']);

    const page = await t.http().get('/ops/queues/').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('__UI_CONFIG__');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const queues = await t.http().get('/ops/queues/api/queues').set('Cookie', cookie).expect(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
      'deliveries',
      'reminders',
      'reports',
    ]);
  });

  it('refuses anyone else, and ends with the session', async () => {
    const refused = await t.http().get('/ops/queues/').expect(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(refused.text).detail).toMatch(/队列面板/);

    const coordinator = await signIn('coordinator.gx@xietong.local');
    await openPass(coordinator.accessToken).expect(403);
    // An access token is not a pass (no dashboard audience), nor is a pass signed with another key.
    await t
      .http()
      .get('/ops/queues/api/queues')
      .set('Cookie', `xietong_queue_dashboard=${coordinator.accessToken}`)
      .expect(401);
    const forged = new JwtService({ secret: 'not-the-secret' }).sign(
      { sub: 'x', role: 'admin' },
      { audience: 'queue-dashboard', expiresIn: 600 },
    );
    await t
      .http()
      .get('/ops/queues/api/queues')
      .set('Cookie', `xietong_queue_dashboard=${forged}`)
      .expect(401);

    const admin = await signIn('admin@xietong.local');
    const cookie = passCookie((await openPass(admin.accessToken).expect(200)).headers['set-cookie']);
    await t.http().get('/ops/queues/api/queues').set('Cookie', cookie).expect(200);
    await t.http().post('/api/auth/logout').send({ refreshToken: admin.refreshToken }).expect(204);
    const afterLogout = await t.http().get('/ops/queues/api/queues').set('Cookie', cookie).expect(401);
    expect(JSON.parse(afterLogout.text).detail).toMatch(/会话已结束/);
  });
});
