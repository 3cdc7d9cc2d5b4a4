import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { TEST_DEMO_PASSWORD } from '@xietong/testing';
import { TestApp } from '../../api/test/create-test-app';
import { SCREENSHOTS, signInAs, visible } from './browser';
import { startWebStack, WebStack } from './web-stack';

const PDF = join(__dirname, '..', '..', '..', 'seeds', 'plans', 'formats', 'haixi-task-table.pdf');

describe('the web app: a manager imports a task-division table from a PDF and corrects it', () => {
  let stack: WebStack;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startWebStack({ worker: false });
    ({ t, browser, baseUrl } = stack);
  }, 240_000);

  afterAll(() => stack?.close());

  async function signIn(email: string, viewport?: { width: number; height: number }): Promise<Page> {
    const { page } = await signInAs(browser, baseUrl, email, TEST_DEMO_PASSWORD, { viewport });
    return page;
  }

  async function previewPdf(page: Page): Promise<void> {
    await page.goto(`${baseUrl}/import`);
    await visible(page.getByRole('heading', { name: '导入规划' }));
    await page.locator('input[type="file"]').setInputFiles(PDF);
    await page.getByTestId('import-preview-button').click();
    await visible(page.getByTestId('import-preview'), 60_000);
  }

  it('uploads the PDF, replaces one unit and one deadline in the preview, confirms and sees the corrected items', async () => {
    const page = await signIn('manager@xietong.local');
    await previewPdf(page);
    const rows = page.locator('[data-testid^="import-task-"]');
    await visible(rows.first());
    expect(await rows.count()).toBe(4);
    const firstRow = rows.nth(0);
    const secondRow = rows.nth(1);
    const firstRef = (await firstRow.getAttribute('data-testid'))!.replace('import-task-', '');
    const secondRef = (await secondRow.getAttribute('data-testid'))!.replace('import-task-', '');
    await visible(firstRow.getByText('原文第'));
    await page.screenshot({ path: join(SCREENSHOTS, 'import-task-table.png'), fullPage: true });

    // 浙江省 was named as supporting task 1; the coordinator knows it is 上海市.
    await page.getByTestId(`unit-${firstRef}-浙江省`).click();
    const picker = page.getByTestId('unit-select');
    await visible(picker);
    await page.keyboard.type('上海');
    await page.locator('.ant-select-item-option').filter({ hasText: '上海市' }).first().click();
    await visible(firstRow.getByText('上海市'));

    // Task 2's deadline moves to 2025-06-30.
    const deadline = page.getByTestId(`deadline-${secondRef}`).locator('input');
    await deadline.click();
    await deadline.fill('2025-06-30');
    await deadline.press('Enter');
    await visible(secondRow.getByText('已修改'));
    await page.screenshot({ path: join(SCREENSHOTS, 'import-corrected.png'), fullPage: true });

    await page.getByTestId('import-confirm-button').click();
    await page.waitForURL(/\/plans\//, { timeout: 60_000 });
    const planId = page.url().split('/plans/')[1].split(/[?#]/)[0];

    const items: { ref: string; code: string; deadline: string; responsibility: string }[] = await t.db.query(
      `SELECT t.ref, o.code, w.deadline::text AS deadline, w.responsibility
       FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN organizations o ON o.id = w.organization_id
       WHERE w.plan_id = $1 AND w.parent_id IS NULL`,
      [planId],
    );
    expect(
      items
        .filter((item) => item.ref === firstRef)
        .map((item) => [item.code, item.responsibility])
        .sort(),
    ).toEqual([
      ['FJ', 'lead'],
      ['JX', 'support'],
      ['NRA', 'support'],
      ['SH', 'support'],
    ]);
    expect(new Set(items.filter((item) => item.ref === secondRef).map((item) => item.deadline))).toEqual(
      new Set(['2025-06-30']),
    );
    const [audit] = await t.db.query(
      `SELECT after FROM audit_log WHERE action = 'plan.import_corrected' AND entity_id = $1`,
      [planId],
    );
    expect(audit.after.corrections).toHaveLength(2);
    // The corrected items, as the plan page shows them: 上海市 among the supporting units.
    await visible(page.getByRole('heading', { name: '海峡西岸城市群2024年重点任务分工表' }));
    const taskRow = page.getByRole('row').filter({ hasText: '推进福厦高铁延伸' }).first();
    await visible(taskRow.getByText('上海市'));
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SCREENSHOTS, 'import-plan.png'), fullPage: true });
  }, 180_000);

  it('the same preview works on a phone', async () => {
    const phone = await signIn('manager@xietong.local', { width: 390, height: 844 });
    await previewPdf(phone);
    await visible(phone.locator('[data-testid^="import-task-"]').first());
    await phone.screenshot({ path: join(SCREENSHOTS, 'import-preview-phone.png'), fullPage: true });
    const width = await phone.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
  }, 120_000);
});
