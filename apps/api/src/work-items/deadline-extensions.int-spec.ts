import { createJointPlan, createUser, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('extensions (延期) and send-back (退回)', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  const tokens = new Map<string, string>();
  const as = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await t.login(email));
    return tokens.get(email)!;
  };
  const liaison = 'liaison.gx@xietong.local';
  const coordinator = 'coordinator.gx@xietong.local';

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
  });
  afterAll(() => t.close());

  const requestExtension = async (email: string, itemId: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/work-items/${itemId}/extensions`)
      .set('Authorization', await as(email))
      .send(body);
  const decide = async (email: string, extensionId: string, decision: 'approve' | 'reject', body = {}) =>
    t
      .http()
      .post(`/api/extensions/${extensionId}/${decision}`)
      .set('Authorization', await as(email))
      .send(body);

  it('keeps the original deadline and every request, so an extension reads as extended, not overdue', async () => {
    const itemId = plan.tasks[0].items.GX;
    expect(
      (
        await requestExtension(liaison, itemId, {
          requestedDeadline: '2026-12-01',
          reason: '提前',
          progress: 10,
        })
      ).status,
    ).toBe(422);
    const asked = await requestExtension(liaison, itemId, {
      requestedDeadline: '2027-06-30',
      reason: '用地审批尚未完成',
      progress: 40,
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      state: 'pending',
      previousDeadline: '2026-12-31',
      requestedDeadline: '2027-06-30',
      progressAtRequest: 40,
    });
    const again = await requestExtension(coordinator, itemId, {
      requestedDeadline: '2027-09-30',
      reason: '再议',
      progress: 40,
    });
    expect(again.status).toBe(409);

    const approved = await decide(coordinator, asked.body.id, 'approve', { note: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', decisionNote: '同意' });
    expect((await decide(coordinator, asked.body.id, 'reject', { note: '晚了' })).status).toBe(409);

    const detail = await t
      .http()
      .get(`/api/work-items/${itemId}`)
      .set('Authorization', await as('coordinator.gd@xietong.local'))
      .expect(200);
    expect(detail.body).toMatchObject({
      deadline: '2027-06-30',
      originalDeadline: '2026-12-31',
      deadlineStanding: 'extended',
      deadlineHistory: {
        originalDeadline: '2026-12-31',
        deadline: '2027-06-30',
        extensions: [{ state: 'approved' }],
      },
    });
    const updates = await t
      .http()
      .get(`/api/work-items/${itemId}/updates`)
      .set('Authorization', await as(coordinator))
      .expect(200);
    expect(
      updates.body.items.map((update: { kind: string; text: string }) => [update.kind, update.text]),
    ).toEqual([
      ['extension', '延期申请已批准：截止日期由 2026-12-31 调整为 2027-06-30。同意'],
      ['extension', '申请将截止日期由 2026-12-31 延至 2027-06-30（目前进度 40%）：用地审批尚未完成'],
    ]);
  });

  it('needs a reason to reject, and leaves the deadline as it was', async () => {
    const itemId = plan.tasks[1].items.GX;
    const asked = await requestExtension(liaison, itemId, {
      requestedDeadline: '2027-03-31',
      reason: '资金未到位',
      progress: 20,
    });
    expect((await decide(coordinator, asked.body.id, 'reject')).status).toBe(400);
    expect((await decide(coordinator, asked.body.id, 'reject', { note: '请先落实资金' })).body.state).toBe(
      'rejected',
    );
    const [row] = await t.db.query(`SELECT deadline::text FROM work_items WHERE id = $1`, [itemId]);
    expect(row.deadline).toBe('2026-12-31');
  });

  it('sends decisions on escalated items to the plan manager, and nobody approves their own request', async () => {
    const itemId = plan.tasks[0].items.GX;
    const other = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
    const own = await requestExtension(other.email, itemId, {
      requestedDeadline: '2027-08-31',
      reason: '汛期停工',
      progress: 50,
    });
    const self = await decide(other.email, own.body.id, 'approve');
    expect(self.status).toBe(403);
    expect(self.body.detail).toMatch(/不能审批自己/);

    await t.db.query(`UPDATE work_items SET escalated_at = now() WHERE id = $1`, [itemId]);
    const byCoordinator = await decide(coordinator, own.body.id, 'approve');
    expect(byCoordinator.status).toBe(403);
    expect(byCoordinator.body.detail).toBe('该事项已督办，延期须由规划负责人审批。');
    expect((await decide('manager@xietong.local', own.body.id, 'approve')).status).toBe(200);
  });

  it('reopens a done item sent back with a reason, and refuses to send back one that is not done', async () => {
    const itemId = plan.tasks[1].items.NDRC;
    const ndrc = 'ndrc@xietong.local';
    const notDone = await t
      .http()
      .post(`/api/work-items/${itemId}/send-back`)
      .set('Authorization', await as(ndrc))
      .send({ reason: '材料不全' });
    expect(notDone.status).toBe(409);
    await t
      .http()
      .post(`/api/work-items/${itemId}/updates`)
      .set('Authorization', await as(ndrc))
      .send({ text: '已完成', progress: 100, status: 'done' })
      .expect(201);

    const sentBack = await t
      .http()
      .post(`/api/work-items/${itemId}/send-back`)
      .set('Authorization', await as(ndrc))
      .send({ reason: '佐证材料不全，请补充验收报告' });
    expect(sentBack.status).toBe(200);
    expect(sentBack.body).toMatchObject({ status: 'in_progress', completedAt: null });
    const [update] = await t.db.query(
      `SELECT kind, text, status_from, status_to FROM work_item_updates WHERE work_item_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [itemId],
    );
    expect(update).toEqual({
      kind: 'send_back',
      text: '佐证材料不全，请补充验收报告',
      status_from: 'done',
      status_to: 'in_progress',
    });
    const [audit] = await t.db.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [itemId],
    );
    expect(audit.action).toBe('work_item.sent_back');
  });
});
