import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Browser, Page } from 'playwright-core';
import { TestApp } from '../../api/test/create-test-app';
import { SAMPLE_PLAN_FILE, samplePlansDirectory, seedSamplePlan } from '../../../seeds/seed-sample-plan';
import { TEST_DEMO_PASSWORD } from '@xietong/testing';
import { label, SCREENSHOTS, signInAs, visible } from './browser';
import { startWebStack, WebStack } from './web-stack';

const UPDATE_TEXT = `钦州港30万吨级航道完成初步设计审查（e2e ${Date.now()}）`;

describe('the web app: coordinator, liaison and manager on the Beibu Gulf plan', () => {
  let stack: WebStack;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let planTitle: string;
  let sharedTaskCode: string;

  beforeAll(async () => {
    // Fails (not skips) without Chromium: the story is the acceptance test of the web app.
    stack = await startWebStack({
      prepare: async (app) => {
        planTitle = (await seedSamplePlan(app.db)) ?? '';
      },
    });
    ({ t, browser, baseUrl } = stack);
    // A task both Guangdong and Guangxi lead: where their updates meet.
    const [shared] = await t.db.query(
      `SELECT t.code FROM tasks t
       WHERE EXISTS (SELECT 1 FROM task_lead_units l JOIN organizations o ON o.id = l.organization_id WHERE l.task_id = t.id AND o.code = 'GD')
         AND EXISTS (SELECT 1 FROM task_lead_units l JOIN organizations o ON o.id = l.organization_id WHERE l.task_id = t.id AND o.code = 'GX')
       ORDER BY t.number LIMIT 1`,
    );
    sharedTaskCode = shared.code;
  }, 240_000);

  afterAll(() => stack?.close());

  async function signIn(
    email: string,
    options: { viewport?: { width: number; height: number }; screenshot?: string } = {},
  ): Promise<Page> {
    const { page } = await signInAs(browser, baseUrl, email, TEST_DEMO_PASSWORD, {
      ...options,
      acceptDownloads: true,
    });
    return page;
  }

  async function openMatrixCell(page: Page, province: string, screenshot?: string): Promise<void> {
    await page.getByRole('menuitem', { name: '规划', exact: true }).click();
    await page.getByRole('link', { name: planTitle }).click();
    await visible(page.getByRole('heading', { name: planTitle }));
    await visible(page.getByRole('row').filter({ hasText: sharedTaskCode }).first());
    if (screenshot)
      await page.screenshot({ path: join(SCREENSHOTS, `${screenshot}-tasks.png`), fullPage: true });
    await page.getByRole('tab', { name: '省份 × 任务' }).click();
    await page.waitForURL(/tab=matrix/);
    const cell = page.locator(`button.matrix-cell[aria-label^="${province} · ${sharedTaskCode} "]`);
    await visible(cell);
    await visible(page.locator('canvas').first());
    if (screenshot)
      await page.screenshot({ path: join(SCREENSHOTS, `${screenshot}-matrix.png`), fullPage: true });
    await cell.click();
    await page.waitForURL(/\/work-items\//);
  }

  it('the Guangdong coordinator sees the plan, assigns an item and posts an update', async () => {
    expect(planTitle).toContain('北部湾');
    expect(sharedTaskCode).toBeTruthy();
    const page = await signIn('coordinator.gd@xietong.local', { screenshot: 'login.png' });
    await visible(page.getByText('广东省的事项'));
    await page.getByText('全部事项').click();
    await page.waitForURL(/view=all/);
    await visible(page.locator('.ant-table-row').first());
    await page.screenshot({ path: join(SCREENSHOTS, 'my-work.png'), fullPage: true });

    await openMatrixCell(page, '广东省', 'plan');
    const thread = page.getByTestId('thread-GD');
    await visible(thread);

    await page.getByRole('button', { name: '指派给我' }).click();
    await page.getByRole('button', { name: label('保存') }).click();
    await visible(page.getByText('事项已更新'));
    await visible(page.locator('.ant-descriptions').getByText('广东协调员'));

    await page.getByRole('button', { name: '反馈进展' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('进展情况').fill(UPDATE_TEXT);
    await dialog.getByRole('spinbutton').fill('30');
    await dialog.getByRole('button', { name: '提交反馈' }).click();
    await visible(page.getByText('进展已反馈'));
    await visible(thread.getByText(UPDATE_TEXT));
    await page.screenshot({ path: join(SCREENSHOTS, 'work-item.png'), fullPage: true });

    // The same screen on a phone, for reading.
    const phone = await signIn('coordinator.gd@xietong.local', { viewport: { width: 390, height: 844 } });
    await phone.goto(page.url());
    await visible(phone.getByTestId('thread-GD').getByText(UPDATE_TEXT));
    await phone.screenshot({ path: join(SCREENSHOTS, 'work-item-phone.png'), fullPage: true });
  });

  it('the Guangxi liaison office sees that update beside its own item', async () => {
    const page = await signIn('liaison.gx@xietong.local');
    await openMatrixCell(page, '广西壮族自治区');
    await visible(page.getByTestId('thread-GX').locator('.ant-card-head').getByText('本单位'));
    await visible(page.getByTestId('thread-GD').getByText(UPDATE_TEXT));
    await page.screenshot({ path: join(SCREENSHOTS, 'liaison-work-item.png'), fullPage: true });
  });

  it('the manager previews an import and downloads the XLSX joint report', async () => {
    const page = await signIn('manager@xietong.local');

    await page.getByRole('menuitem', { name: '导入规划' }).click();
    // Uploaded as GB18030, as plans saved on Chinese Windows often are: the API decodes it.
    const text = await readFile(join(samplePlansDirectory(), SAMPLE_PLAN_FILE), 'utf8');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'plan.txt', mimeType: 'text/plain', buffer: iconv.encode(text, 'gb18030') });
    await page.getByLabel('规划名称（可选，默认取第一行）').fill('北部湾城市群建设实施方案（试导入）');
    await page.getByTestId('import-preview-button').click();
    await visible(page.getByTestId('import-preview'));
    await visible(page.getByText('诊断信息'));
    await page.screenshot({ path: join(SCREENSHOTS, 'import-preview.png'), fullPage: true });

    await page.getByRole('menuitem', { name: '规划', exact: true }).click();
    await page.getByRole('link', { name: planTitle }).click();
    await page.getByRole('tab', { name: label('报告') }).click();
    await page.getByTestId('generate-report').click();
    const downloadButton = page.getByTestId('download-xlsx');
    await visible(downloadButton, 90_000);
    await visible(page.frameLocator('[data-testid="report-preview"]').getByText(planTitle).first());
    await page.screenshot({ path: join(SCREENSHOTS, 'reports.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = join(SCREENSHOTS, 'joint-report.xlsx');
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))),
    );
    expect(cells.some((value) => value.includes('广东省'))).toBe(true);
    expect(cells.length).toBeGreaterThan(20);
  });
});
