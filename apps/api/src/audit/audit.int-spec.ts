import { createJointPlan, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('audit log and administration', () => {
  let t: TestApp;
  let managed: JointPlanFixture;
  let unmanaged: JointPlanFixture;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    managed = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    unmanaged = await createJointPlan(t.db);
    admin = await t.login('admin@xietong.local');
  });
  afterAll(() => t.close());

  const priority = (itemId: string) =>
    t
      .http()
      .patch(`/api/work-items/${itemId}`)
      .set('Authorization', admin)
      .set('X-Request-Id', `req-${itemId}`)
      .send({ version: 1, priority: 'urgent' });

  it('records who changed what, before and after, from where, for admins and for managers of the plan', async () => {
    await priority(managed.tasks[0].items.GX).expect(200);
    await priority(unmanaged.tasks[0].items.GX).expect(200);

    const all = await t
      .http()
      .get('/api/audit-log')
      .query({ entityType: 'work_item', action: 'work_item.' })
      .set('Authorization', admin)
      .expect(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items[0]).toMatchObject({
      action: 'work_item.changed',
      entityId: unmanaged.tasks[0].items.GX,
      before: { priority: 'normal', version: 1 },
      after: { priority: 'urgent', version: 2 },
      requestId: `req-${unmanaged.tasks[0].items.GX}`,
      ip: expect.any(String),
      actor: { email: 'admin@xietong.local' },
    });

    const manager = await t.login('manager@xietong.local');
    const scoped = await t.http().get('/api/audit-log').set('Authorization', manager).expect(200);
    expect(scoped.body.items.map((entry: { entityId: string }) => entry.entityId)).toEqual([
      managed.tasks[0].items.GX,
    ]);

    const badDate = await t
      .http()
      .get('/api/audit-log')
      .query({ from: '2026-02-30' })
      .set('Authorization', admin)
      .expect(400);
    expect(badDate.body.errors[0].field).toBe('from');
  });

  it('names people, units and actions instead of ids, and stays closed to coordinators', async () => {
    const itemId = managed.tasks[1].items.GX;
    const [liaison] = await t.db.query(`SELECT id FROM users WHERE email = 'liaison.gx@xietong.local'`);
    await t
      .http()
      .patch(`/api/work-items/${itemId}`)
      .set('Authorization', admin)
      .send({ version: 1, ownerId: liaison.id })
      .expect(200);
    const page = await t
      .http()
      .get('/api/audit-log')
      .query({ entityType: 'work_item', entityId: itemId })
      .set('Authorization', admin)
      .expect(200);
    expect(page.body.items[0]).toMatchObject({
      action: 'work_item.changed',
      actionLabel: '修改事项',
      after: { ownerId: liaison.id },
      actor: { displayName: '系统管理员' },
    });
    expect(page.body.names).toMatchObject({ [liaison.id]: '广西驻粤办联络员' });
    expect(page.body.names[itemId]).toEqual(expect.any(String));

    const coordinator = await t.login('coordinator.gx@xietong.local');
    const refused = await t.http().get('/api/audit-log').set('Authorization', coordinator).expect(403);
    expect(refused.body.detail).toEqual(expect.any(String));
    await t.http().get('/api/admin/users').set('Authorization', coordinator).expect(403);
    await t
      .http()
      .post('/api/admin/organizations')
      .set('Authorization', coordinator)
      .send({ code: 'X-1', name: '某单位', kind: 'city' })
      .expect(403);
  });

  it('cannot be rewritten', async () => {
    await expect(t.db.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('creates users who can sign in, and ends their sessions when their role changes', async () => {
    const [hainan] = await t.db.query(`SELECT id FROM organizations WHERE code = 'HI'`);
    const created = await t
      .http()
      .post('/api/admin/users')
      .set('Authorization', admin)
      .send({
        email: 'Li.Na@HI.gov.cn',
        displayName: '李娜',
        organizationId: hainan.id,
        role: 'coordinator',
        password: 'correct-horse-battery',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'li.na@hi.gov.cn',
      role: 'coordinator',
      organization: { code: 'HI' },
      active: true,
    });
    expect(created.body.passwordHash).toBeUndefined();
    const duplicate = await t.http().post('/api/admin/users').set('Authorization', admin).send({
      email: 'li.na@hi.gov.cn',
      displayName: '李娜',
      organizationId: hainan.id,
      role: 'viewer',
      password: 'correct-horse-battery',
    });
    expect(duplicate.status).toBe(409);

    const session = (
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'li.na@hi.gov.cn', password: 'correct-horse-battery' })
        .expect(200)
    ).body;
    await t
      .http()
      .patch(`/api/admin/users/${created.body.id}`)
      .set('Authorization', admin)
      .send({ role: 'viewer' })
      .expect(200);
    await t.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);

    const [entry] = await t.db.query(
      `SELECT before, after FROM audit_log WHERE action = 'user.changed' AND entity_id = $1`,
      [created.body.id],
    );
    expect([entry.before.role, entry.after.role]).toEqual(['coordinator', 'viewer']);
  });

  it('manages organizations without letting a parent chain loop', async () => {
    const office = await t
      .http()
      .post('/api/admin/organizations')
      .set('Authorization', admin)
      .send({
        code: 'HI-LO-GX',
        name: '海南省人民政府驻广西办事处',
        kind: 'liaison_office',
        shortNames: ['海南驻桂办'],
      })
      .expect(201);
    const [hainan] = await t.db.query(`SELECT id FROM organizations WHERE code = 'HI'`);
    await t
      .http()
      .patch(`/api/admin/organizations/${office.body.id}`)
      .set('Authorization', admin)
      .send({ parentId: hainan.id })
      .expect(200);
    const loop = await t
      .http()
      .patch(`/api/admin/organizations/${hainan.id}`)
      .set('Authorization', admin)
      .send({ parentId: office.body.id });
    expect(loop.status).toBe(422);
    const picker = await t
      .http()
      .get('/api/organizations')
      .query({ q: '海南驻桂办' })
      .set('Authorization', await t.login('coordinator.gx@xietong.local'))
      .expect(200);
    expect(picker.body).toEqual([expect.objectContaining({ code: 'HI-LO-GX', parentId: hainan.id })]);
  });

  it('assigns plan managers who then see the plan', async () => {
    const [manager] = await t.db.query(`SELECT id FROM users WHERE email = 'manager@xietong.local'`);
    const [coordinatorUser] = await t.db.query(
      `SELECT id FROM users WHERE email = 'coordinator.gd@xietong.local'`,
    );
    const wrongRole = await t
      .http()
      .put(`/api/plans/${unmanaged.id}/managers`)
      .set('Authorization', admin)
      .send({ userIds: [coordinatorUser.id] });
    expect(wrongRole.status).toBe(422);
    const managerToken = await t.login('manager@xietong.local');
    await t.http().get(`/api/plans/${unmanaged.id}`).set('Authorization', managerToken).expect(403);
    await t
      .http()
      .put(`/api/plans/${unmanaged.id}/managers`)
      .set('Authorization', admin)
      .send({ userIds: [manager.id] })
      .expect(200);
    const plan = await t
      .http()
      .get(`/api/plans/${unmanaged.id}`)
      .set('Authorization', managerToken)
      .expect(200);
    expect(plan.body).toMatchObject({
      managers: [{ id: manager.id }],
      chapters: [{ number: 1 }, { number: 2 }],
    });
    expect(plan.body.leadUnits.map((unit: { code: string }) => unit.code)).toEqual([
      'GD',
      'GX',
      'HI',
      'NDRC',
      'MOT',
    ]);
    const tasks = await t
      .http()
      .get(`/api/plans/${unmanaged.id}/tasks`)
      .set('Authorization', managerToken)
      .expect(200);
    expect(tasks.body[0]).toMatchObject({
      code: '（一）',
      leadProvinces: [{ code: 'GD' }, { code: 'GX' }, { code: 'HI' }],
      leadMinistries: [{ code: 'NDRC' }],
    });
  });
});
