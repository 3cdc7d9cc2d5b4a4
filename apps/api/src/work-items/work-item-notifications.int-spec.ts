import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanImporter } from '@xietong/domain';
import { createTestApp, TestApp } from '../../test/create-test-app';

const planText = readFileSync(
  join(__dirname, '../../../../seeds/plans/beibu-gulf-city-cluster-implementation-plan-2022.txt'),
  'utf8',
);

/** Assignments, updates on shared tasks and send-backs reach the people concerned through the outbox. */
describe('work-item notifications', () => {
  let t: TestApp;
  let gxItem: { id: string; version: number };
  let gdItem: { id: string; version: number };
  let gxOwner: string;

  beforeAll(async () => {
    t = await createTestApp();
    const { planId } = await new PlanImporter(t.db).import({ text: planText, actorId: null });
    const items: { id: string; version: number; code: string }[] = await t.db.query(
      `SELECT w.id, w.version, o.code FROM work_items w JOIN tasks t ON t.id = w.task_id
       JOIN organizations o ON o.id = w.organization_id WHERE t.plan_id = $1 AND t.number = 12`,
      [planId],
    );
    gxItem = items.find((item) => item.code === 'GX')!;
    gdItem = items.find((item) => item.code === 'GD')!;
    [{ id: gxOwner }] = await t.db.query(`SELECT id FROM users WHERE email = 'liaison.gx@xietong.local'`);
  });
  afterAll(() => t.close());

  const inbox = async (email: string) =>
    (
      await t
        .http()
        .get('/api/notifications')
        .set('Authorization', await t.login(email))
        .expect(200)
    ).body;

  it('tells a new owner about the assignment, in the inbox and by mail', async () => {
    const coordinator = await t.login('coordinator.gx@xietong.local');
    await t
      .http()
      .patch(`/api/work-items/${gxItem.id}`)
      .set('Authorization', coordinator)
      .send({ version: gxItem.version, ownerId: gxOwner })
      .expect(200);
    const liaison = await inbox('liaison.gx@xietong.local');
    expect(liaison.items).toEqual([expect.objectContaining({ kind: 'assigned', workItemId: gxItem.id })]);
    expect(liaison.items[0].payload).toMatchObject({ assignedBy: '广西协调员', taskCode: '(十二)' });
    const [mail] = await t.db.query(
      `SELECT state FROM notifications WHERE kind = 'assigned' AND channel = 'email' AND recipient_id = $1`,
      [gxOwner],
    );
    expect(mail).toBeDefined();
  });

  it('tells the other provinces on the task, not the author, about a progress update', async () => {
    const guangdong = await t.login('coordinator.gd@xietong.local');
    await t
      .http()
      .post(`/api/work-items/${gdItem.id}/updates`)
      .set('Authorization', guangdong)
      .send({ text: '湛江港30万吨级航道已开工', progress: 20 })
      .expect(201);
    const liaison = await inbox('liaison.gx@xietong.local');
    expect(liaison.items[0]).toMatchObject({ kind: 'update_posted', workItemId: gdItem.id });
    expect(liaison.items[0].payload).toMatchObject({
      authorName: '广东协调员',
      updateText: '湛江港30万吨级航道已开工',
    });
    const author = await inbox('coordinator.gd@xietong.local');
    expect(author.items.filter((n: { kind: string }) => n.kind === 'update_posted')).toHaveLength(0);
    const hainan = await inbox('coordinator.hi@xietong.local');
    expect(hainan.items.map((n: { kind: string }) => n.kind)).toContain('update_posted');
  });
});
