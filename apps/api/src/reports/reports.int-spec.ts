import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestingModule } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import { Response } from 'superagent';
import { changeWorkItem, createJointPlan, createUser, JointPlanFixture } from '@xietong/testing';
import { createTestWorker } from '../../../worker/test/create-test-worker';
import { createTestApp, TestApp } from '../../test/create-test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (buffer: Buffer) => Promise<{ text: string }> = require('pdf-parse');

const RED = 'FFFF4D4F';

/** The text poppler's pdftotext reads from a PDF: what a reader could copy out of it. */
function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'xietong-report-')), 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Supertest hands binary bodies back as buffers only when asked to. */
function binary(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('joint progress reports on demand', () => {
  let t: TestApp;
  let worker: TestingModule | undefined;
  let manager: string;
  let plan: JointPlanFixture;

  const requestReport = (body: object, auth = manager) =>
    t.http().post(`/api/plans/${plan.id}/reports`).set('Authorization', auth).send(body);

  const download = (runId: string, format: string, auth = manager) =>
    t
      .http()
      .get(`/api/reports/${runId}/download`)
      .query({ format })
      .set('Authorization', auth)
      .buffer(true)
      .parse(binary);

  async function waitUntilBuilt(runId: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await t.http().get(`/api/reports/${runId}`).set('Authorization', manager).expect(200);
      if (body.state === 'done') return body;
      if (body.state === 'failed') throw new Error(`report run failed: ${body.error}`);
      if (Date.now() > deadline) throw new Error(`report run ${runId} still ${body.state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ REMINDER_SCAN_EVERY_SECONDS: '86400' });
    manager = await t.login('manager@xietong.local');
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    const [task1, task2] = plan.tasks;
    await changeWorkItem(t.db, task1.items.GD, {
      status: 'in_progress',
      progress: 40,
      deadline: '2025-10-31',
    });
    await changeWorkItem(t.db, task1.items.GX, { status: 'in_progress', progress: 60 });
    await changeWorkItem(t.db, task2.items.NDRC, { status: 'done' });
  });

  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('queues a run and answers 404 with its state until the worker has built it', async () => {
    const { body: run } = await requestReport({ format: 'csv' }).expect(202);
    expect(run).toMatchObject({ state: 'queued', planId: plan.id, formats: ['csv'], files: [] });
    const refused = await download(run.id, 'csv').expect(404);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.parse(refused.body.toString()).detail).toMatch(/still queued; try again/);
  });

  it('builds XLSX, PDF and CSV in the worker and serves each with its type and Chinese file name', async () => {
    worker = await createTestWorker(t.config);
    const { body: queued } = await requestReport({ format: 'xlsx', formats: ['xlsx', 'pdf', 'csv'] }).expect(
      202,
    );
    const run = await waitUntilBuilt(queued.id);
    expect(run.summary).toMatchObject({ headline: { items: 9, done: 1, overdue: 1 } });
    expect((run.files as Array<{ format: string }>).map((f) => f.format)).toEqual(['csv', 'pdf', 'xlsx']);

    const xlsx = await download(queued.id, 'xlsx').expect(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const fileName = `${plan.title.replace(/\s+/g, '-')}-联合进展报告-`;
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
      expect.arrayContaining(['汇总', '矩阵', '逾期事项', '工作事项']),
    );
    const matrix = workbook.getWorksheet('矩阵')!;
    const guangdong = (matrix.getRow(1).values as unknown[]).indexOf('广东省');
    let taskRow = 0;
    matrix.eachRow((row, number) => {
      if (row.getCell(1).value === '（一）') taskRow = number;
    });
    const overdueCell = matrix.getRow(taskRow).getCell(guangdong);
    expect((overdueCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(RED);
    expect(workbook.getWorksheet('逾期事项')!.getRow(2).getCell(3).value).toBe('广东省');

    const pdf = await download(queued.id, 'pdf').expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfParse(pdf.body);
    expect(text).toContain('广西壮族自治区');
    expect(text).toContain('广东省');

    const csv = await download(queued.id, 'csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.toString('utf8').split(/\r?\n/).filter(Boolean);
    expect(lines).toHaveLength(9 + 1);
  });

  it('filters by province and lists the plan’s runs newest first', async () => {
    const [{ id: guangxi }] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GX'`);
    const { body: queued } = await requestReport({
      format: 'html',
      filters: { provinceIds: [guangxi] },
    }).expect(202);
    const run = await waitUntilBuilt(queued.id);
    // Guangxi's two items plus the ministries' three: filtering provinces keeps every ministry.
    expect(run.summary).toMatchObject({ headline: { items: 5 } });
    const html = await download(queued.id, 'html').expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body.toString()).toContain('广西壮族自治区');

    const { body: runs } = await t
      .http()
      .get(`/api/plans/${plan.id}/reports`)
      .set('Authorization', manager)
      .expect(200);
    expect(runs[0].id).toBe(queued.id);
    expect(runs).toHaveLength(3);
  });

  it('refuses formats it cannot build and files the run does not have', async () => {
    const invalid = await requestReport({ format: 'docx' }).expect(400);
    expect(invalid.body.detail).toMatch(/html, xlsx, pdf, csv/);
    const { body: queued } = await requestReport({ format: 'csv' }).expect(202);
    await waitUntilBuilt(queued.id);
    const missing = await download(queued.id, 'pdf').expect(404);
    expect(JSON.parse(missing.body.toString()).detail).toMatch(/no pdf file; it was built as csv/);
  });

  it('keeps the manager’s whole-plan runs from coordinators, and tells another organization why not', async () => {
    const { body: runs } = await t.http().get(`/api/plans/${plan.id}/reports`).set('Authorization', manager);
    const built = runs.find((run: { state: string; formats: string[] }) => run.formats.includes('xlsx'));
    const guangxi = await t.login('coordinator.gx@xietong.local');
    // The whole plan includes task 3, which Guangxi does not lead: not for a Guangxi coordinator.
    const wholePlan = await download(built.id, 'xlsx', guangxi).expect(403);
    expect(JSON.parse(wholePlan.body.toString()).detail).toMatch(/请在本规划下生成自己的报告/);
    const listed = await t
      .http()
      .get(`/api/plans/${plan.id}/reports`)
      .set('Authorization', guangxi)
      .expect(200);
    expect(listed.body.map((run: { id: string }) => run.id)).not.toContain(built.id);

    const yunnan = await createUser(t.db, { role: 'coordinator', organizationCode: 'YN' });
    const outsider = await t.login(yunnan.email);
    const refused = await download(built.id, 'xlsx', outsider).expect(403);
    expect(JSON.parse(refused.body.toString()).detail).toMatch(/云南省不牵头《.+》中的任何任务/);
    await requestReport({ format: 'csv' }, outsider).expect(403);
    await t.http().get(`/api/plans/${plan.id}/reports`).set('Authorization', outsider).expect(403);
  });

  it('compares the next report with the previous one of the same view, in every format', async () => {
    const { body: first } = await requestReport({ format: 'html' }).expect(202);
    await waitUntilBuilt(first.id);
    const firstHtml = (await download(first.id, 'html').expect(200)).body.toString();
    // Guangxi's item on task 1 was in progress at 60 %; it is finished before the next report.
    await changeWorkItem(t.db, plan.tasks[0].items.GX, { status: 'done', progress: 100 });

    const { body: second } = await requestReport({ format: 'html', formats: ['html', 'pdf', 'csv'] }).expect(
      202,
    );
    await waitUntilBuilt(second.id);
    const html = (await download(second.id, 'html').expect(200)).body.toString();
    expect(html).not.toContain('首期报告，暂无上期对比');
    expect(html).toContain('上期报告');
    const finished = html.slice(html.indexOf('本期完成</h3>'), html.indexOf('新增逾期</h3>'));
    expect(finished).toContain('广西壮族自治区');
    const deltas = html.slice(html.indexOf('进度变化</h3>'), html.indexOf('进展更新</h2>'));
    expect(deltas).toMatch(/广西壮族自治区.*60%.*100%/s);
    // The earlier one compared with the runs before it: nothing had finished then.
    expect(firstHtml.slice(firstHtml.indexOf('本期完成</h3>'), firstHtml.indexOf('新增逾期</h3>'))).toContain(
      '>无</p>',
    );

    const text = pdfText((await download(second.id, 'pdf').expect(200)).body);
    for (const label of [
      '联合进展报告',
      '较上期变化',
      '本期完成',
      '截止日期执行情况',
      '按期',
      '广西壮族自治区',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).not.toContain('首期报告');

    const csv = (await download(second.id, 'csv').expect(200)).body.toString('utf8');
    const [header, ...rows] = csv.slice(1).split('\r\n').filter(Boolean);
    expect(header.split(',')).toEqual(expect.arrayContaining(['原定截止日期', '截止情况']));
    const standing = header.split(',').indexOf('截止情况');
    expect(new Set(rows.map((row: string) => row.split(',')[standing]))).toEqual(new Set(['按期', '逾期']));
  });
});
