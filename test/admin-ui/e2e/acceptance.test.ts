// Issue 12's acceptance, walked in Chromium on a fresh data folder (PGlite on disk, as
// `npm start` keeps it): the first admin through the setup link, `npm run sample`'s NDJSON
// imported, jinxiu-garden opened, a target changed and the impact chart seen; then tickets
// now, and the scores drilled down to a level's ledger entries and on to a ticket's page.
// The README's pictures of impact, tickets now and scores are made from this walk's
// screenshots (test-artifacts/e2e/acceptance-*.png, copied to docs/screenshots/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ensureUiBuilt } from '../../../admin-ui/build.js';
import { loadConfig, start, type Running } from '../../../server/index.js';
import { ARTIFACTS, browserAvailable, launch, newPage, seriousA11yViolations } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const ADMIN = { name: 'ada', password: 'correct horse battery staple' };
const WAIT = { timeout: 60_000 };
/** The sample's size: three months of the shipped properties' tickets, small enough for a test on a shared machine. */
const SAMPLE = ['--count', '1500', '--months', '3', '--from', '2026-01-01', '--seed', '7'];
const UNITS = ['engineering', 'customer-service', 'security', 'cleaning', 'landscaping'];
const UNIT_NAMES: Record<string, string> = { engineering: '工程部', 'customer-service': '客服中心', security: '秩序维护部', cleaning: '保洁部', landscaping: '绿化部' };

interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
}

/** What the viewport shows with `target` scrolled into view: the README's pictures. */
async function viewShot(page: Page, name: string, target: Locator, block: 'start' | 'center' = 'start'): Promise<void> {
  await target.evaluate((el, b) => el.scrollIntoView({ block: b }), block);
  await page.screenshot({ path: resolve(ARTIFACTS, `acceptance-${name}.png`) });
}

describe.skipIf(!browserAvailable())('issue 12’s acceptance, walked in Chromium on a fresh data folder', () => {
  let dir: string;
  let running: Running;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let sampleLines: string[];
  const app = (path: string): string => `${running.url}${path}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'beacon-acceptance-'));
    // `npm run sample` as a user runs it (its script), into the fresh folder.
    const out = join(dir, 'sample', 'tickets.ndjson');
    execFileSync(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'scripts/sample.ts'), ...SAMPLE, '--out', out, '--policies', join(ROOT, 'policies')], { cwd: ROOT, stdio: 'pipe' });
    sampleLines = readFileSync(out, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const built = await ensureUiBuilt(() => {});
    if (built === 'unavailable') throw new Error('The admin UI is not built and Vite is not installed: run npm install.');
    const config = { ...loadConfig({ port: '0', data: join(dir, 'data'), policies: join(ROOT, 'policies') }, {}), logLevel: 'silent' as const, sweepIntervalMs: 0 };
    [running, browser] = await Promise.all([start(config, { logger: pino({ level: 'silent' }), print: () => {} }), launch()]);
    ({ context, page, problems } = await newPage(browser));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await running?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sets up the first admin through the one-time link and signs in', async () => {
    expect(running.setupUrl).toBeTruthy();
    await page.goto(running.setupUrl!);
    await page.locator('input[name=name]').fill(ADMIN.name);
    await page.locator('input[name=password]').fill(ADMIN.password);
    await page.locator('input[name=confirm]').fill(ADMIN.password);
    await page.locator('button[type=submit]').click();
    await page.locator('li[data-scope="jinxiu-garden"]').waitFor(WAIT);
  });

  it('imports the sample, every line stored', async () => {
    expect(sampleLines.length).toBe(1500);
    const res = await context.request.post(app('/v1/tickets/import'), { headers: { 'content-type': 'application/x-ndjson' }, data: `${sampleLines.join('\n')}\n`, timeout: 600_000 });
    expect(res.status()).toBe(200);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const done = lines.at(-1)?.['done'] as Record<string, number> | undefined;
    expect(lines.filter((l) => 'errors' in l)).toEqual([]);
    expect(done).toMatchObject({ created: 1500, rejected: 0 });
    // The shipped policies name units the store does not register: the admin registers jinxiu-garden's (the sample's five).
    const units = await context.request.put(app('/v1/properties/jinxiu-garden/units'), { data: { units: UNITS.map((u) => ({ id: `jinxiu-garden/${u}`, name: UNIT_NAMES[u] })) } });
    expect(units.status(), await units.text()).toBe(200);
    // The sample raises few warnings; one more ticket makes sure March has an entry to drill down to: a
    // platform complaint whose second-complaint procedure the group started raises blue (004 第十一条(一)1).
    const at = (hm: string): string => `2026-03-10T${hm}:00+08:00`;
    const blue = { id: 'ACC-BLUE-1', property: 'jinxiu-garden', unit: 'jinxiu-garden/engineering', category: 'engineering', priority: 'general', kind: 'complaint', channel: 'platform', flags: ['second_complaint'], createdAt: at('09:00'), events: [{ type: 'received', at: at('09:00') }, { type: 'accepted', at: at('09:05') }] };
    const put = await context.request.put(app('/v1/tickets/ACC-BLUE-1'), { data: blue });
    expect(put.status(), await put.text()).toBe(201);
    expect(((await put.json()) as { recorded: { level: string; period: string }[] }).recorded.map((e) => [e.level, e.period])).toContainEqual(['blue', '2026-03']);
  }, 600_000);

  it('opens jinxiu-garden, changes a target, and sees the impact chart', async () => {
    await page.goto(app('/properties'));
    await page.locator('li[data-scope="jinxiu-garden"] a.name').click();
    const editor = page.locator('beacon-editor');
    await editor.locator('.view-line').first().waitFor(WAIT);
    const impact = page.locator('beacon-impact');
    await impact.getByLabel('月份').fill('2026-03');
    await impact.getByRole('button', { name: '运行' }).click();
    // The draft is the active text: nothing changes.
    await impact.getByText(/^2026-03：\d+ 张工单，0 张结果改变，0 张无法读取。$/).waitFor(WAIT);
    // Repairs must be contacted within 20 minutes of acceptance instead of the property's 30 (000 四.1's [X]).
    const text = await editor.evaluate((e) => (e as unknown as EditorHandle).getValue());
    expect(text).toContain('param contact_within = 30m');
    await editor.evaluate((e, t) => (e as unknown as EditorHandle).setValue(t), text.replace('param contact_within = 30m', 'param contact_within = 20m'));
    const summary = impact.getByText(/^2026-03：\d+ 张工单，[1-9]\d* 张结果改变，0 张无法读取。$/);
    await summary.waitFor(WAIT);
    await impact.locator('#chart-breaches canvas').waitFor(WAIT);
    await impact.locator('#chart-warnings canvas').waitFor(WAIT);
    await expect.poll(() => impact.locator('#chart-breaches').getAttribute('aria-label'), WAIT).toContain('contact');
    await viewShot(page, 'impact', impact.locator('h2'));
    // Put the text back: nothing is saved.
    await editor.evaluate((e, t) => (e as unknown as EditorHandle).setValue(t), text);
  }, 180_000);

  it('shows tickets now, breached first', async () => {
    await page.goto(app('/tickets'));
    await page.getByRole('heading', { name: '当前工单' }).waitFor();
    const rows = page.locator('tbody tr[data-ticket]');
    await rows.first().waitFor(WAIT);
    await page.getByText(/更新于/).waitFor(WAIT);
    await page.screenshot({ path: resolve(ARTIFACTS, 'acceptance-tickets-now.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows jinxiu-garden’s scores for March, drills a level down to its entries and opens a ticket', async () => {
    await page.goto(app('/scores'));
    await page.getByRole('heading', { name: '考核得分' }).waitFor();
    await page.locator('select[name="property"]').selectOption('jinxiu-garden');
    await page.locator('input[name="period"]').fill('2026-03');
    await page.locator('input[name="period"]').dispatchEvent('change');
    const row = page.locator('tr[data-unit="jinxiu-garden/engineering"]');
    await row.waitFor(WAIT);
    // (The month-by-month chart is operations.test.ts's: here twelve months of a unit with
    // hundreds of tickets a month did not draw within 3 minutes on the shared machine.)
    // The engineering unit's blue count opens the entries behind it (ACC-BLUE-1 among them).
    const drill = row.locator('td[data-level="blue"] button.drill');
    await drill.waitFor(WAIT);
    const count = Number(await drill.textContent());
    await drill.click();
    const links = page.locator('table.entries a[data-ticket]');
    await links.first().waitFor(WAIT);
    // One entry per count (a single page: the count is far below 500).
    expect(await page.locator('table.entries tbody tr').count()).toBe(count);
    await page.screenshot({ path: resolve(ARTIFACTS, 'acceptance-scores.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('table.entries a[data-ticket="ACC-BLUE-1"]').waitFor(WAIT);
    const id = (await links.first().getAttribute('data-ticket'))!;
    await links.first().click();
    await page.getByRole('heading', { name: `工单 ${id}` }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe(`/tickets/${encodeURIComponent(id)}`);
    await page.locator('tr[data-event="received"]').waitFor(WAIT);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 300_000);

  it('met no CSP violation or page error', () => {
    expect(problems).toEqual([]);
  });
});
