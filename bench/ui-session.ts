// What the browser benches share: the service started in-process on the shipped policies
// (an in-memory store) serving the built UI, Debian's Chromium through playwright-core, and
// the first admin set up through the setup page, as a new user would.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig, start, type Running } from '../server/index.js';

export const CHROMIUM = process.env['BEACON_CHROMIUM'] ?? '/usr/bin/chromium';

export interface UiSession {
  running: Running;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Why the browser benches cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}: skipped (apt-get install -y chromium)`;
}

export async function openUiSession(viewport = { width: 1280, height: 860 }): Promise<UiSession> {
  // From dist/bench the policies are two folders up; from the sources, one.
  const policies = resolve(import.meta.dirname, '../../policies');
  const config = { ...loadConfig({ port: '0', memory: true, policies: existsSync(policies) ? policies : resolve(import.meta.dirname, '../policies') }, {}), logLevel: 'silent' as const, sweepIntervalMs: 0 };
  const running = await start(config, { logger: pino({ level: 'silent' }), print: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  return {
    running,
    browser,
    context,
    page,
    close: async () => {
      await browser.close();
      await running.stop();
    },
  };
}

/** Fills the one-time setup page and waits for the properties tree with its checks done. */
export async function setUpFirstAdmin(session: UiSession, onSetupPage: () => Promise<void> = async () => {}): Promise<void> {
  const { page, running } = session;
  await page.goto(running.setupUrl ?? `${running.url}/`);
  await page.locator('input[name=name]').waitFor();
  await onSetupPage();
  await page.locator('input[name=name]').fill('bench');
  await page.locator('input[name=password]').fill('bench password 1');
  await page.locator('input[name=confirm]').fill('bench password 1');
  await page.locator('button[type=submit]').click();
  // The row's checks ran in the worker (tests or a reason they could not run).
  await page.locator('li[data-scope="jinxiu-garden"] [data-placeholders]').waitFor({ timeout: 60_000 });
}
