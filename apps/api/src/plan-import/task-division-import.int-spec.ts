import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildJointReport } from '@xietong/reports';
import { createTestApp, TestApp } from '../../test/create-test-app';
import { createTestWorker } from '../../../worker/test/create-test-worker';

const formats = join(__dirname, '../../../../seeds/plans/formats');
const fixture = (name: string) => readFileSync(join(formats, name), 'utf8');

interface PreviewUnit {
  name: string;
}
interface PreviewTask {
  ref: string;
  title: string;
  line: number;
  leadUnits: PreviewUnit[];
  supportUnits: PreviewUnit[];
  deadline: string | null;
  deadlineText: string | null;
  itemDeadline: string;
  milestones: { date: string; text: string }[];
}

const names = (units: PreviewUnit[]) => units.map((unit) => unit.name);

const BLOCKS = 'hubaoeyu-task-division-block.txt';

describe('importing task-division documents (分工方案)', () => {
  let t: TestApp;
  let manager: string;

  /** A coordinator of the organization with this code (the demo users cover three provinces only). */
  const coordinatorOf = async (code: string) => {
    const email = `coordinator.${code.toLowerCase()}.import@xietong.local`;
    const [row] = await t.db.query(
      `INSERT INTO users (email, password_hash, display_name, role, organization_id)
       SELECT $1, u.password_hash, $2, 'coordinator', o.id FROM users u, organizations o
       WHERE u.email = 'coordinator.gd@xietong.local' AND o.code = $3
       ON CONFLICT (email) DO UPDATE SET role = 'coordinator' RETURNING organization_id`,
      [email, `${code} 协调员`, code],
    );
    return { organizationId: row.organization_id as string, auth: await t.login(email) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.login('manager@xietong.local');
  });
  afterAll(() => t.close());

  const importPlan = (body: object, auth = manager) =>
    t.http().post('/api/plans/import').set('Authorization', auth).send(body);

  const itemsOf = (planId: string): Promise<Record<string, unknown>[]> =>
    t.db.query(
      `SELECT t.ref, o.name AS unit, w.responsibility, w.deadline::text AS deadline, w.parent_id IS NOT NULL AS milestone,
              w.title
       FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN organizations o ON o.id = w.organization_id
       WHERE w.plan_id = $1 ORDER BY t.source_line, w.parent_id NULLS FIRST, w.responsibility, o.code`,
      [planId],
    );

  it('previews every task with lead and supporting units, deadline and source line', async () => {
    const response = await importPlan({ text: fixture(BLOCKS), dryRun: true }).expect(200);
    const tasks: PreviewTask[] = response.body.preview.tasks;
    expect(
      tasks.map((task) => [task.ref, names(task.leadUnits), names(task.supportUnits), task.deadline]),
    ).toEqual([
      ['一1.', ['内蒙古自治区'], ['陕西省', '国家铁路局'], '2024-12-31'],
      ['一2.', ['交通运输部'], ['内蒙古自治区', '陕西省'], '2025-06-30'],
      [
        '二3.',
        ['国家发展和改革委员会', '国家能源局'],
        ['内蒙古自治区', '陕西省', '工业和信息化部'],
        '2024-12-31',
      ],
      ['二4.', ['水利部'], ['内蒙古自治区', '陕西省', '生态环境部'], null],
    ]);
    // 持续推进: the document names no date and has no period, so the latest date it names.
    expect(tasks[3]).toMatchObject({ deadlineText: '持续推进', itemDeadline: '2025-06-30' });
    expect(tasks.map((task) => task.line)).toEqual([7, 12, 19, 24]);
    expect(response.body.summary).toMatchObject({ tasks: 4, leadUnits: 5, supportUnits: 5, workItems: 15 });
    expect(response.body.reportingCadence).toEqual({
      kind: 'monthly',
      day: 10,
      time: '18:00',
      graceDays: 2,
    });
    expect(response.body.deadlineChanges).toEqual([]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM work_items`);
    expect(count).toBe(0);
  });

  it('gives lead and supporting units their own items due at the document deadlines, and the plan its cadence', async () => {
    const response = await importPlan({ text: fixture(BLOCKS) }).expect(200);
    expect(response.body).toMatchObject({ created: true, workItemsCreated: 15 });
    const planId = response.body.planId;
    const items = await itemsOf(planId);
    expect(items.filter((item) => item.ref === '一1.')).toEqual([
      expect.objectContaining({ unit: '内蒙古自治区', responsibility: 'lead', deadline: '2024-12-31' }),
      expect.objectContaining({ unit: '国家铁路局', responsibility: 'support', deadline: '2024-12-31' }),
      expect.objectContaining({ unit: '陕西省', responsibility: 'support', deadline: '2024-12-31' }),
    ]);
    expect(new Set(items.filter((item) => item.ref === '二4.').map((item) => item.deadline))).toEqual(
      new Set(['2025-06-30']),
    );
    const [plan] = await t.db.query(`SELECT reporting_cadence FROM plans WHERE id = $1`, [planId]);
    expect(plan.reporting_cadence).toEqual({ kind: 'monthly', day: 10, time: '18:00', graceDays: 2 });

    // A supporting province's coordinator sees its 配合 items in "my work", and no one else's province.
    const shaanxi = await coordinatorOf('SN');
    const mine = await t
      .http()
      .get(`/api/work-items?planId=${planId}&organizationId=${shaanxi.organizationId}`)
      .set('Authorization', shaanxi.auth)
      .expect(200);
    const own = mine.body.items.map((item: { taskRef: string; responsibility: string }) => [
      item.taskRef,
      item.responsibility,
    ]);
    expect(own.sort()).toEqual([
      ['一1.', 'support'],
      ['一2.', 'support'],
      ['二3.', 'support'],
      ['二4.', 'support'],
    ]);
    const support = await t
      .http()
      .get(`/api/work-items?planId=${planId}&responsibility=support`)
      .set('Authorization', manager)
      .expect(200);
    expect(support.body.total).toBe(10);
    await t.http().get(`/api/work-items?responsibility=helper`).set('Authorization', manager).expect(400);

    // Reports keep the sides apart: the 通报 ranks the lead units unless the supporting side is asked for.
    const ranked = async (filters: object) =>
      (await buildJointReport(t.db.manager, { planId, filters, asOf: '2024-06-30' })).report;
    const lead = await ranked({});
    expect(lead.headline.items).toBe(5);
    expect(lead.ranking.map((entry) => entry.organization.name).sort()).toEqual(
      ['内蒙古自治区', '交通运输部', '国家发展和改革委员会', '国家能源局', '水利部'].sort(),
    );
    expect(lead.filters.responsibility).toBe('lead');
    const supporting = await ranked({ responsibility: 'support' });
    expect(supporting.headline.items).toBe(10);
    expect(supporting.ranking.map((entry) => entry.organization.name)).toContain('陕西省');
    expect(supporting.ranking.map((entry) => entry.organization.name)).not.toContain('水利部');
  });

  it('reminds the supporting unit of its item as well as the lead', async () => {
    const text = [
      '粤桂协作2030年重点任务分工方案',
      '一、基础设施',
      '1. 建设合浦至湛江高速铁路',
      '牵头单位：广西壮族自治区',
      '配合单位：广东省',
      '完成时限：2030年6月底前',
    ].join('\n');
    const { body } = await importPlan({ text }).expect(200);
    // The admin scan is a job: a worker on the same prefix runs it.
    const worker = await createTestWorker(t.config);
    try {
      await t.scanReminders('2030-06-23T02:00:00Z');
    } finally {
      await worker.close();
    }
    const reminded = await t.db.query(
      `SELECT DISTINCT o.code, w.responsibility, u.email FROM notifications n
       JOIN work_items w ON w.id = n.work_item_id JOIN organizations o ON o.id = w.organization_id
       JOIN users u ON u.id = n.recipient_id
       WHERE w.plan_id = $1 AND n.kind = 'due_soon' ORDER BY o.code`,
      [body.planId],
    );
    expect(reminded).toEqual([
      { code: 'GD', responsibility: 'support', email: 'coordinator.gd@xietong.local' },
      { code: 'GX', responsibility: 'lead', email: 'coordinator.gx@xietong.local' },
    ]);
  });

  it.each(['haixi-task-table.docx', 'haixi-task-table.pdf'])(
    'imports %s through the API: lead and supporting items with the document deadlines',
    async (name) => {
      const upload = (dryRun: boolean) =>
        t
          .http()
          .post('/api/plans/import')
          .set('Authorization', manager)
          .field('dryRun', String(dryRun))
          .field('title', `海峡西岸 ${name}`)
          .attach('file', readFileSync(join(formats, name)), name);
      const preview = await upload(true).expect(200);
      const tasks: PreviewTask[] = preview.body.preview.tasks;
      expect(tasks.map((task) => [names(task.leadUnits), task.deadline])).toEqual([
        [['福建省'], '2024-12-31'],
        [['交通运输部'], '2025-03-31'],
        [['财政部', '生态环境部'], null],
        [['福建省'], '2024-09-30'],
      ]);
      expect(preview.body.reportingCadence).toMatchObject({ kind: 'periodic', months: 3, day: 31 });

      const { body } = await upload(false).expect(200);
      expect(body.workItemsCreated).toBe(15);
      const items = await itemsOf(body.planId);
      const first = items.filter((item) => item.ref === tasks[0].ref);
      expect(first.map((item) => [item.unit, item.responsibility, item.deadline])).toEqual([
        ['福建省', 'lead', '2024-12-31'],
        ['江西省', 'support', '2024-12-31'],
        ['国家铁路局', 'support', '2024-12-31'],
        ['浙江省', 'support', '2024-12-31'],
      ]);
      const taiwan = items.filter((item) => item.ref === tasks[3].ref);
      expect(taiwan.map((item) => [item.responsibility, item.deadline])).toEqual([
        ['lead', '2024-09-30'],
        ['support', '2024-09-30'],
        ['support', '2024-09-30'],
      ]);
      // 持续推进 in a table without a period: the latest date the table names.
      expect(new Set(items.filter((item) => item.ref === tasks[2].ref).map((item) => item.deadline))).toEqual(
        new Set(['2025-03-31']),
      );
    },
  );

  it('refuses a scanned PDF and random bytes named .docx or .pdf with a clear message, never a 500', async () => {
    const upload = (bytes: Buffer, name: string) =>
      t
        .http()
        .post('/api/plans/import')
        .set('Authorization', manager)
        .field('dryRun', 'true')
        .attach('file', bytes, name);
    const scanned = await upload(
      readFileSync(join(__dirname, '../../../../libs/plan-parser/fixtures/scanned-plan.pdf')),
      'scan.pdf',
    ).expect(422);
    expect(scanned.headers['content-type']).toMatch(/problem\+json/);
    expect(scanned.body.detail).toMatch(/文字层|text layer/);
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    for (const name of ['plan.docx', 'plan.pdf']) {
      const refused = await upload(noise, name);
      expect([415, 422]).toContain(refused.status);
      expect(refused.body.detail).toMatch(/不是|not/);
    }
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise]);
    expect((await upload(brokenZip, 'plan.docx').expect(422)).body.detail).toMatch(/Word|docx/);
    const brokenPdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), noise]);
    expect((await upload(brokenPdf, 'plan.pdf').expect(422)).body.detail).toMatch(/PDF/);
  });

  it('imports numbering that restarts in every chapter, with milestones as sub-items, and re-imports without copies', async () => {
    const text = fixture('lanxi-measures-inline.txt');
    const first = await importPlan({ text }).expect(200);
    const tasks = await t.db.query(`SELECT ref, number FROM tasks WHERE plan_id = $1 ORDER BY source_line`, [
      first.body.planId,
    ]);
    expect(tasks).toEqual([
      { ref: '一(一)', number: 1 },
      { ref: '一(二)', number: 2 },
      { ref: '二(一)', number: 1 },
      { ref: '二(二)', number: 2 },
    ]);
    const items = await itemsOf(first.body.planId);
    const forestry = items.filter((item) => item.ref === '二(一)' && item.unit === '国家林业和草原局');
    expect(forestry).toEqual([
      expect.objectContaining({ milestone: false, deadline: '2025-12-31', responsibility: 'lead' }),
      expect.objectContaining({
        milestone: true,
        deadline: '2024-06-30',
        title: expect.stringMatching(/联合执法/),
      }),
    ]);
    const again = await importPlan({ text }).expect(200);
    expect(again.body).toMatchObject({ created: false, workItemsCreated: 0 });
    expect(await itemsOf(first.body.planId)).toHaveLength(items.length);
  });

  it('applies the corrections a coordinator made in the preview and writes them to the audit log', async () => {
    const text = fixture('hubaoeyu-task-division-block.txt').replace(
      /^.*$/m,
      '呼包鄂榆城市群分工方案（更正测试）',
    );
    const preview = await importPlan({ text, dryRun: true }).expect(200);
    const [first, second, third] = preview.body.preview.tasks as PreviewTask[];
    const [gansu] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GS'`);
    const corrections = [
      { ref: first.ref, replaceUnits: [{ from: '陕西省', to: gansu.id }], deadline: '2025-06-30' },
      { ref: second.ref, drop: true },
      { ref: third.ref, removeUnits: ['工业和信息化部'], deadline: null },
    ];
    expect(names(first.supportUnits)).toContain('陕西省');
    const response = await importPlan({ text, corrections }).expect(200);
    expect(response.body.summary).toMatchObject({ tasks: 3, droppedTasks: 1 });
    const items = await itemsOf(response.body.planId);
    const firstItems = items.filter((item) => item.ref === first.ref && !item.milestone);
    expect(firstItems.map((item) => item.unit)).toEqual(['内蒙古自治区', '甘肃省', '国家铁路局']);
    expect(new Set(firstItems.map((item) => item.deadline))).toEqual(new Set(['2025-06-30']));
    expect(items.some((item) => item.ref === second.ref)).toBe(false);
    expect(items.some((item) => item.ref === third.ref && item.unit === '工业和信息化部')).toBe(false);

    const [audit] = await t.db.query(
      `SELECT before, after, actor_id FROM audit_log WHERE action = 'plan.import_corrected' AND entity_id = $1`,
      [response.body.planId],
    );
    expect(audit.actor_id).not.toBeNull();
    expect(audit.after.corrections).toEqual(corrections);
    expect(audit.before.tasks[0]).toMatchObject({ ref: first.ref, deadline: '2024-12-31' });
    expect(audit.before.tasks[0].supportUnits).toContain('陕西省');
  });

  it('refuses corrections that do not fit the document, with a message saying what to do', async () => {
    const text = fixture(BLOCKS);
    const [innerMongolia] = await t.db.query(`SELECT id FROM organizations WHERE code = 'NM'`);
    const refused = async (corrections: object[], status = 422) =>
      (await importPlan({ text, dryRun: true, corrections }).expect(status)).body.detail as string;
    expect(await refused([{ ref: '九', drop: true }])).toMatch(/没有任务 九.*重新预览/);
    expect(
      await refused([{ ref: '一1.', replaceUnits: [{ from: '上海市', to: innerMongolia.id }] }]),
    ).toMatch(/没有单位“上海市”/);
    expect(
      await refused([
        { ref: '一1.', replaceUnits: [{ from: '陕西省', to: '00000000-0000-4000-8000-000000000000' }] },
      ]),
    ).toMatch(/不在单位名录/);
    expect(
      await refused([{ ref: '一1.', replaceUnits: [{ from: '陕西省', to: innerMongolia.id }] }]),
    ).toMatch(/已有单位“内蒙古自治区”/);
    expect(await refused([{ ref: '一1.', drop: true }, { ref: '一1.' }])).toMatch(/出现了两次/);
    expect(await refused([{ ref: '一1.', deadline: '2025-02-30' }], 400)).toMatch(/exists in the calendar/);
    expect(await refused([{ ref: '一1.', replaceUnits: [{ from: '陕西省', to: 'NM' }] }], 400)).toMatch(
      /organization id/,
    );
    expect(await refused([{ ref: '一1.', surprise: true }], 400)).toMatch(/surprise/);
  });

  it('moves on re-import the deadlines no person changed, keeps the others, and the preview says which', async () => {
    const text = fixture(BLOCKS).replace(/^.*$/m, '呼包鄂榆重新导入测试');
    const { body } = await importPlan({ text }).expect(200);
    const shaanxi = await coordinatorOf('SN');
    const [item] = await t.db.query(
      `SELECT w.id, w.version FROM work_items w JOIN tasks t ON t.id = w.task_id
       WHERE w.plan_id = $1 AND t.ref = '一1.' AND w.organization_id = $2`,
      [body.planId, shaanxi.organizationId],
    );
    // The Shaanxi coordinator sets a date of their own.
    await t
      .http()
      .patch(`/api/work-items/${item.id}`)
      .set('Authorization', shaanxi.auth)
      .send({ deadline: '2024-11-30', version: item.version, confirmPastDeadline: true })
      .expect(200);
    const changed = text.replace('2024年12月底前', '2025年9月底前');
    const preview = await importPlan({ text: changed, dryRun: true }).expect(200);
    const changes = preview.body.deadlineChanges as { organization: string; moves: boolean }[];
    // 一1.'s three items, and 二4. (持续推进), whose items take the document's latest date, which moved too.
    expect(changes.map((change) => change.organization)).toHaveLength(7);
    expect(changes.filter((change) => !change.moves)).toEqual([
      expect.objectContaining({
        ref: '一1.',
        organization: '陕西省',
        deadline: '2024-11-30',
        documentBefore: '2024-12-31',
        documentAfter: '2025-09-30',
      }),
    ]);
    const confirmed = await importPlan({ text: changed }).expect(200);
    expect(confirmed.body.deadlineChanges.filter((change: { moves: boolean }) => change.moves)).toHaveLength(
      6,
    );
    const items = await itemsOf(body.planId);
    expect(items.filter((row) => row.ref === '一1.').map((row) => [row.unit, row.deadline])).toEqual([
      ['内蒙古自治区', '2025-09-30'],
      ['国家铁路局', '2025-09-30'],
      ['陕西省', '2024-11-30'],
    ]);
    const [audit] = await t.db.query(
      `SELECT after FROM audit_log WHERE action = 'plan.reimported' AND entity_id = $1`,
      [body.planId],
    );
    expect(audit.after).toMatchObject({ deadlinesMoved: 6, deadlinesKept: 1 });
  });
});

describe('per-import limits', () => {
  let t: TestApp;
  let manager: string;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_TASKS: '3', IMPORT_MAX_WORK_ITEMS: '11' });
    manager = await t.login('manager@xietong.local');
  });
  afterAll(() => t.close());

  it('refuses a document with more tasks or work items than one import may make, before writing anything', async () => {
    const tooMany = await t
      .http()
      .post('/api/plans/import')
      .set('Authorization', manager)
      .send({ text: fixture(BLOCKS) })
      .expect(422);
    expect(tooMany.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooMany.body.detail).toMatch(/4 项任务，一次最多导入 3 项/);

    const items = await t
      .http()
      .post('/api/plans/import')
      .set('Authorization', manager)
      .send({ text: fixture(BLOCKS), corrections: [{ ref: '一2.', drop: true }] })
      .expect(422);
    expect(items.body.detail).toMatch(/12 个工作事项.*一次最多 11 个/);

    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM plans`);
    expect(count).toBe(0);
  });
});
