import { createJointPlan, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';
import { COUNT_BEYOND_PAGE } from './work-item-list.sql';

/** Keyset paging (`after=`) and the capped total, on a plan large enough to reach the cap. */
describe('work-item list paging', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  let admin: string;
  const EXTRA = COUNT_BEYOND_PAGE + 150;

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    admin = await t.login('admin@xietong.local');
    // Many tasks led by Guangxi; deadlines repeat (ties the id must break) and some items were never updated.
    await t.db.query(
      `WITH tasks AS (
         INSERT INTO tasks (plan_id, number, code, ref, title, body, kind)
         SELECT $1, 100 + n, '(' || n || ')', '批量(' || n || ')', '批量任务' || n, '批量任务', 'task'
         FROM generate_series(1, $2) n
         RETURNING id, number)
       INSERT INTO work_items (plan_id, task_id, organization_id, title, deadline, original_deadline, start_date,
                               progress, last_update_at)
       SELECT $1, tasks.id, o.id, '批量事项' || tasks.number, DATE '2027-01-01' + tasks.number % 40,
              DATE '2027-01-01' + tasks.number % 40, DATE '2026-01-01', tasks.number % 101,
              CASE WHEN tasks.number % 3 = 0 THEN NULL ELSE timestamptz '2026-05-01 08:00+08' + tasks.number * interval '1.5 second' END
       FROM tasks, organizations o WHERE o.code = 'GX'`,
      [plan.id, EXTRA],
    );
  });
  afterAll(() => t.close());

  const list = async (query: Record<string, string | number>, token = admin, status = 200) =>
    (
      await t
        .http()
        .get('/api/work-items')
        .query({ planId: plan.id, ...query })
        .set('Authorization', token)
        .expect(status)
    ).body;

  it('counts no further than the cap past the page and says so, exactly below it', async () => {
    const first = await list({ pageSize: 50 });
    expect(first).toMatchObject({ total: 50 + COUNT_BEYOND_PAGE, totalExact: false, page: 1 });
    // Deeper pages count further, so the pager always reaches past the page shown.
    const deep = await list({ pageSize: 50, page: 3 });
    expect(deep).toMatchObject({ total: 150 + COUNT_BEYOND_PAGE, totalExact: false, page: 3 });
    const deeper = await list({ pageSize: 50, page: 4 });
    expect(deeper).toMatchObject({ total: EXTRA + 9, totalExact: true });
    const small = await list({
      organizationId: (await t.db.query(`SELECT id FROM organizations WHERE code = 'GD'`))[0].id,
    });
    expect(small).toMatchObject({ total: 2, totalExact: true, nextCursor: null });
    const last = await list({ pageSize: 200, page: Math.ceil((EXTRA + 9) / 200) });
    expect(last.totalExact).toBe(true);
    expect(last.total).toBe(EXTRA + 9);
  });

  it.each([
    'deadline',
    '-deadline',
    'progress',
    '-progress',
    'priority',
    'task',
    '-task',
    'updatedAt',
    'lastUpdateAt',
    '-lastUpdateAt',
  ])('walks every item once with after= in the order pages give (sort %s)', async (sort) => {
    const byPages: string[] = [];
    for (let page = 1; ; page++) {
      const body = await list({ sort, pageSize: 200, page });
      byPages.push(...body.items.map((item: { id: string }) => item.id));
      if (body.items.length < 200) break;
    }
    const byCursor: string[] = [];
    let after: string | null = null;
    do {
      const body: { items: { id: string }[]; nextCursor: string | null; page: number } = await list({
        sort,
        pageSize: 200,
        ...(after ? { after } : {}),
      });
      expect(body.page).toBe(1);
      byCursor.push(...body.items.map((item) => item.id));
      after = body.nextCursor;
    } while (after);
    expect(byCursor).toHaveLength(EXTRA + 9);
    expect(new Set(byCursor).size).toBe(EXTRA + 9);
    expect(byCursor).toEqual(byPages);
  });

  it('keeps filters and scope with a cursor: a coordinator never pages into another province’s tasks', async () => {
    const gd = await t.login('coordinator.gd@xietong.local');
    const first = await list({ pageSize: 2, sort: 'deadline' }, gd);
    const next = await list({ pageSize: 2, sort: 'deadline', after: first.nextCursor }, gd);
    const visible = await list({ pageSize: 200, sort: 'deadline' }, gd);
    expect(visible.items.some((item: { title: string }) => item.title.startsWith('批量'))).toBe(false);
    expect([...first.items, ...next.items].map((item: { id: string }) => item.id)).toEqual(
      visible.items.slice(0, 4).map((item: { id: string }) => item.id),
    );
  });

  it('refuses a cursor that is not one, belongs to another sort, or comes with page', async () => {
    const { nextCursor } = await list({ pageSize: 5, sort: 'deadline' });
    const forged = Buffer.from(JSON.stringify(['deadline', 'x; DROP TABLE', plan.id])).toString('base64url');
    for (const after of ['nope', forged, Buffer.from('[1,2]').toString('base64url')]) {
      const body = await list({ after }, admin, 400);
      expect(body.detail).toMatch(/after 不是有效的翻页游标.*nextCursor/);
    }
    expect((await list({ after: nextCursor, sort: 'progress' }, admin, 400)).detail).toMatch(
      /排序 deadline.*sort=progress/,
    );
    expect((await list({ after: nextCursor, page: 2 }, admin, 400)).detail).toMatch(/after 与 page/);
  });
});
