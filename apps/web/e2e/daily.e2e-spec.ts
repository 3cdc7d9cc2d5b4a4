import { join } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';
import { TEST_DEMO_PASSWORD } from '@xietong/testing';
import { TestApp } from '../../api/test/create-test-app';
import { seedAll } from '../../cli/src/commands/seed.command';
import { label, SCREENSHOTS, signInAs, visible } from './browser';
import { startWebStack, WebStack } from './web-stack';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Nothing may need a sideways scroll: the page is never wider than the screen. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  // A string, not a function: this file compiles without the DOM's types.
  const [scrollWidth, viewport] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  );
  if (scrollWidth > viewport) {
    await page.screenshot({ path: join(SCREENSHOTS, `failure-scroll-${where}.png`), fullPage: true });
    throw new Error(`${where}: the page is ${scrollWidth} px wide on a ${viewport} px screen`);
  }
}

/** The texts of `cells` once they satisfy `accept` (the list re-renders after its answer arrives), or as they are at the timeout. */
async function settledTexts(
  cells: Locator,
  accept: (texts: string[]) => boolean,
  timeout = 15_000,
): Promise<string[]> {
  const until = Date.now() + timeout;
  for (;;) {
    const texts = (await cells.allInnerTexts()).map((text) => text.trim());
    if ((texts.length > 0 && accept(texts)) || Date.now() > until) return texts;
    await cells.page().waitForTimeout(100);
  }
}

/** A badge's number once it settles on `expected` (antd animates the digits; the element may be replaced). */
async function badgeReads(badge: Locator, expected: number): Promise<void> {
  const [text] = await settledTexts(badge, ([shown]) => shown.replace(/\s/g, '') === String(expected));
  expect(text?.replace(/\s/g, '')).toBe(String(expected));
}

/** An antd Select's option: the visible item, not the hidden list antd keeps for screen readers. */
const option = (page: Page, text: string) =>
  page.locator('.ant-select-item-option', { hasText: text }).first();

describe('the demo at work: the coordinator’s day on a phone, counts that follow a decision, the owner filter', () => {
  let stack: WebStack;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    // What `npm start` gives a newcomer: the sample plan with its demo activity, dated from today.
    stack = await startWebStack({ prepare: (app) => seedAll(app.db, app.config, () => undefined) });
    ({ t, browser, baseUrl } = stack);
  }, 240_000);

  afterAll(() => stack?.close());

  /** How many of the organization's items the api lists with `filters`, as my work's views ask. */
  async function listed(
    email: string,
    organizationCode: string,
    filters: Record<string, string>,
  ): Promise<number> {
    const [{ id }] = await t.db.query(`SELECT id FROM organizations WHERE code = $1`, [organizationCode]);
    const page = await t
      .http()
      .get('/api/work-items')
      .query({ organizationId: id, pageSize: 1, ...filters })
      .set('Authorization', await t.login(email))
      .expect(200);
    return page.body.total;
  }

  async function signIn(email: string, viewport: { width: number; height: number }): Promise<Page> {
    const { page } = await signInAs(browser, baseUrl, email, TEST_DEMO_PASSWORD, { viewport });
    await page.waitForLoadState('networkidle');
    return page;
  }

  it('at 390 × 844: my work as cards, an update with progress, a status change, a question answered, sign-out — no sideways scroll', async () => {
    const blockedBefore = await listed('coordinator.gx@xietong.local', 'GX', { status: 'blocked' });
    const phone = await signIn('coordinator.gx@xietong.local', PHONE);
    await visible(
      phone.getByTestId('my-work-view-blocked').getByText(String(blockedBefore), { exact: true }),
    );
    const counts = phone.getByTestId('my-work-inbox');
    await visible(counts.getByTestId('my-work-inbox-question'));
    await visible(counts.getByTestId('my-work-inbox-sent_back'));
    const cards = phone.locator('.responsive-table .ant-table-row');
    await visible(cards.first());
    await expectNoSidewaysScroll(phone, 'my-work');
    await phone.screenshot({ path: join(SCREENSHOTS, 'daily-phone-my-work.png'), fullPage: true });

    // Open the first item due soon from its card.
    const firstCard = cards.first();
    const title = (await firstCard.locator('a[href^="/work-items/"]').first().innerText()).trim();
    await firstCard.locator('a[href^="/work-items/"]').first().click();
    await phone.waitForURL(/\/work-items\//);
    await phone.waitForLoadState('networkidle');
    await visible(phone.getByRole('heading', { name: title }));
    await expectNoSidewaysScroll(phone, 'item');

    // 反馈进展 with progress: the role-based locator waits for the button the settled page shows.
    const text = `现场推进会已召开，完成投资过半（e2e ${Date.now()}）`;
    await phone.getByRole('button', { name: label('反馈进展') }).click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByLabel('进展情况').fill(text);
    await dialog.getByRole('spinbutton').fill('75');
    await expectNoSidewaysScroll(phone, 'update-dialog');
    await phone.screenshot({ path: join(SCREENSHOTS, 'daily-phone-update.png'), fullPage: true });
    await dialog.getByRole('button', { name: label('提交反馈') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await visible(phone.getByText(text).first());
    await visible(phone.locator('.ant-descriptions').getByText('75%').first());

    // Change the status from the assignment card, further down the same page.
    const assignment = phone.locator('.ant-card').filter({ hasText: '指派与状态' });
    await assignment.getByLabel('状态').click();
    await option(phone, '受阻').click();
    await assignment.getByRole('button', { name: label('保存') }).click();
    await visible(phone.locator('.ant-descriptions').getByText('受阻').first());
    await expectNoSidewaysScroll(phone, 'item-after-save');
    await phone.screenshot({ path: join(SCREENSHOTS, 'daily-phone-item.png'), fullPage: true });

    // The 待办 count stays in the phone's header; answering the question lowers it.
    const headerCount = phone.getByTestId('header-inbox').locator('.ant-badge-count');
    await visible(headerCount);
    // What the api says waits for this person now, counted as the header counts it.
    const inbox = await t
      .http()
      .get('/api/inbox')
      .set('Authorization', await t.login('coordinator.gx@xietong.local'))
      .expect(200);
    const before = Object.values(inbox.body.counts as Record<string, number>).reduce((sum, n) => sum + n, 0);
    await badgeReads(headerCount, before);
    await phone.getByTestId('header-inbox').click();
    await phone.waitForURL(/\/inbox/);
    // No tab in the link: the first kind with something waiting opens (here, the item sent back).
    await visible(phone.getByTestId('inbox-sent_back').first());
    await expectNoSidewaysScroll(phone, 'inbox');
    await phone.screenshot({ path: join(SCREENSHOTS, 'daily-phone-inbox.png'), fullPage: true });
    // The question is one tap away from my work, whose counts show on every view.
    await phone.getByRole('menuitem', { name: '我的工作' }).click();
    await phone.waitForURL(`${baseUrl}/`);
    await phone.getByTestId('my-work-inbox-question').click();
    await phone.waitForURL(/\/inbox\?tab=question/);
    const question = phone.getByTestId('inbox-question').first();
    await visible(question);
    await question.getByRole('link').click();
    await phone.waitForURL(/\/work-items\//);
    await phone.waitForLoadState('networkidle');
    await phone.getByRole('button', { name: label('反馈进展') }).click();
    await phone
      .getByRole('dialog')
      .getByLabel('进展情况')
      .fill('省界段已取得用地预审意见，下周报送审批材料。');
    await phone
      .getByRole('dialog')
      .getByRole('button', { name: label('提交反馈') })
      .click();
    await phone.getByRole('dialog').waitFor({ state: 'hidden' });
    await badgeReads(headerCount, before - 1);
    await phone.getByRole('menuitem', { name: '我的工作' }).click();
    await visible(phone.getByTestId('my-work-inbox-sent_back'));
    expect(await phone.getByTestId('my-work-inbox-question').count()).toBe(0);
    // The item set 受阻 above now counts among the blocked.
    await visible(
      phone.getByTestId('my-work-view-blocked').getByText(String(blockedBefore + 1), { exact: true }),
    );

    // The language switch lives in the same menu; English labels are longer and must fit too.
    await phone.getByTestId('user-menu').click();
    await phone.getByRole('menuitem', { name: 'English' }).click();
    await visible(phone.getByRole('heading', { name: 'My work' }));
    await expectNoSidewaysScroll(phone, 'my-work-en');
    await phone.screenshot({ path: join(SCREENSHOTS, 'daily-phone-my-work-en.png') });
    await phone.getByTestId('user-menu').click();
    await phone.getByRole('menuitem', { name: '中文' }).click();
    await visible(phone.getByRole('heading', { name: '我的工作' }));

    // Sign out from the user menu.
    await phone.getByTestId('user-menu').click();
    await phone.getByRole('menuitem', { name: /退出登录/ }).click();
    await phone.waitForURL(/\/login/);
    await visible(phone.getByRole('button', { name: label('登录') }));
    await expectNoSidewaysScroll(phone, 'login');
  }, 300_000);

  it('at 1280: the manager’s counts on my work and in the header drop as soon as an extension is approved', async () => {
    const manager = await signIn('manager@xietong.local', DESKTOP);
    const headerCount = manager.getByTestId('nav-inbox').locator('.ant-badge-count');
    await badgeReads(headerCount, 2);
    const extensions = manager.getByTestId('my-work-inbox-extension_to_decide');
    await visible(extensions.getByText('待审批延期 1'));
    await visible(manager.getByTestId('my-work-inbox-completion_to_review').getByText('待审核销号 1'));
    const overdue = await listed('manager@xietong.local', 'NDRC', { overdue: 'true' });
    expect(overdue).toBeGreaterThan(0);
    await visible(manager.getByTestId('my-work-view-overdue').getByText(String(overdue), { exact: true }));
    await manager.screenshot({ path: join(SCREENSHOTS, 'daily-manager-my-work.png'), fullPage: true });

    await extensions.click();
    await manager.waitForURL(/\/inbox\?tab=extension_to_decide/);
    await visible(manager.getByTestId('inbox-count-extension_to_decide').getByText('1'));
    await manager.getByTestId('inbox-extension_to_decide').getByRole('link').click();
    await manager.waitForURL(/\/work-items\//);
    await manager.waitForLoadState('networkidle');
    const card = manager.getByTestId('supervision-card');
    await card.getByRole('button', { name: label('批准') }).click();
    await manager.getByRole('dialog').getByLabel('意见').fill('同意，请按新节点推进');
    await manager.getByRole('dialog').getByRole('button', { name: '提交反馈' }).click();
    await visible(card.getByTestId('extension-approved').first());
    // Same page, no navigation: the header already says one thing waits.
    await badgeReads(headerCount, 1);
    await manager.screenshot({ path: join(SCREENSHOTS, 'daily-manager-approved.png') });
  }, 300_000);

  it('filters 事项查询 by owner with a picker, kept in the URL, and by 未指派', async () => {
    const page = await signIn('coordinator.gx@xietong.local', DESKTOP);
    await page.goto(`${baseUrl}/items`);
    await page.waitForLoadState('networkidle');
    const picker = page.getByRole('combobox', { name: '负责人' });
    await picker.click();
    await picker.fill('黄海');
    // The list the filter asks for, not the one already on screen.
    const listed = (param: string) =>
      page.waitForResponse(
        (answer) => answer.url().includes('/api/work-items?') && answer.url().includes(param),
      );
    await Promise.all([listed('ownerId='), option(page, '黄海燕').click()]);
    await page.waitForURL(/ownerId=/);
    await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' });
    const ownerCells = page.locator('.ant-table-row td:nth-child(5)');
    await visible(ownerCells.first());
    const owners = await settledTexts(ownerCells, (texts) => texts.every((text) => text === '黄海燕'));
    expect(new Set(owners)).toEqual(new Set(['黄海燕']));
    await page.screenshot({ path: join(SCREENSHOTS, 'daily-owner-filter.png') });

    // A shared link names the owner by id: after a reload the picker still says who.
    await page.reload();
    await page.waitForLoadState('networkidle');
    await visible(page.getByTestId('owner-filter').getByText('黄海燕 · 广西壮族自治区'));

    await page.getByRole('combobox', { name: '负责人' }).click();
    await Promise.all([listed('unassigned=true'), option(page, '未指派').click()]);
    await page.waitForURL(/unassigned=true/);
    expect(page.url()).not.toContain('ownerId=');
    await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' });
    await visible(ownerCells.first());
    expect(new Set((await ownerCells.allInnerTexts()).map((text) => text.trim()))).toEqual(
      new Set(['未指派']),
    );
  }, 300_000);
});
