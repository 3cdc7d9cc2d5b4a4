import { TestingModule } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import { Response } from 'superagent';
import { createJointPlan, JointPlanFixture, postUpdate } from '@xietong/testing';
import { createTestWorker } from '../../../worker/test/create-test-worker';
import { createTestApp, TestApp } from '../../test/create-test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (buffer: Buffer) => Promise<{ text: string }> = require('pdf-parse');

function binary(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Everything a person can read in a workbook, sheet by sheet. */
async function xlsxText(buffer: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value)))),
  );
  return texts.join('\n');
}

/**
 * Finding 6 of issue 13: the Guangdong coordinator got 403 on a Guangxi item and its updates, yet
 * their report held that row and its update text. Task 2 (共建西部陆海新通道) is led by Guangxi and
 * the NDRC only; task 1 Guangdong shares with Guangxi, so Guangxi's item there is visible.
 */
describe('report scope', () => {
  let t: TestApp;
  let worker: TestingModule;
  let plan: JointPlanFixture;
  let guangdong: string;
  const HIDDEN_TASK = '共建西部陆海新通道';
  const HIDDEN_UPDATE = '陆海新通道广西段内部进展';
  const SHARED_UPDATE = '北部湾港联合进展';

  beforeAll(async () => {
    t = await createTestApp({ REMINDER_SCAN_EVERY_SECONDS: '86400' });
    worker = await createTestWorker(t.config);
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    await postUpdate(t.db, plan.tasks[1].items.GX, 'coordinator.gx@xietong.local', HIDDEN_UPDATE, {
      progress: 30,
    });
    await postUpdate(t.db, plan.tasks[0].items.GX, 'coordinator.gx@xietong.local', SHARED_UPDATE, {
      progress: 20,
    });
    guangdong = await t.login('coordinator.gd@xietong.local');
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function built(auth: string, body: object): Promise<string> {
    const { body: run } = await t
      .http()
      .post(`/api/plans/${plan.id}/reports`)
      .set('Authorization', auth)
      .send(body)
      .expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body: state } = await t
        .http()
        .get(`/api/reports/${run.id}`)
        .set('Authorization', auth)
        .expect(200);
      if (state.state === 'done') return run.id;
      if (state.state === 'failed' || Date.now() > deadline)
        throw new Error(`run ${run.id}: ${state.state} ${state.error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const download = (runId: string, format: string, auth: string) =>
    t
      .http()
      .get(`/api/reports/${runId}/download`)
      .query({ format })
      .set('Authorization', auth)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .then((response) => response.body as Buffer);

  it('gives a coordinator, in every format, only the tasks their organization leads', async () => {
    const runId = await built(guangdong, { formats: ['html', 'xlsx', 'pdf', 'csv'] });
    const { body: run } = await t.http().get(`/api/reports/${runId}`).set('Authorization', guangdong);
    expect(run.summary.headline.items).toBe(7);

    const html = (await download(runId, 'html', guangdong)).toString('utf8');
    const csv = (await download(runId, 'csv', guangdong)).toString('utf8');
    const xlsx = await xlsxText(await download(runId, 'xlsx', guangdong));
    const pdf = (await pdfParse(await download(runId, 'pdf', guangdong))).text.replace(/\s+/g, '');
    for (const [format, text] of Object.entries({ html, csv, xlsx, pdf })) {
      expect({ format, leaks: text.includes(HIDDEN_TASK) || text.includes(HIDDEN_UPDATE) }).toEqual({
        format,
        leaks: false,
      });
      expect({ format, shows: text.includes('共建北部湾国际门户港') }).toEqual({ format, shows: true });
    }
    // Guangxi's item on the shared task, and its update, are what Guangdong may see.
    expect(html).toContain(SHARED_UPDATE);
    expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(7 + 1);
  });

  it('gives the plan’s manager the whole plan', async () => {
    const manager = await t.login('manager@xietong.local');
    const runId = await built(manager, { formats: ['html'] });
    const html = (await download(runId, 'html', manager)).toString('utf8');
    expect(html).toContain(HIDDEN_TASK);
    expect(html).toContain(HIDDEN_UPDATE);
  });

  it('gives a liaison office its province’s view', async () => {
    const liaison = await t.login('liaison.gx@xietong.local');
    const runId = await built(liaison, { formats: ['csv'] });
    const csv = (await download(runId, 'csv', liaison)).toString('utf8');
    expect(csv).toContain(HIDDEN_TASK);
    expect(csv).not.toContain('推进琼州海峡客货运输一体化');
    // Guangdong's coordinators may not open Guangxi's view either.
    await t.http().get(`/api/reports/${runId}`).set('Authorization', guangdong).expect(403);
  });
});

/** Finding 15 of issue 13: coordinators could request reports without limit. */
describe('report limits', () => {
  let t: TestApp;
  let plan: JointPlanFixture;

  beforeAll(async () => {
    // No worker: runs stay queued, which is what the concurrency limit counts.
    t = await createTestApp({
      REPORT_MAX_ITEMS: '8',
      REPORT_RUNS_CONCURRENT_PER_USER: '1',
      REPORT_RUNS_PER_HOUR_PER_USER: '2',
    });
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
  });
  afterAll(() => t.close());

  const request = (auth: string, body: object = { format: 'csv' }) =>
    t.http().post(`/api/plans/${plan.id}/reports`).set('Authorization', auth).send(body);

  it('refuses a report over too many items with what to do, and accepts it filtered', async () => {
    const admin = await t.login('admin@xietong.local');
    const tooBig = await request(admin).expect(422);
    expect(tooBig.body.detail).toMatch(/将包含 9 个事项，超过上限 8 个.*narrow it with filters/);
    const [guangxi] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GX'`);
    // Guangxi's two items and the NDRC's two (ministries stay when provinces are filtered).
    await request(admin, { format: 'csv', filters: { provinceIds: [guangxi.id] } }).expect(202);
  });

  it('limits runs at once and per hour for each person, with Retry-After', async () => {
    const coordinator = await t.login('coordinator.hi@xietong.local');
    const { body: first } = await request(coordinator).expect(202);
    const busy = await request(coordinator).expect(429);
    expect(busy.headers['content-type']).toMatch(/problem\+json/);
    expect(busy.headers['retry-after']).toBe('30');
    expect(busy.body.detail).toMatch(/正在生成.*at most 1 at once/);
    // Someone else is not held up by this person's runs.
    await request(await t.login('coordinator.gd@xietong.local')).expect(202);

    await t.db.query(`UPDATE report_runs SET state = 'done' WHERE id = $1`, [first.id]);
    const { body: second } = await request(coordinator).expect(202);
    await t.db.query(`UPDATE report_runs SET state = 'done' WHERE id = $1`, [second.id]);
    const hourly = await request(coordinator).expect(429);
    expect(Number(hourly.headers['retry-after'])).toBeGreaterThan(3500);
    expect(hourly.body.detail).toMatch(/一小时内已生成 2 份报告.*the limit is 2/);
  });

  it('lets two simultaneous requests take one place, not two', async () => {
    const coordinator = await t.login('liaison.gx@xietong.local');
    const statuses = (await Promise.all([request(coordinator), request(coordinator)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([202, 429]);
  });
});
