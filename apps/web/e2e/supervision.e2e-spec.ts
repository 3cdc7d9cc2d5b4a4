import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { TestApp } from '../../api/test/create-test-app';
import { seedSamplePlan } from '../../../seeds/seed-sample-plan';
import { TEST_DEMO_PASSWORD } from '@xietong/testing';
import { label, SCREENSHOTS, visible } from './browser';
import { startWebStack, WebStack } from './web-stack';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function addMonths(date: string, months: number): string {
  const [year, month] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months + 1, 0));
  return target.toISOString().slice(0, 10);
}

describe('the supervision loop in the browser: extension with evidence, approval, completion sent back', () => {
  let stack: WebStack;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let extensionItem: { id: string; title: string; deadline: string };
  let completionItem: { id: string; title: string };

  beforeAll(async () => {
    stack = await startWebStack({ prepare: (app) => seedSamplePlan(app.db) });
    ({ t, browser, baseUrl } = stack);
    // The Guangxi coordinator owns two of Guangxi's items and the manager manages the plan.
    const items = await t.db.query(
      `SELECT w.id, w.title, w.deadline::text AS deadline FROM work_items w JOIN organizations o ON o.id = w.organization_id
       WHERE o.code = 'GX' AND w.parent_id IS NULL ORDER BY w.deadline, w.id LIMIT 2`,
    );
    [extensionItem, completionItem] = items;
    await t.db.query(
      `UPDATE work_items SET owner_id = (SELECT id FROM users WHERE email = 'coordinator.gx@xietong.local'),
              status = 'in_progress', progress = 60 WHERE id = ANY($1::uuid[])`,
      [items.map((item: { id: string }) => item.id)],
    );
    await t.db.query(
      `INSERT INTO plan_managers (plan_id, user_id)
       SELECT w.plan_id, u.id FROM work_items w, users u WHERE w.id = $1 AND u.email = 'manager@xietong.local'
       ON CONFLICT DO NOTHING`,
      [extensionItem.id],
    );
  }, 240_000);

  afterAll(() => stack?.close());

  async function signIn(email: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[${email}] page error:`, error));
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(TEST_DEMO_PASSWORD);
    await page.getByRole('button', { name: label('登录') }).click();
    await visible(page.getByRole('heading', { name: '我的工作' }));
    return page;
  }

  /** From the header on a desktop; a phone's header folds the menu, so it goes by the address. */
  async function openInboxTab(page: Page, tab: string): Promise<void> {
    if ((page.viewportSize()?.width ?? 0) >= 768) await page.getByTestId('nav-inbox').click();
    else await page.goto(`${baseUrl}/inbox`);
    await page.waitForURL(/\/inbox/);
    await page.getByTestId(`inbox-tab-${tab}`).click();
  }

  it('the owner asks for an extension with a PDF; the manager opens it from 待办 and approves; the owner is told', async () => {
    const owner = await signIn('coordinator.gx@xietong.local');
    await owner.goto(`${baseUrl}/work-items/${extensionItem.id}`);
    const card = owner.getByTestId('supervision-card');
    await visible(card);
    await card.getByRole('button', { name: '申请延期' }).click();
    const dialog = owner.getByRole('dialog');
    // The seeded deadlines may already be past: the new one lies three months after today or the deadline.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    const requested = addMonths(extensionItem.deadline > today ? extensionItem.deadline : today, 3);
    await dialog.getByLabel('拟延至').fill(requested);
    await dialog.getByLabel('拟延至').press('Enter');
    await dialog.getByLabel('理由').fill('用地预审尚未批复，需延期三个月');
    await dialog.getByRole('spinbutton').fill('60');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '用地预审意见.pdf', mimeType: 'application/pdf', buffer: PDF });
    await owner.screenshot({ path: join(SCREENSHOTS, 'extension-request.png'), fullPage: true });
    await dialog.getByRole('button', { name: '提交反馈' }).click();
    await visible(card.getByTestId('extension-pending'));

    const manager = await signIn('manager@xietong.local');
    await visible(manager.getByTestId('nav-inbox').locator('.ant-badge-count'));
    await openInboxTab(manager, 'extension_to_decide');
    const entry = manager.getByTestId('inbox-extension_to_decide').filter({ hasText: extensionItem.title });
    await visible(entry);
    await manager.screenshot({ path: join(SCREENSHOTS, 'inbox-manager.png'), fullPage: true });
    await entry.getByRole('link').click();
    await manager.waitForURL(/\/work-items\//);

    const pdfLink = manager.getByTestId('attachment-link').filter({ hasText: '用地预审意见.pdf' }).first();
    await visible(pdfLink);
    const [response, tab] = await Promise.all([
      manager.waitForResponse((answer) => answer.url().includes('/api/attachments/')),
      manager.context().waitForEvent('page'),
      pdfLink.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toContain(encodeURIComponent('用地预审意见.pdf'));
    expect(response.headers()['content-length']).toBe(String(PDF.length));
    // The PDF opens in its own tab, from the bytes fetched with the manager's token.
    await tab.waitForURL(/^blob:/);
    await tab.close();

    const managerCard = manager.getByTestId('supervision-card');
    await managerCard.getByRole('button', { name: label('批准') }).click();
    await manager.getByRole('dialog').getByLabel('意见').fill('同意延期，请抓紧推进');
    await manager.getByRole('dialog').getByRole('button', { name: '提交反馈' }).click();
    await visible(managerCard.getByTestId('extension-approved'));
    await visible(managerCard.getByTestId('current-deadline').getByText(requested));
    await visible(managerCard.getByTestId('original-deadline').getByText(extensionItem.deadline));
    await visible(managerCard.getByTestId('extension-count').getByText('1'));
    await manager.screenshot({ path: join(SCREENSHOTS, 'extension-approved.png'), fullPage: true });

    await owner.reload();
    await owner.getByTestId('notification-bell').click();
    await visible(owner.getByText('延期申请有结果').first());
    await visible(owner.getByTestId('supervision-card').getByTestId('current-deadline').getByText(requested));
  }, 300_000);

  it('the owner marks another item done with evidence; the reviewer sends it back; the owner finds it in 待办', async () => {
    const owner = await signIn('coordinator.gx@xietong.local');
    await owner.goto(`${baseUrl}/work-items/${completionItem.id}`);
    const card = owner.getByTestId('supervision-card');
    await visible(card.getByRole('button', { name: '标记完成' }));
    await card.getByRole('button', { name: '标记完成' }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('完成情况').fill('项目已完工并通过验收');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '竣工验收报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByRole('button', { name: '提交反馈' }).click();
    await visible(card.getByTestId('review-state').getByText('待审核'));

    const manager = await signIn('manager@xietong.local');
    await openInboxTab(manager, 'completion_to_review');
    await manager
      .getByTestId('inbox-completion_to_review')
      .filter({ hasText: completionItem.title })
      .getByRole('link')
      .click();
    await manager.waitForURL(/\/work-items\//);
    await manager
      .getByTestId('supervision-card')
      .getByRole('button', { name: label('退回') })
      .click();
    await manager.getByRole('dialog').getByLabel('退回理由').fill('验收报告缺少签字页，请补充');
    await manager.getByRole('dialog').getByRole('button', { name: '提交反馈' }).click();
    await visible(manager.getByText('验收报告缺少签字页，请补充').first());

    const phone = await signIn('coordinator.gx@xietong.local', { width: 390, height: 844 });
    await openInboxTab(phone, 'sent_back');
    await visible(phone.getByTestId('inbox-sent_back').filter({ hasText: '验收报告缺少签字页' }));
    await phone.screenshot({ path: join(SCREENSHOTS, 'inbox-phone.png'), fullPage: true });
    await phone.getByTestId('inbox-sent_back').getByRole('link').first().click();
    await visible(phone.getByTestId('supervision-card'));
    await phone.screenshot({ path: join(SCREENSHOTS, 'supervision-phone.png'), fullPage: true });
  }, 300_000);
});
