import { createJointPlan, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('bulk work', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  let token: string;
  const gx = 'coordinator.gx@xietong.local';

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    token = await t.login(gx);
  });
  afterAll(() => t.close());

  const row = async (id: string) =>
    (
      await t.db.query(`SELECT owner_id, version, deadline::text, progress FROM work_items WHERE id = $1`, [
        id,
      ])
    )[0];
  const versioned = async (...ids: string[]) =>
    Promise.all(ids.map(async (id) => ({ id, version: (await row(id)).version as number })));
  const bulk = (body: object, expected = 200) =>
    t.http().post('/api/work-items/bulk').set('Authorization', token).send(body).expect(expected);
  const auditCount = async (action: string, ids: string[]) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = ANY($2::text[])`,
        [action, ids],
      )
    )[0].n;

  it('assigns one owner to many items, refusing stale versions and another province’s items with reasons', async () => {
    const [owner] = await t.db.query(`SELECT id FROM users WHERE email = 'liaison.gx@xietong.local'`);
    const mine = [plan.tasks[0].items.GX, plan.tasks[1].items.GX];
    const guangdong = plan.tasks[0].items.GD;
    const items = await versioned(...mine, guangdong);
    const stale = plan.tasks[1].items.GX;
    // Someone saves the second item after the list was read.
    await t.db.query(`UPDATE work_items SET version = version + 1, priority = 'high' WHERE id = $1`, [stale]);

    const { body } = await bulk({ action: 'assign_owner', ownerId: owner.id, items });
    expect(body).toMatchObject({ action: 'assign_owner', requested: 3, changed: [mine[0]] });
    expect(body.refused).toEqual(
      expect.arrayContaining([
        { id: stale, status: 409, reason: expect.stringMatching(/\S/) },
        { id: guangdong, status: 403, reason: expect.stringMatching(/\S/) },
      ]),
    );
    expect(body.refused).toHaveLength(2);
    expect((await row(mine[0])).owner_id).toBe(owner.id);
    expect((await row(stale)).owner_id).toBeNull();
    expect((await row(guangdong)).owner_id).toBeNull();
    expect(await auditCount('work_item.changed', [mine[0]])).toBe(1);
    expect(await auditCount('work_item.changed', [stale, guangdong])).toBe(0);
    // The new owner is told about the one item that became theirs.
    const notices = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND work_item_id = $2`,
      [owner.id, mine[0]],
    );
    expect(notices[0].n).toBeGreaterThan(0);
  });

  it('posts the same update to many items, one thread entry and one audit entry each', async () => {
    const mine = [plan.tasks[0].items.GX, plan.tasks[1].items.GX];
    const items = await versioned(...mine, plan.tasks[2].items.HI);
    const { body } = await bulk({
      action: 'post_update',
      text: '已召开季度联席会议，统一部署。',
      progress: 20,
      items,
    });
    expect(body.changed.sort()).toEqual([...mine].sort());
    expect(body.refused).toEqual([expect.objectContaining({ id: plan.tasks[2].items.HI })]);
    for (const id of mine) {
      expect((await row(id)).progress).toBe(20);
      const updates = await t.db.query(`SELECT text FROM work_item_updates WHERE work_item_id = $1`, [id]);
      expect(updates).toEqual([{ text: '已召开季度联席会议，统一部署。' }]);
    }
    expect(await auditCount('work_item.update_posted', mine)).toBe(2);
    const hainan = await t.db.query(
      `SELECT count(*)::int AS n FROM work_item_updates WHERE work_item_id = $1`,
      [plan.tasks[2].items.HI],
    );
    expect(hainan[0].n).toBe(0);
  });

  it('refuses a request that names no item, too many, or lacks the value the action needs', async () => {
    const items = await versioned(plan.tasks[0].items.GX);
    const fields = async (body: object) => [
      ...new Set<string>((await bulk(body, 400)).body.errors.map((error: { field: string }) => error.field)),
    ];
    expect(await fields({ action: 'assign_owner', items: [] })).toEqual(
      expect.arrayContaining(['items', 'ownerId']),
    );
    expect(await fields({ action: 'post_update', items })).toEqual(['text']);
    expect(await fields({ action: 'set_deadline', deadline: '2026-02-30', items })).toEqual(['deadline']);
    expect(await fields({ action: 'post_update', text: 'x', progress: 150, items })).toEqual(['progress']);
    expect(await fields({ action: 'archive', items })).toEqual(['action']);
    const many = Array.from({ length: 201 }, () => items[0]);
    expect(await fields({ action: 'post_update', text: 'x', items: many })).toEqual(['items']);
  });
});
