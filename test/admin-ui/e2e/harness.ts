// The browser tests' harness: Debian's Chromium driven by playwright-core (no browser
// download: /usr/bin/chromium), against `beacon serve --memory` started in-process on a
// free port with the shipped policies, serving the built UI (built first when stale).
// Screenshots go to test-artifacts/e2e/ (gitignored; CI keeps them as artefacts).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureUiBuilt } from '../../../admin-ui/build.js';
import { loadConfig, start, type Running } from '../../../server/index.js';

export const CHROMIUM = process.env['BEACON_CHROMIUM'] ?? '/usr/bin/chromium';
const POLICIES = resolve(import.meta.dirname, '../../../policies');
export const ARTIFACTS = resolve(import.meta.dirname, '../../../test-artifacts/e2e');

/**
 * Whether the browser tests can run here. Without Chromium they are skipped with a
 * message on a developer's machine, and fail in CI (CI=true), where .ci/run installs it.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `No Chromium at ${CHROMIUM}: the admin UI's browser tests are skipped. Install it with \`apt-get install -y chromium\` (or set BEACON_CHROMIUM).`;
  if (process.env['CI'] === 'true') throw new Error(`${message} CI must run them.`);
  console.warn(message);
  return false;
}

export interface Beacon {
  running: Running;
  url: string;
  /** The one-time setup link the service printed. */
  setupUrl: string;
  stop(): Promise<void>;
}

export async function startBeacon(): Promise<Beacon> {
  const built = await ensureUiBuilt(() => {});
  if (built === 'unavailable') throw new Error('The admin UI is not built and Vite is not installed: run npm install.');
  const config = { ...loadConfig({ port: '0', memory: true, policies: POLICIES }, {}), logLevel: 'silent' as const, sweepIntervalMs: 0 };
  let printed = '';
  const running = await start(config, { logger: pino({ level: 'silent' }), print: (text) => (printed += text) });
  if (!running.setupUrl || !printed.includes(running.setupUrl)) throw new Error('the service printed no setup link');
  return { running, url: running.url, setupUrl: running.setupUrl, stop: () => running.stop() };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root in a container: no sandbox; no GPU; and no calls home, which this network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A fresh profile (cookies, localStorage) with Content-Security-Policy violations and page errors recorded. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is (open shadow roots included), as "id: target" lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, which the page's CSP does not govern, unlike a <script> tag.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}
