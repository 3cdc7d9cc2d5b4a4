import { createJointPlan } from '@xietong/testing';
import request from 'supertest';
import { createTestApp, TestApp } from '../../test/create-test-app';
import { listApiRoutes } from '../../test/list-routes';

const UNSAFE_INTEGER = 2 ** 53;
/** Field names our routes read, so the values reach a DTO wherever one exists. */
const FIELDS = ['text', 'title', 'email', 'password', 'name', 'reason', 'note', 'q', 'refreshToken', 'cron'];
const NUMBER_FIELDS = ['version', 'progress', 'page', 'pageSize', 'number'];

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

  describe('on every route (read from the router, so new routes are covered)', () => {
    let admin: string;
    let routes: ReturnType<typeof listApiRoutes>;
    beforeAll(async () => {
      admin = await t.login('admin@xietong.local');
      routes = listApiRoutes(t);
      expect(routes.length).toBeGreaterThan(40);
    });

    const send = (method: string, path: string, params: string) =>
      request(t.app.getHttpServer())
        [method as 'post'](path.replace(/:[A-Za-z]+/g, params))
        .set('Authorization', admin);
    const failures = async (
      attempt: (route: { method: string; path: string }) => Promise<request.Response>,
      expected: (status: number) => boolean,
    ) => {
      const wrong: string[] = [];
      for (const route of routes) {
        const response = await attempt(route);
        const problem = /application\/problem\+json/.test(response.headers['content-type'] ?? '');
        if (!expected(response.status) || (response.status >= 400 && !problem)) {
          wrong.push(
            `${route.method.toUpperCase()} ${route.path} → ${response.status} ${response.body?.detail ?? ''}`,
          );
        }
      }
      return wrong;
    };
    const UUID = '00000000-0000-4000-8000-000000000000';

    it('answers NUL in the path, the query and the JSON body with 400', async () => {
      const nul = 'a\u0000b';
      const body = Object.fromEntries(FIELDS.map((field) => [field, nul]));
      const wrong = await failures(
        ({ method, path }) =>
          path.includes(':')
            ? send(method, path, '%00').send({})
            : send(method, path, UUID).query({ q: nul }).send(body),
        (status) => status === 400,
      );
      expect(wrong).toEqual([]);
      const inBody = await failures(
        ({ method, path }) => send(method, path, UUID).send(body),
        (status) => status === 400,
      );
      expect(inBody).toEqual([]);
    });

    it('answers 2^53 in the JSON body with 400 and in the query with a 4xx, never a 500', async () => {
      const body = Object.fromEntries(NUMBER_FIELDS.map((field) => [field, UNSAFE_INTEGER]));
      expect(
        await failures(
          ({ method, path }) => send(method, path, UUID).send(body),
          (status) => status === 400,
        ),
      ).toEqual([]);
      const query = Object.fromEntries(NUMBER_FIELDS.map((field) => [field, String(UNSAFE_INTEGER)]));
      expect(
        await failures(
          ({ method, path }) => send(method, path, UUID).query(query),
          (status) => status < 500,
        ),
      ).toEqual([]);
    });

    it('answers JSON nested 10,000 deep with 400 before parsing it', async () => {
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      const wrong = await failures(
        ({ method, path }) => send(method, path, UUID).set('Content-Type', 'application/json').send(deep),
        (status) => status === 400,
      );
      expect(wrong).toEqual([]);
      const response = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(deep);
      expect(response.body.detail).toMatch(/嵌套层数过多.*nests more than 32 levels/);
    });
  });

  it('refuses control characters in multipart fields too, saying which and where', async () => {
    const admin = await t.login('admin@xietong.local');
    const response = await t
      .http()
      .post('/api/plans/import')
      .set('Authorization', admin)
      .field('title', '规划\u001b[31m')
      .field('dryRun', 'true')
      .attach('file', Buffer.from('一、总体要求\n（一）加快建设。（广西壮族自治区牵头）\n'), 'plan.txt')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body.detail).toMatch(/body\.title 含有控制字符 U\+001B（第 3 个字符）/);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'coordinator.gx@xietong.local\u0000', password: 'x' })
      .expect(400);
    expect(login.body.detail).toMatch(/body\.email.*U\+0000/);
  });

  it('keeps tab, line feed and carriage return in text', async () => {
    const plan = await createJointPlan(t.db);
    const coordinator = await t.login('coordinator.gx@xietong.local');
    await t
      .http()
      .post(`/api/work-items/${plan.tasks[0].items.GX}/updates`)
      .set('Authorization', coordinator)
      .send({ text: '一、完成设计\r\n二、\t开工' })
      .expect(201);
  });
});
