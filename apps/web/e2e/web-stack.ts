import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { TestingModule } from '@nestjs/testing';
import { Browser } from 'playwright-core';
import { createTestApp, TestApp } from '../../api/test/create-test-app';
import { createTestWorker } from '../../worker/test/create-test-worker';
import { launchChromium, SCREENSHOTS } from './browser';
import { ensureWebBuild } from './web-build';

export interface WebStack {
  t: TestApp;
  browser: Browser;
  /** Where the api serves the web app, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  /** Closes every browser context, the browser, the worker and the api (and drops its database). */
  close(): Promise<void>;
}

export interface WebStackOptions {
  /** Settings for the api and worker beyond the test defaults (e.g. SMTP_URL of a sink). */
  env?: Record<string, string>;
  /** Without a worker, nothing queued runs (an import story needs none). */
  worker?: boolean;
  /** Fills the database before the worker starts. */
  prepare?: (t: TestApp) => Promise<unknown>;
}

/**
 * What every browser story stands on: Debian's Chromium (the story fails, not skips, without it),
 * the web app built from its sources, the real api on its own database serving it on a loopback
 * port, and a worker on the same queues.
 */
export async function startWebStack(options: WebStackOptions = {}): Promise<WebStack> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await launchChromium();
  let t: TestApp | undefined;
  let worker: TestingModule | undefined;
  const close = async () => {
    for (const context of browser.contexts()) await context.close();
    await browser.close();
    await worker?.close();
    await t?.close();
  };
  try {
    await ensureWebBuild();
    t = await createTestApp(options.env);
    await options.prepare?.(t);
    if (options.worker !== false) worker = await createTestWorker(t.config);
    await t.app.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    return { t, browser, baseUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
