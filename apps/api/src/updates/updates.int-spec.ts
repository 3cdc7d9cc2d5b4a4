import { createJointPlan, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('updates (进展反馈)', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  let itemGx: string;
  const tokens = new Map<string, string>();
  const as = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await t.login(email));
    return tokens.get(email)!;
  };
  const post = async (email: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/work-items/${itemGx}/updates`)
      .set('Authorization', await as(email))
      .send(body);

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createJointPlan(t.db);
    itemGx = plan.tasks[0].items.GX;
  });
  afterAll(() => t.close());

  it('lets a liaison report progress, which starts the item, shown to the other lead units with the office’s name', async () => {
    const posted = await post('liaison.gx@xietong.local', {
      text: '钦州港航道完成初步设计审查',
      progress: 30,
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      kind: 'progress',
      progress: 30,
      statusFrom: 'not_started',
      statusTo: 'in_progress',
      workItemStatus: 'in_progress',
      workItemVersion: 2,
      organization: { name: '广西壮族自治区人民政府驻广东办事处', kind: 'liaison_office' },
      author: { displayName: '广西驻粤办联络员' },
    });

    const seenByGuangdong = await t
      .http()
      .get(`/api/work-items/${itemGx}/updates`)
      .set('Authorization', await as('coordinator.gd@xietong.local'))
      .expect(200);
    expect(seenByGuangdong.body).toMatchObject({ total: 1, items: [{ text: '钦州港航道完成初步设计审查' }] });

    const task = await t
      .http()
      .get(`/api/tasks/${plan.tasks[0].id}`)
      .set('Authorization', await as('coordinator.hi@xietong.local'))
      .expect(200);
    const guangxi = task.body.leadUnits.find(
      (unit: { organization: { code: string } }) => unit.organization.code === 'GX',
    );
    expect(guangxi.item).toMatchObject({ status: 'in_progress', progress: 30 });
    expect(guangxi.item.latestUpdate).toMatchObject({
      text: '钦州港航道完成初步设计审查',
      organizationName: '广西壮族自治区人民政府驻广东办事处',
    });
    expect(task.body.progress).toBe(8);
  });

  it('sends every lead unit’s thread of the task in one answer, newest first, to those who may see it', async () => {
    // Task 2 is Guangxi's and the NDRC's.
    const { GX: gx, NDRC: ndrc } = plan.tasks[1].items;
    const say = async (email: string, item: string, text: string) =>
      t
        .http()
        .post(`/api/work-items/${item}/updates`)
        .set('Authorization', await as(email))
        .send({ text })
        .expect(201);
    await say('coordinator.gx@xietong.local', gx, '西部陆海新通道班列开行');
    await say('coordinator.gx@xietong.local', gx, '北部湾港集装箱航线新增两条');
    const threads = async (email: string, item: string, query: Record<string, unknown> = {}) =>
      t
        .http()
        .get(`/api/work-items/${item}/threads`)
        .query(query)
        .set('Authorization', await as(email));

    const seen = await threads('coordinator.gx@xietong.local', gx);
    expect(seen.status).toBe(200);
    expect(seen.body.threads).toHaveLength(2);
    const byItem = new Map(
      seen.body.threads.map((thread: { workItemId: string }) => [thread.workItemId, thread] as const),
    );
    expect(byItem.get(gx)).toMatchObject({
      total: 2,
      items: [{ text: '北部湾港集装箱航线新增两条', attachments: [] }, { text: '西部陆海新通道班列开行' }],
    });
    // The NDRC has said nothing yet: its thread is there, empty.
    expect(byItem.get(ndrc)).toMatchObject({ total: 0, items: [] });

    // perThread trims each thread, not its total.
    const latestOnly = await threads('admin@xietong.local', ndrc, { perThread: 1 });
    expect(
      latestOnly.body.threads.find((thread: { workItemId: string }) => thread.workItemId === gx),
    ).toMatchObject({ total: 2, items: [{ text: '北部湾港集装箱航线新增两条' }] });
    expect((await threads('admin@xietong.local', gx, { perThread: 0 })).status).toBe(400);
    expect((await threads('admin@xietong.local', gx, { perThread: 'all' })).status).toBe(400);

    // Guangdong leads nothing of task 2: neither the item nor its neighbours' threads.
    const refused = await threads('coordinator.gd@xietong.local', gx);
    expect([403, 404]).toContain(refused.status);
    expect(JSON.stringify(refused.body)).not.toContain('北部湾港');
  });

  it('leaves status changes to the coordinator', async () => {
    const refused = await post('liaison.gx@xietong.local', { text: '受阻', status: 'blocked' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(
      '联络员可以发布进展反馈、更新进度和申请延期；修改状态由广西壮族自治区的协调员负责。',
    );
  });

  it('finishes an item only with a final update at progress 100 and evidence', async () => {
    const early = await post('coordinator.gx@xietong.local', { text: '完成', status: 'done', progress: 90 });
    expect(early.status).toBe(422);
    expect(early.body.detail).toMatch(/现为 90%/);
    const done = await t
      .http()
      .post(`/api/work-items/${itemGx}/updates`)
      .set('Authorization', await t.login('coordinator.gx@xietong.local'))
      .field('text', '航道工程通过竣工验收')
      .field('status', 'done')
      .field('progress', '100')
      .attach('files', Buffer.from('%PDF-1.7\n竣工验收\n%%EOF'), '竣工验收报告.pdf');
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ statusFrom: 'in_progress', statusTo: 'done', workItemStatus: 'done' });
    const [row] = await t.db.query(
      `SELECT status, completed_at, last_update_at FROM work_items WHERE id = $1`,
      [itemGx],
    );
    expect(row.completed_at).not.toBeNull();
    expect(row.last_update_at).not.toBeNull();
    const lowered = await post('liaison.gx@xietong.local', { text: '返工', progress: 80 });
    expect(lowered.status).toBe(422);
  });

  it('validates the text and progress', async () => {
    const invalid = await post('coordinator.gx@xietong.local', {
      text: '',
      progress: -1,
      status: 'finished',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'progress',
      'status',
      'text',
    ]);
  });
});
