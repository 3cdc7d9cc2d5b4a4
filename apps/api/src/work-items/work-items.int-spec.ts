import { createJointPlan, createUser, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('work items', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  const tokens = new Map<string, string>();
  const as = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await t.login(email));
    return tokens.get(email)!;
  };
  const gx = 'coordinator.gx@xietong.local';
  let sharedItemGx: string;
  let organizationId: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    sharedItemGx = plan.tasks[0].items.GX;
    const rows: { code: string; id: string }[] = await t.db.query(`SELECT code, id FROM organizations`);
    organizationId = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  });
  afterAll(() => t.close());

  const item = async (id: string) => (await t.db.query(`SELECT * FROM work_items WHERE id = $1`, [id]))[0];

  describe('list', () => {
    it('shows a coordinator every lead unit’s items on the tasks their province leads, and nothing else', async () => {
      const response = await t
        .http()
        .get('/api/work-items')
        .query({ planId: plan.id, sort: 'task' })
        .set('Authorization', await as(gx))
        .expect(200);
      expect(response.body).toMatchObject({ total: 6, page: 1, pageSize: 20 });
      expect(new Set(response.body.items.map((row: { taskId: string }) => row.taskId))).toEqual(
        new Set([plan.tasks[0].id, plan.tasks[1].id]),
      );
      expect(response.body.items[0]).toMatchObject({
        planTitle: plan.title,
        taskCode: '（一）',
        overdue: false,
        deadlineStanding: 'on_time',
        latestUpdate: null,
      });
    });

    it('filters by organization, status, chapter, task, dates and Chinese text, and pages', async () => {
      const token = await as('admin@xietong.local');
      const list = async (query: Record<string, string | number>) =>
        (
          await t
            .http()
            .get('/api/work-items')
            .query({ planId: plan.id, ...query })
            .set('Authorization', token)
            .expect(200)
        ).body;

      expect((await list({ organizationId: organizationId.GD })).total).toBe(2);
      expect((await list({ chapter: 2 })).total).toBe(3);
      expect((await list({ taskId: plan.tasks[1].id })).total).toBe(2);
      expect((await list({ q: '陆海' })).items.map((row: { taskId: string }) => row.taskId)).toEqual([
        plan.tasks[1].id,
        plan.tasks[1].id,
      ]);
      expect((await list({ q: '%' })).total).toBe(0);
      expect((await list({ status: 'in_progress,blocked' })).total).toBe(0);
      expect((await list({ status: 'not_started' })).total).toBe(9);
      expect((await list({ dueBefore: '2026-12-30' })).total).toBe(0);
      expect((await list({ dueAfter: '2026-12-31', dueBefore: '2026-12-31' })).total).toBe(9);

      await t.db.query(
        `UPDATE work_items SET deadline = '2020-06-30', start_date = '2020-01-01' WHERE id = $1`,
        [plan.tasks[2].items.HI],
      );
      const overdue = await list({ overdue: 'true' });
      expect(overdue.items).toEqual([
        expect.objectContaining({ id: plan.tasks[2].items.HI, overdue: true, trafficLight: 'red' }),
      ]);
      expect((await list({ overdue: 'false' })).total).toBe(8);

      const sorted = await list({ sort: 'deadline', pageSize: 4 });
      expect(sorted.items[0].id).toBe(plan.tasks[2].items.HI);
      const secondPage = await list({ sort: '-task', pageSize: 4, page: 2 });
      expect(secondPage).toMatchObject({ total: 9, page: 2, pageSize: 4 });
      expect(secondPage.items.map((row: { taskNumber: number }) => row.taskNumber)).toEqual([2, 1, 1, 1]);
    });

    it('refuses malformed filters with field errors', async () => {
      const response = await t
        .http()
        .get('/api/work-items')
        .query({
          planId: 'nope',
          status: 'finished',
          dueBefore: '2026-02-30',
          overdue: 'yes',
          pageSize: 1000,
        })
        .set('Authorization', await as(gx))
        .expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(
        ['dueBefore', 'overdue', 'pageSize', 'planId', 'status'].sort(),
      );
    });
  });

  describe('detail', () => {
    it('shows the item with its task, the other lead units’ items and the deadline history', async () => {
      const response = await t
        .http()
        .get(`/api/work-items/${sharedItemGx}`)
        .set('Authorization', await as(gx))
        .expect(200);
      expect(response.body).toMatchObject({
        id: sharedItemGx,
        organizationName: '广西壮族自治区',
        task: { id: plan.tasks[0].id, code: '（一）', chapter: { number: 1 } },
        subItems: [],
        deadlineHistory: { originalDeadline: '2026-12-31', deadline: '2026-12-31', extensions: [] },
      });
      expect(
        response.body.otherLeadUnits.map(
          (unit: { organization: { code: string } }) => unit.organization.code,
        ),
      ).toEqual(['GD', 'HI', 'NDRC']);
      expect(response.body.otherLeadUnits[0].item).toMatchObject({
        id: plan.tasks[0].items.GD,
        status: 'not_started',
      });
    });

    it('answers 404 for an unknown id and 400 for one that is not a UUID', async () => {
      const token = await as(gx);
      const missing = await t
        .http()
        .get('/api/work-items/00000000-0000-4000-8000-000000000000')
        .set('Authorization', token)
        .expect(404);
      expect(missing.body.detail).toMatch(/没有 id 为/);
      await t.http().get('/api/work-items/42').set('Authorization', token).expect(400);
      await t
        .http()
        .patch('/api/work-items/42')
        .set('Authorization', token)
        .send({ version: 1, priority: 'high' })
        .expect(400);
    });
  });

  describe('PATCH', () => {
    const patch = async (email: string, id: string, body: Record<string, unknown>) =>
      t
        .http()
        .patch(`/api/work-items/${id}`)
        .set('Authorization', await as(email))
        .send(body);

    it('assigns an owner of the item’s organization and refuses one from elsewhere', async () => {
      const id = plan.tasks[1].items.GX;
      const [liaison] = await t.db.query(`SELECT id FROM users WHERE email = 'liaison.gx@xietong.local'`);
      const [guangdong] = await t.db.query(
        `SELECT id FROM users WHERE email = 'coordinator.gd@xietong.local'`,
      );
      const refused = await patch(gx, id, { version: 1, ownerId: guangdong.id });
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toBe('负责人须是广西壮族自治区的用户；广东协调员不属于广西壮族自治区。');

      const saved = await patch(gx, id, {
        version: 1,
        ownerId: liaison.id,
        priority: 'high',
        deadline: '2027-10-31',
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        ownerId: liaison.id,
        ownerName: '广西驻粤办联络员',
        priority: 'high',
        deadline: '2027-10-31',
        version: 2,
      });
      expect(await item(id)).toMatchObject({ version: 2, original_deadline: expect.anything() });
      const [audit] = await t.db.query(
        `SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'work_item.changed'`,
        [id],
      );
      expect(audit).toMatchObject({
        before: expect.objectContaining({ priority: 'normal' }),
        after: expect.objectContaining({ priority: 'high' }),
      });
      expect(audit.ip).toBeTruthy();
      expect(audit.request_id).toBeTruthy();
    });

    it('says who changed the item when the version is stale', async () => {
      const id = plan.tasks[1].items.GX;
      const stale = await patch(gx, id, { version: 1, priority: 'low' });
      expect(stale.status).toBe(409);
      expect(stale.body.detail).toMatch(
        /^广西协调员（广西壮族自治区）已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改了这个事项（现为第 2 版，你提交的是第 1 版）/,
      );
      expect(stale.body).toMatchObject({ currentVersion: 2, changedBy: { displayName: '广西协调员' } });
    });

    it('applies the status rules: finishing needs a final update, progress 0–100, real dates', async () => {
      const id = plan.tasks[0].items.GX;
      const done = await patch(gx, id, { version: 1, status: 'done', progress: 100 });
      expect(done.status).toBe(422);
      expect(done.body.detail).toMatch(/最终进展反馈/);

      const invalid = await patch(gx, id, { version: 1, progress: 101, deadline: '2026-02-30' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'progress', message: 'progress must not be greater than 100' },
          { field: 'deadline', message: 'deadline must be a date that exists in the calendar' },
        ]),
      );
      expect((await patch(gx, id, { version: 1, deadline: '2025-12-31' })).status).toBe(422);
      expect((await patch(gx, id, { version: 1 })).status).toBe(400);
      expect((await patch(gx, id, { version: 1, title: 'x' })).status).toBe(400);

      const started = await patch(gx, id, { version: 1, progress: 20 });
      expect(started.body).toMatchObject({ status: 'in_progress', progress: 20, version: 2 });
    });

    it('refuses bodies over the size limit', async () => {
      const response = await patch(gx, sharedItemGx, { version: 1, padding: 'x'.repeat(6 * 1024 * 1024) });
      expect(response.status).toBe(413);
    });

    it('lets exactly one of two coordinators saving the same version at once win, losing nothing', async () => {
      const second = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
      const id = plan.tasks[1].items.GX;
      const { version } = await item(id);
      const [first, other] = await Promise.all([
        patch(gx, id, { version, progress: 40 }),
        patch(second.email, id, { version, priority: 'urgent' }),
      ]);
      expect([first.status, other.status].sort()).toEqual([200, 409]);
      const firstWon = first.status === 200;
      const [winner, loser] = firstWon ? [first, other] : [other, first];
      expect(winner.body.version).toBe(version + 1);
      expect(loser.body.currentVersion).toBe(version + 1);
      // The winner's whole change landed and none of the loser's (the item started at progress 0, priority high).
      expect(await item(id)).toMatchObject({
        version: version + 1,
        ...(firstWon ? { progress: 40, priority: 'high' } : { progress: 0, priority: 'urgent' }),
      });

      const retried = await patch(firstWon ? second.email : gx, id, {
        version: loser.body.currentVersion,
        ...(firstWon ? { priority: 'urgent' } : { progress: 40 }),
      });
      expect(retried.status).toBe(200);
      expect(await item(id)).toMatchObject({ progress: 40, priority: 'urgent', version: version + 2 });
    });
  });

  describe('sub-items', () => {
    it('rolls milestone progress up into the item and the task', async () => {
      const parent = plan.tasks[0].items.GD;
      const token = await as('coordinator.gd@xietong.local');
      const add = (body: Record<string, unknown>) =>
        t.http().post(`/api/work-items/${parent}/sub-items`).set('Authorization', token).send(body);
      const first = await add({ title: '完成航道疏浚', deadline: '2026-06-30' }).expect(201);
      const second = await add({ title: '完成码头验收', deadline: '2026-09-30' }).expect(201);
      expect((await add({ title: '太晚', deadline: '2027-01-31' })).status).toBe(422);
      expect(
        (
          await t
            .http()
            .post(`/api/work-items/${first.body.id}/sub-items`)
            .set('Authorization', token)
            .send({ title: '孙', deadline: '2026-05-01' })
        ).status,
      ).toBe(422);

      await t
        .http()
        .patch(`/api/work-items/${first.body.id}`)
        .set('Authorization', token)
        .send({ version: 1, progress: 100 })
        .expect(200);
      await t
        .http()
        .patch(`/api/work-items/${second.body.id}`)
        .set('Authorization', token)
        .send({ version: 1, progress: 50 })
        .expect(200);
      expect(await item(parent)).toMatchObject({ progress: 75, status: 'in_progress' });

      const { version } = await item(parent);
      const direct = await t
        .http()
        .patch(`/api/work-items/${parent}`)
        .set('Authorization', token)
        .send({ version, progress: 10 });
      expect(direct.status).toBe(422);
      expect(direct.body.detail).toMatch(/进度由子事项汇总/);

      const detail = await t.http().get(`/api/work-items/${parent}`).set('Authorization', token).expect(200);
      expect(detail.body.subItems.map((sub: { title: string }) => sub.title)).toEqual([
        '完成航道疏浚',
        '完成码头验收',
      ]);
      const task = await t
        .http()
        .get(`/api/tasks/${plan.tasks[0].id}`)
        .set('Authorization', token)
        .expect(200);
      const progress = task.body.leadUnits.map((unit: { item: { progress: number } }) => unit.item.progress);
      expect(task.body.progress).toBe(
        Math.round(progress.reduce((a: number, b: number) => a + b, 0) / progress.length),
      );
      expect(
        task.body.leadUnits.find(
          (unit: { organization: { code: string } }) => unit.organization.code === 'GD',
        ).item.progress,
      ).toBe(75);
    });
  });
});
