import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { eventually, SmtpSink, startSmtpSink, TEST_DEMO_PASSWORD } from '@xietong/testing';
import { TestApp } from '../../api/test/create-test-app';
import { seedSamplePlan } from '../../../seeds/seed-sample-plan';
import { label, SCREENSHOTS, signInAs, visible } from './browser';
import { startWebStack, WebStack } from './web-stack';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * The notifications page, the audit trail people can read and the admin screens: Guangxi reads
 * what Guangdong posted and chooses how co-lead posts reach it; an admin reads why a mail failed
 * and sends it again, reads the 操作记录 with names and 申请延期-style actions, adds and edits a
 * unit, and is asked before deactivating a user. Each screen at 1280 px and 390 px.
 */
describe('notices and administration in the browser', () => {
  let sink: SmtpSink;
  let stack: WebStack;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let gxItem: { id: string; title: string };

  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startWebStack({ env: { SMTP_URL: sink.url }, prepare: (app) => seedSamplePlan(app.db) });
    ({ t, browser, baseUrl } = stack);

    // A task Guangxi and Guangdong both lead; Guangxi's item is the Guangxi coordinator's.
    [gxItem] = await t.db.query(
      `SELECT gx.id, gx.title FROM work_items gx
       JOIN organizations o ON o.id = gx.organization_id AND o.code = 'GX'
       WHERE gx.parent_id IS NULL AND EXISTS (
         SELECT 1 FROM work_items gd JOIN organizations d ON d.id = gd.organization_id AND d.code = 'GD'
         WHERE gd.task_id = gx.task_id AND gd.parent_id IS NULL)
       ORDER BY gx.deadline, gx.id LIMIT 1`,
    );
    const [gdItem] = await t.db.query(
      `SELECT gd.id FROM work_items gd JOIN organizations d ON d.id = gd.organization_id AND d.code = 'GD'
       WHERE gd.parent_id IS NULL AND gd.task_id = (SELECT task_id FROM work_items WHERE id = $1)`,
      [gxItem.id],
    );
    const coordinator = await t.login('coordinator.gx@xietong.local');
    const [{ id: gxCoordinator }] = await t.db.query(
      `SELECT id FROM users WHERE email = 'coordinator.gx@xietong.local'`,
    );
    await t
      .http()
      .patch(`/api/work-items/${gxItem.id}`)
      .set('Authorization', coordinator)
      .send({ version: 1, ownerId: gxCoordinator })
      .expect(200);
    const guangdong = await t.login('coordinator.gd@xietong.local');
    for (const text of ['湛江港30万吨级航道已开工', '湛江至北海铁路完成初步设计审查']) {
      await t
        .http()
        .post(`/api/work-items/${gdItem.id}/updates`)
        .set('Authorization', guangdong)
        .send({ text, progress: 30 })
        .expect(201);
    }
    // A mailbox the receiving server does not know: the Hainan coordinator's mail fails for good.
    await t.db.query(
      `UPDATE users SET email = 'refused@hi.example.cn' WHERE email = 'coordinator.hi@xietong.local'`,
    );
    const [hainanItem] = await t.db.query(
      `SELECT w.id FROM work_items w JOIN organizations o ON o.id = w.organization_id AND o.code = 'HI'
       WHERE w.parent_id IS NULL ORDER BY w.deadline, w.id LIMIT 1`,
    );
    const [{ id: hainanCoordinator }] = await t.db.query(
      `SELECT id FROM users WHERE email = 'refused@hi.example.cn'`,
    );
    await t
      .http()
      .patch(`/api/work-items/${hainanItem.id}`)
      .set('Authorization', await t.login('admin@xietong.local'))
      .send({ version: 1, ownerId: hainanCoordinator, priority: 'urgent' })
      .expect(200);
    await eventually(
      () => t.db.query(`SELECT 1 FROM notifications WHERE state = 'failed'`),
      (rows) => rows.length > 0,
    );
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
    await sink?.close();
  });

  async function signIn(email: string, viewport = DESKTOP): Promise<Page> {
    const { page } = await signInAs(browser, baseUrl, email, TEST_DEMO_PASSWORD, { viewport });
    return page;
  }

  const shot = async (page: Page, name: string) => {
    // Let antd's dialogs and messages finish appearing: a half-faded dialog says nothing in a picture.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  /** Nothing on the page may be wider than the phone: the layout reflows, it does not scroll sideways. */
  async function fitsTheScreen(page: Page): Promise<void> {
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(1);
  }

  it('Guangxi reads Guangdong’s updates on the notifications page, marks them read and opts in to each post', async () => {
    const page = await signIn('coordinator.gx@xietong.local');
    await page.getByTestId('notification-bell').click();
    await visible(page.getByTestId('notifications-all'));
    await shot(page, 'bell-1280');
    await page.getByTestId('notifications-all').click();
    await page.waitForURL(/\/notifications$/);
    const list = page.getByTestId('notification-list');
    await visible(list.getByText('湛江至北海铁路完成初步设计审查', { exact: false }).first());
    await visible(page.getByText(/^[1-9]\d* 条未读$/));
    await shot(page, 'notifications-1280');

    await page.getByTestId('unread-only').click();
    await page.waitForURL(/unread=1/);
    await page.getByTestId('mark-all-read').click();
    await visible(page.getByText('0 条未读'));
    await visible(page.getByText('没有通知'));
    await page.getByTestId('unread-only').click();
    await visible(list.getByText('湛江港30万吨级航道已开工', { exact: false }).first());

    const settings = page.getByTestId('notification-settings');
    await settings.getByText('每条反馈都发邮件').click();
    await settings.getByTestId('save-notification-settings').click();
    await visible(page.getByText('已保存'));
    const me = await t.db.query(
      `SELECT notification_preferences AS p FROM users WHERE email = 'coordinator.gx@xietong.local'`,
    );
    expect(me[0].p).toMatchObject({ coLeadUpdates: 'each', dailyDigest: false });
    expect([...me[0].p.channels].sort()).toEqual(['email', 'in_app']);

    await list.getByRole('link', { name: '查看事项' }).first().click();
    await page.waitForURL(/\/work-items\//);

    const phone = await signIn('coordinator.gx@xietong.local', PHONE);
    // On a phone the bell opens the page itself: a list beside the header would not fit.
    await phone.getByTestId('notification-bell').click();
    await phone.waitForURL(/\/notifications$/);
    await visible(
      phone.getByTestId('notification-list').getByText('湛江港30万吨级航道已开工', { exact: false }).first(),
    );
    await visible(phone.getByTestId('notification-settings').getByText('每条反馈都发邮件'));
    await fitsTheScreen(phone);
    await shot(phone, 'notifications-390');
  });

  it('an admin reads why a mail failed in words and sends it again once the address is fixed', async () => {
    const page = await signIn('admin@xietong.local');
    await page.goto(`${baseUrl}/admin/failed-deliveries`);
    const reason = page.getByTestId('failure-reason').first();
    await visible(reason);
    expect(await reason.textContent()).toBe('收件服务器拒收：邮箱不存在');
    await shot(page, 'failed-deliveries-1280');

    const phone = await signIn('admin@xietong.local', PHONE);
    await phone.goto(`${baseUrl}/admin/failed-deliveries`);
    await visible(phone.getByTestId('failure-reason').first());
    await fitsTheScreen(phone);
    await shot(phone, 'failed-deliveries-390');

    await t.db.query(`UPDATE users SET email = 'hainan@hi.example.cn' WHERE email = 'refused@hi.example.cn'`);
    await page.getByTestId('retry-delivery').first().click();
    await page
      .getByRole('button', { name: label('重新发送') })
      .last()
      .click();
    await visible(page.getByText('已重新排队发送'));
    await sink.waitFor(1);
    expect(sink.received.map((mail) => (mail.to as { text: string }).text)).toContain('hainan@hi.example.cn');
  });

  it('an admin reads the 操作记录 with names, Chinese actions and Shanghai times, on the item and in admin', async () => {
    const page = await signIn('admin@xietong.local');
    await page.goto(`${baseUrl}/work-items/${gxItem.id}`);
    const changes = page.getByTestId('audit-changes').first();
    await visible(changes);
    expect(await changes.textContent()).toMatch(/负责人：—\s*→\s*广西协调员/);
    expect(await page.getByTestId('audit-action').first().textContent()).toBe('修改事项');
    const time = await page.getByTestId('audit-time').first().textContent();
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const [{ shanghai }] = await t.db.query(
      `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS shanghai
       FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [gxItem.id],
    );
    expect(time).toBe(shanghai);
    await page.getByTestId('audit-changes').first().scrollIntoViewIfNeeded();
    await shot(page, 'item-history-1280');

    await page.goto(`${baseUrl}/admin/audit`);
    await visible(page.getByTestId('audit-action').filter({ hasText: '重新发送通知' }));
    await shot(page, 'audit-log-1280');
    const phone = await signIn('admin@xietong.local', PHONE);
    await phone.goto(`${baseUrl}/admin/audit`);
    await visible(phone.getByTestId('audit-action').first());
    await fitsTheScreen(phone);
    await shot(phone, 'audit-log-390');
    await phone.goto(`${baseUrl}/work-items/${gxItem.id}`);
    await visible(phone.getByTestId('audit-changes').first());
    await fitsTheScreen(phone);
    await shot(phone, 'item-history-390');
  });

  it('an admin adds and edits a unit, is told of a duplicate name, and is asked before deactivating a user', async () => {
    const page = await signIn('admin@xietong.local');
    await page.goto(`${baseUrl}/admin/organizations`);
    await page.getByTestId('new-organization').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('广西壮族自治区人民政府驻海南办事处');
    await dialog.getByLabel('代码').fill('GX-LO-HI');
    await dialog.getByLabel('简称').fill('广西驻琼办');
    await dialog.getByLabel('简称').press('Enter');
    await dialog.getByLabel('别名').fill('桂');
    await dialog.getByLabel('别名').press('Enter');
    await dialog.getByLabel('上级单位').click();
    await page.keyboard.type('广西壮族自治区');
    await visible(page.locator('.ant-select-item-option-active').filter({ hasText: /^广西壮族自治区$/ }));
    await page.keyboard.press('Enter');
    await shot(page, 'organization-new-1280');
    // The dialog's own OK button: while a select inside it has focus, antd marks the dialog in ways the role query misses.
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    // 桂 already names Guangxi: the API's 409 is shown in the form, and nothing was created.
    await visible(
      dialog.getByRole('alert').getByText('“桂”已是“广西壮族自治区”（GX）的简称或别名', { exact: false }),
    );
    await shot(page, 'organization-duplicate-1280');
    await dialog.getByLabel('别名').focus();
    await page.keyboard.press('Backspace');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await visible(page.getByText('已保存'));
    await page.goto(`${baseUrl}/admin/organizations?q=驻海南`);
    await visible(page.getByRole('cell', { name: '广西壮族自治区人民政府驻海南办事处', exact: true }));
    await visible(page.getByRole('cell', { name: '广西壮族自治区', exact: true }));

    await page.getByRole('button', { name: '编辑 广西壮族自治区人民政府驻海南办事处' }).click();
    const edit = page.getByRole('dialog');
    await visible(edit.getByTestId('robot-settings'));
    await edit.getByLabel('名称').first().fill('广西壮族自治区驻海南联络处');
    await shot(page, 'organization-edit-1280');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await visible(page.getByRole('cell', { name: '广西壮族自治区驻海南联络处', exact: true }));
    const [saved] = await t.db.query(
      `SELECT name, short_names, parent_id IS NOT NULL AS has_parent FROM organizations WHERE code = 'GX-LO-HI'`,
    );
    expect(saved).toEqual({
      name: '广西壮族自治区驻海南联络处',
      short_names: ['广西驻琼办'],
      has_parent: true,
    });

    await page.goto(`${baseUrl}/admin/users?q=liaison`);
    await page.getByRole('switch', { name: '启用: liaison.gx@xietong.local' }).click();
    const confirm = page.getByRole('dialog');
    await visible(confirm.locator('.ant-modal-confirm-title', { hasText: '停用 广西驻粤办联络员？' }));
    await shot(page, 'user-deactivate-1280');
    await confirm.getByRole('button', { name: label('取消') }).click();
    const [{ active }] = await t.db.query(
      `SELECT active FROM users WHERE email = 'liaison.gx@xietong.local'`,
    );
    expect(active).toBe(true);

    const phone = await signIn('admin@xietong.local', PHONE);
    await phone.goto(`${baseUrl}/admin/organizations?q=驻海南`);
    await visible(phone.getByText('广西壮族自治区驻海南联络处', { exact: true }));
    await fitsTheScreen(phone);
    await shot(phone, 'organizations-390');
    await phone.getByRole('button', { name: '编辑 广西壮族自治区驻海南联络处' }).click();
    await visible(phone.getByRole('dialog').getByTestId('robot-settings'));
    await shot(phone, 'organization-edit-390');
    await phone.goto(`${baseUrl}/admin/users?q=liaison`);
    await visible(phone.getByText('liaison.gx@xietong.local', { exact: true }));
    await fitsTheScreen(phone);
    await phone.getByRole('switch', { name: '启用: liaison.gx@xietong.local' }).click();
    await visible(
      phone.getByRole('dialog').locator('.ant-modal-confirm-title', { hasText: '停用 广西驻粤办联络员？' }),
    );
    await shot(phone, 'user-deactivate-390');
    await phone.getByRole('dialog').getByTestId('confirm-deactivate').click();
    await eventually(
      () => t.db.query(`SELECT active FROM users WHERE email = 'liaison.gx@xietong.local'`),
      (rows) => rows[0].active === false,
    );
  });

  it('an admin opens the queue dashboard from the admin menu; a coordinator has no such entry', async () => {
    const page = await signIn('admin@xietong.local');
    await page.getByRole('menuitem', { name: '管理' }).hover();
    await page.getByRole('menuitem', { name: '队列面板' }).click();
    await page.waitForURL(/\/ops\/queues\//);
    await visible(page.getByText('reminders').first());
    await visible(page.getByText('deliveries').first());
    await shot(page, 'queue-dashboard-1280');
    // The page itself keeps out whoever has no pass (a fresh context has none).
    const stranger = await browser.newContext();
    const refused = await (await stranger.newPage()).goto(`${baseUrl}/ops/queues/`);
    expect(refused?.status()).toBe(401);
    await stranger.close();

    const coordinator = await signIn('coordinator.gx@xietong.local');
    expect(await coordinator.getByRole('menuitem', { name: '管理' }).count()).toBe(0);
  });
});
