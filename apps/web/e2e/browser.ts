import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's Chromium, never a downloaded one. Without the background-networking flags it keeps
 * trying Google's hosts, which this network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the web e2e tests need Debian's Chromium. ` +
        'Install it with `apt-get update && apt-get install -y chromium fonts-noto-cjk` (as .ci/run does).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-results');

/**
 * Waits until the locator shows (playwright-core has no expect; this is its waiting assertion).
 * On failure the page is saved beside the screenshots, so a red run shows what the user saw.
 */
export async function visible(locator: Locator, timeout = 30_000): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    await locator
      .page()
      .screenshot({ path: join(SCREENSHOTS, `failure-${Date.now()}.png`), fullPage: true })
      .catch(() => undefined);
    throw error;
  }
}

/** antd puts a space between two Chinese characters on buttons (登录 → 登 录). */
export const label = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

/** Signs in through the login page in a new context and waits for 我的工作. */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  options: {
    viewport?: { width: number; height: number };
    screenshot?: string;
    acceptDownloads?: boolean;
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${email}] page error:`, error));
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  if (options.screenshot) await page.screenshot({ path: join(SCREENSHOTS, options.screenshot) });
  await page.getByRole('button', { name: label('登录') }).click();
  await visible(page.getByRole('heading', { name: '我的工作' }));
  return { context, page };
}
