import { randomBytes } from 'node:crypto';
import { createJointPlan, createUser, JOINT_PLAN_TASKS, JointPlanFixture } from '@xietong/testing';
import request from 'supertest';
import { createTestApp, TestApp } from '../../test/create-test-app';
import { listApiRoutes } from '../../test/list-routes';

/**
 * DESIGN.md "Who may do what" as a table: every endpoint × every role × whose data → the exact
 * status. The roles act as Guangxi (the liaison through its office's parent province); the
 * manager manages plan A only.
 *
 *   own      Guangxi's item on a task Guangxi, Guangdong, Hainan and the NDRC lead (plan A)
 *   shared   Guangdong's item on that same task (plan A)
 *   foreign  Guangdong's item on a task Guangxi does not lead, in plan B nobody here manages
 */
const ROLES = ['admin', 'manager', 'coordinator', 'liaison', 'viewer'] as const;
type Role = (typeof ROLES)[number];
const TARGETS = ['own', 'shared', 'foreign'] as const;
type Target = (typeof TARGETS)[number];
type Statuses = [own: number, shared: number, foreign: number];

interface Subject {
  itemId: string;
  taskId: string;
  planId: string;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let planA: JointPlanFixture;
  let planB: JointPlanFixture;
  let requesterId: string;
  const tokens = {} as Record<Role, string>;
  const subjects = {} as Record<Target, Subject>;

  beforeAll(async () => {
    t = await createTestApp();
    planA = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    planB = await createJointPlan(t.db, {
      tasks: JOINT_PLAN_TASKS.filter((task) => !task.leadUnits.some((unit) => unit.code === 'GX')),
    });
    const viewer = await createUser(t.db, { role: 'viewer', organizationCode: 'GX' });
    requesterId = (await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' })).id;
    const emails: Record<Role, string> = {
      admin: 'admin@xietong.local',
      manager: 'manager@xietong.local',
      coordinator: 'coordinator.gx@xietong.local',
      liaison: 'liaison.gx@xietong.local',
      viewer: viewer.email,
    };
    for (const role of ROLES) tokens[role] = await t.login(emails[role]);
    const shared = planA.tasks[0];
    subjects.own = { itemId: shared.items.GX, taskId: shared.id, planId: planA.id };
    subjects.shared = { itemId: shared.items.GD, taskId: shared.id, planId: planA.id };
    subjects.foreign = { itemId: planB.tasks[0].items.GD, taskId: planB.tasks[0].id, planId: planB.id };
  });
  afterAll(() => t.close());

  const agentFor = (role: Role) => request.agent(t.app.getHttpServer()).set('Authorization', tokens[role]);

  /** Every cell starts from the same open, unescalated item, so cells do not depend on each other. */
  async function reset(itemId: string, state: { done?: boolean; escalated?: boolean } = {}): Promise<void> {
    await t.db.query(`DELETE FROM deadline_extensions WHERE work_item_id = $1 AND state = 'pending'`, [
      itemId,
    ]);
    await t.db.query(
      `UPDATE work_items SET status = $2, progress = $3, completed_at = CASE WHEN $2 = 'done' THEN now() END,
              escalated_at = CASE WHEN $4 THEN now() END, deadline = '2026-12-31', deadline_confirmed_at = NULL,
              review_state = CASE WHEN $2 = 'done' THEN 'pending' END
       WHERE id = $1`,
      [itemId, state.done ? 'done' : 'not_started', state.done ? 100 : 0, state.escalated ?? false],
    );
  }
  const versionOf = async (itemId: string): Promise<number> =>
    (await t.db.query(`SELECT version FROM work_items WHERE id = $1`, [itemId]))[0].version;
  async function pendingExtension(itemId: string, escalated: boolean): Promise<string> {
    await reset(itemId, { escalated });
    const [{ id }] = await t.db.query(
      `INSERT INTO deadline_extensions (work_item_id, requested_by_id, reason, progress_at_request, previous_deadline, requested_deadline)
       VALUES ($1, $2, '用地审批未完成', 30, '2026-12-31', '2027-06-30') RETURNING id`,
      [itemId, requesterId],
    );
    return id;
  }

  // Whose data: [own, shared, foreign]. One line per endpoint, one column per role, as in DESIGN.md.
  // prettier-ignore
  const ITEM_MATRIX: [endpoint: string, admin: Statuses, manager: Statuses, coordinator: Statuses, liaison: Statuses, viewer: Statuses][] = [
    //                                    admin            manager          coordinator      liaison          viewer
    ['GET /work-items/:id',               [200, 200, 200], [200, 200, 403], [200, 200, 403], [200, 200, 403], [200, 200, 403]],
    ['PATCH /work-items/:id priority',    [200, 200, 200], [403, 403, 403], [200, 403, 403], [403, 403, 403], [403, 403, 403]],
    ['PATCH /work-items/:id deadline',    [200, 200, 200], [200, 200, 403], [200, 403, 403], [403, 403, 403], [403, 403, 403]],
    ['GET /work-items/:id/updates',       [200, 200, 200], [200, 200, 403], [200, 200, 403], [200, 200, 403], [200, 200, 403]],
    ['GET /work-items/:id/threads',       [200, 200, 200], [200, 200, 403], [200, 200, 403], [200, 200, 403], [200, 200, 403]],
    ['POST /work-items/:id/updates',      [201, 201, 201], [403, 403, 403], [201, 403, 403], [201, 403, 403], [403, 403, 403]],
    ['POST /work-items/:id/sub-items',    [201, 201, 201], [403, 403, 403], [201, 403, 403], [403, 403, 403], [403, 403, 403]],
    ['POST /work-items/:id/extensions',   [201, 201, 201], [403, 403, 403], [201, 403, 403], [201, 403, 403], [403, 403, 403]],
    // The default supervision policy: the plan's managers decide extensions and review completions.
    ['POST /extensions/:id/approve',      [200, 200, 200], [200, 200, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]],
    ['… approve, item escalated (督办)',  [200, 200, 200], [200, 200, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]],
    ['POST /extensions/:id/reject',       [200, 200, 200], [200, 200, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]],
    ['POST /work-items/:id/send-back',    [200, 200, 200], [200, 200, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]],
    ['POST /work-items/:id/accept',       [200, 200, 200], [200, 200, 403], [403, 403, 403], [403, 403, 403], [403, 403, 403]],
    ['GET /tasks/:id',                    [200, 200, 200], [200, 200, 403], [200, 200, 403], [200, 200, 403], [200, 200, 403]],
    ['GET /plans/:id',                    [200, 200, 200], [200, 200, 403], [200, 200, 403], [200, 200, 403], [200, 200, 403]],
    ['GET /plans/:id/tasks',              [200, 200, 200], [200, 200, 403], [200, 200, 403], [200, 200, 403], [200, 200, 403]],
  ];

  const sendItemRequest: Record<
    string,
    (http: () => request.Agent, s: Subject) => Promise<request.Response>
  > = {
    'GET /work-items/:id': async (http, s) => http().get(`/api/work-items/${s.itemId}`),
    'PATCH /work-items/:id priority': async (http, s) => {
      await reset(s.itemId);
      const [{ priority, version }] = await t.db.query(
        `SELECT priority, version FROM work_items WHERE id = $1`,
        [s.itemId],
      );
      return http()
        .patch(`/api/work-items/${s.itemId}`)
        .send({ version, priority: priority === 'high' ? 'low' : 'high' });
    },
    'PATCH /work-items/:id deadline': async (http, s) => {
      await reset(s.itemId);
      return http()
        .patch(`/api/work-items/${s.itemId}`)
        .send({ version: await versionOf(s.itemId), deadline: '2027-01-31' });
    },
    'GET /work-items/:id/updates': async (http, s) => http().get(`/api/work-items/${s.itemId}/updates`),
    'GET /work-items/:id/threads': async (http, s) => http().get(`/api/work-items/${s.itemId}/threads`),
    'POST /work-items/:id/updates': async (http, s) => {
      await reset(s.itemId);
      return http()
        .post(`/api/work-items/${s.itemId}/updates`)
        .send({ text: '完成航道初步设计', progress: 20 });
    },
    'POST /work-items/:id/sub-items': async (http, s) => {
      await reset(s.itemId);
      return http()
        .post(`/api/work-items/${s.itemId}/sub-items`)
        .send({ title: '完成环评', deadline: '2026-06-30' });
    },
    'POST /work-items/:id/extensions': async (http, s) => {
      await reset(s.itemId);
      return http()
        .post(`/api/work-items/${s.itemId}/extensions`)
        .send({ requestedDeadline: '2027-03-31', reason: '征地未完成', progress: 40 });
    },
    'POST /extensions/:id/approve': async (http, s) =>
      http()
        .post(`/api/extensions/${await pendingExtension(s.itemId, false)}/approve`)
        .send({}),
    '… approve, item escalated (督办)': async (http, s) =>
      http()
        .post(`/api/extensions/${await pendingExtension(s.itemId, true)}/approve`)
        .send({}),
    'POST /extensions/:id/reject': async (http, s) =>
      http()
        .post(`/api/extensions/${await pendingExtension(s.itemId, false)}/reject`)
        .send({ note: '理由不足' }),
    'POST /work-items/:id/send-back': async (http, s) => {
      await reset(s.itemId, { done: true });
      return http().post(`/api/work-items/${s.itemId}/send-back`).send({ reason: '佐证材料不全' });
    },
    'POST /work-items/:id/accept': async (http, s) => {
      await reset(s.itemId, { done: true });
      return http().post(`/api/work-items/${s.itemId}/accept`).send({});
    },
    'GET /tasks/:id': async (http, s) => http().get(`/api/tasks/${s.taskId}`),
    'GET /plans/:id': async (http, s) => http().get(`/api/plans/${s.planId}`),
    'GET /plans/:id/tasks': async (http, s) => http().get(`/api/plans/${s.planId}/tasks`),
  };

  const cells = ITEM_MATRIX.flatMap(([endpoint, ...byRole]) =>
    ROLES.flatMap((role, roleIndex) =>
      TARGETS.map((target, targetIndex) => [endpoint, role, target, byRole[roleIndex][targetIndex]] as const),
    ),
  );

  it.each(cells)('%s as %s on %s data → %d', async (endpoint, role, target, expected) => {
    const response = await sendItemRequest[endpoint](() => agentFor(role), subjects[target]);
    expect({ status: response.status, detail: response.body.detail }).toEqual({
      status: expected,
      detail: expected === 403 ? expect.stringMatching(/[\u4e00-\u9fff]/) : undefined,
    });
  });

  // Endpoints that are not about one organization's data.
  // prettier-ignore
  const ROLE_MATRIX: [endpoint: string, admin: number, manager: number, coordinator: number, liaison: number, viewer: number][] = [
    //                                    admin manager coordinator liaison viewer
    ['GET /work-items',                   200,  200,    200,        200,    200],
    ['GET /plans',                        200,  200,    200,        200,    200],
    ['GET /organizations',                200,  200,    200,        200,    200],
    ['GET /me',                           200,  200,    200,        200,    200],
    ['GET /audit-log',                    200,  200,    403,        403,    403],
    ['GET /admin/users',                  200,  403,    403,        403,    403],
    ['POST /admin/users',                 201,  403,    403,        403,    403],
    ['PATCH /admin/users/:id',            200,  403,    403,        403,    403],
    ['GET /admin/organizations',          200,  403,    403,        403,    403],
    ['POST /admin/organizations',         201,  403,    403,        403,    403],
    ['PATCH /admin/organizations/:id',    200,  403,    403,        403,    403],
    ['PUT /plans/:id/managers',           200,  403,    403,        403,    403],
    ['POST /notifications/read-all',      200,  200,    200,        200,    200],
    ['GET /admin/notifications/failed',   200,  403,    403,        403,    403],
    // No such delivery: the admin passes the guard and hears 404; everyone else never gets that far.
    ['POST /admin/notifications/:id/retry', 404, 403,   403,        403,    403],
  ];

  const unique = () => randomBytes(3).toString('hex');
  const idOf = async (sql: string, value: string) => (await t.db.query(sql, [value]))[0].id;
  const sendRoleRequest: Record<string, (http: () => request.Agent) => Promise<request.Response>> = {
    'GET /work-items': async (http) => http().get('/api/work-items'),
    'GET /plans': async (http) => http().get('/api/plans'),
    'GET /organizations': async (http) => http().get('/api/organizations'),
    'GET /me': async (http) => http().get('/api/me'),
    'GET /audit-log': async (http) => http().get('/api/audit-log'),
    'GET /admin/users': async (http) => http().get('/api/admin/users'),
    'POST /admin/users': async (http) =>
      http()
        .post('/api/admin/users')
        .send({
          email: `new.${unique()}@test.local`,
          displayName: '新用户',
          organizationId: await idOf(`SELECT id FROM organizations WHERE code = $1`, 'HI'),
          role: 'viewer',
          password: 'a-long-password',
        }),
    'PATCH /admin/users/:id': async (http) =>
      http()
        .patch(`/api/admin/users/${requesterId}`)
        .send({ displayName: `协调员 ${unique()}` }),
    'GET /admin/organizations': async (http) => http().get('/api/admin/organizations'),
    'POST /admin/organizations': async (http) =>
      http()
        .post('/api/admin/organizations')
        .send({ code: `T-${unique().toUpperCase()}`, name: `测试单位${unique()}`, kind: 'enterprise' }),
    'PATCH /admin/organizations/:id': async (http) =>
      http()
        .patch(
          `/api/admin/organizations/${await idOf(`SELECT id FROM organizations WHERE code = $1`, 'GX-LO-GD')}`,
        )
        .send({ aliases: [`驻粤办${unique()}`] }),
    'POST /notifications/read-all': async (http) => http().post('/api/notifications/read-all'),
    'GET /admin/notifications/failed': async (http) => http().get('/api/admin/notifications/failed'),
    'POST /admin/notifications/:id/retry': async (http) =>
      http().post('/api/admin/notifications/00000000-0000-4000-8000-000000000000/retry'),
    'PUT /plans/:id/managers': async (http) =>
      http()
        .put(`/api/plans/${planA.id}/managers`)
        .send({ userIds: [await idOf(`SELECT id FROM users WHERE email = $1`, 'manager@xietong.local')] }),
  };

  it.each(
    ROLE_MATRIX.flatMap(([endpoint, ...byRole]) =>
      ROLES.map((role, index) => [endpoint, role, byRole[index]] as const),
    ),
  )('%s as %s → %d', async (endpoint, role, expected) => {
    const response = await sendRoleRequest[endpoint](() => agentFor(role));
    expect(response.status).toBe(expected);
  });

  it('lets nobody reach any route without a token but login, refresh and health', async () => {
    // Calendar feeds authenticate by the secret token in their URL, logout by the refresh token it revokes.
    const publicRoutes = [
      'POST /api/auth/login',
      'POST /api/auth/refresh',
      'POST /api/auth/logout',
      'GET /api/health',
      'GET /api/calendar/:file',
    ];
    const routes = listApiRoutes(t);
    expect(routes.length).toBeGreaterThan(25);
    const reachable: string[] = [];
    for (const { method, path } of routes) {
      const url = path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const response = await request(t.app.getHttpServer())[method](url).send({});
      const turnedAway = response.status === 401 && /Sign in first/.test(response.body.detail);
      if (!turnedAway) reachable.push(`${method.toUpperCase()} ${path}`);
    }
    expect(reachable).toEqual(expect.arrayContaining(publicRoutes.slice(0, 3)));
    expect(reachable.filter((route) => !publicRoutes.includes(route))).toEqual([]);
  });
});
