import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { createTestApp, TestApp } from '../../test/create-test-app';

const planText = readFileSync(
  join(__dirname, '../../../../seeds/plans/beibu-gulf-city-cluster-implementation-plan-2022.txt'),
  'utf8',
);

describe('POST /api/plans/import', () => {
  let t: TestApp;
  let manager: string;

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.login('manager@xietong.local');
  });
  afterAll(() => t.close());

  const importPlan = (body: object, auth = manager) =>
    t.http().post('/api/plans/import').set('Authorization', auth).send(body);

  it('previews a dry run with diagnostics and saves nothing', async () => {
    const response = await importPlan({ text: planText, dryRun: true }).expect(200);
    expect(response.body).toMatchObject({
      dryRun: true,
      planId: null,
      summary: { tasks: 35, leadUnits: 41 },
    });
    expect(response.body.preview.tasks).toHaveLength(35);
    const inherited = response.body.preview.tasks.filter(
      (task: { inheritedProvinces: boolean }) => task.inheritedProvinces,
    );
    expect(inherited[0]).toMatchObject({ code: '(十)' });
    expect(response.body.preview.diagnostics.length).toBeGreaterThan(0);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM plans`);
    expect(count).toBe(0);
  });

  it('creates the plan, its tasks, lead units and one work item per task × lead unit', async () => {
    const response = await importPlan({ text: planText }).expect(200);
    expect(response.body).toMatchObject({ dryRun: false, created: true, workItemsCreated: 192 });
    const planId = response.body.planId;

    const [task12] = await t.db.query(
      `SELECT t.title, array_agg(o.code ORDER BY o.code) AS leads FROM tasks t
       JOIN task_lead_units l ON l.task_id = t.id JOIN organizations o ON o.id = l.organization_id
       WHERE t.plan_id = $1 AND t.number = 12 GROUP BY t.id`,
      [planId],
    );
    expect(task12.title).toBe('畅通陆海运输大通道');
    expect(task12.leads).toEqual(expect.arrayContaining(['GX', 'GD', 'HI', 'NDRC']));

    const [item] = await t.db.query(
      `SELECT deadline::text, status, progress, owner_id FROM work_items WHERE plan_id = $1 LIMIT 1`,
      [planId],
    );
    expect(item).toEqual({ deadline: '2025-12-31', status: 'not_started', progress: 0, owner_id: null });
    const [managed] = await t.db.query(
      `SELECT count(*)::int AS count FROM plan_managers WHERE plan_id = $1`,
      [planId],
    );
    expect(managed.count).toBe(1);
    const [audit] = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [planId]);
    expect(audit.action).toBe('plan.imported');
  });

  it('re-imports in place without duplicates and keeps what people changed', async () => {
    const [owner] = await t.db.query(`SELECT id FROM users WHERE email = 'coordinator.gx@xietong.local'`);
    await t.db.query(
      `UPDATE work_items SET owner_id = $1, deadline = '2024-06-30', status = 'in_progress', progress = 40
       WHERE id = (SELECT id FROM work_items ORDER BY id LIMIT 1)`,
      [owner.id],
    );
    const response = await importPlan({ text: planText }).expect(200);
    expect(response.body).toMatchObject({ created: false, workItemsCreated: 0 });
    const [{ plans, items }] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM plans) AS plans, (SELECT count(*)::int FROM work_items) AS items`,
    );
    expect({ plans, items }).toEqual({ plans: 1, items: 192 });
    const [changed] = await t.db.query(
      `SELECT owner_id, deadline::text, status, progress FROM work_items ORDER BY id LIMIT 1`,
    );
    expect(changed).toEqual({
      owner_id: owner.id,
      deadline: '2024-06-30',
      status: 'in_progress',
      progress: 40,
    });
  });

  it('accepts a GB18030 file upload and gives the same tasks', async () => {
    const response = await t
      .http()
      .post('/api/plans/import')
      .set('Authorization', manager)
      .field('dryRun', 'true')
      .attach('file', iconv.encode(planText, 'gb18030'), 'plan.txt')
      .expect(200);
    expect(response.body.summary).toMatchObject({ tasks: 35, leadUnits: 41 });
  });

  it('refuses binary uploads, empty and structureless text with a message saying what was expected', async () => {
    const binary = await t
      .http()
      .post('/api/plans/import')
      .set('Authorization', manager)
      .attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]), 'plan.png')
      .expect(415);
    expect(binary.body.detail).toMatch(/UTF-8/);
    expect((await importPlan({ text: '   ' }).expect(422)).body.detail).toMatch(/empty/);
    expect((await importPlan({ text: '今天天气很好。\n明天也不错。' }).expect(422)).body.detail).toMatch(
      /\(一\)/,
    );
    expect((await importPlan({}).expect(400)).body.detail).toMatch(/multipart/);
  });

  it('answers 413 for bodies over 5 MB', async () => {
    const response = await importPlan({ text: 'x'.repeat(6 * 1024 * 1024) }).expect(413);
    expect(response.body.detail).toMatch(/5 MB/);
  });

  it('refuses a manager who does not manage the plan a re-import would overwrite', async () => {
    const [ndrc] = await t.db.query(`SELECT id FROM organizations WHERE code = 'NDRC'`);
    await t.db.query(
      `INSERT INTO users (email, password_hash, display_name, role, organization_id)
       SELECT 'other.manager@xietong.local', password_hash, '另一位负责人', 'manager', $1 FROM users WHERE email = 'manager@xietong.local'`,
      [ndrc.id],
    );
    const other = await t.login('other.manager@xietong.local');
    const refused = await importPlan({ text: planText }, other).expect(403);
    expect(refused.body.detail).toMatch(/不是它的规划负责人/);
    const [{ managers }] = await t.db.query(`SELECT count(*)::int AS managers FROM plan_managers`);
    expect(managers).toBe(1);
  });

  it('lets only managers and admins import', async () => {
    const coordinator = await t.login('coordinator.gd@xietong.local');
    const refused = await importPlan({ text: planText, dryRun: true }, coordinator).expect(403);
    expect(refused.body.detail).toMatch(/admin or manager/);
  });
});
