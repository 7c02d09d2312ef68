// Issue 12 item 2 in Chromium against the real service: the impact of a draft over a month
// of sample history (bench/sample's generator, jinxiu-garden's March 2026), then a flipped
// ticket's timeline: the active and the draft version's Gantt charts one above the other,
// its marks by keyboard, a rule outside the edited file said where it is, axe-clean; and
// the same timeline from a row of tickets now, whose mark opens the policy page at its
// line. The picture docs/screenshots/timeline.png is test-artifacts/e2e/timeline-view.png,
// copied by hand (tests never write tracked files).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_PROPERTIES, generateTickets } from '../../../bench/sample/generate-tickets.js';
import { ARTIFACTS, browserAvailable, launch, screenshot, seriousA11yViolations, startBeacon, type Beacon } from './harness.js';

const ADMIN = { name: 'ada', password: 'correct horse battery staple' };
const WAIT = { timeout: 60_000 };
const UNIT = 'jinxiu-garden/engineering';

interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
}

const editorValue = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
    return (policy?.shadowRoot?.querySelector('beacon-editor') as unknown as EditorHandle | null)?.getValue() ?? '';
  });
const setEditorValue = (page: Page, text: string): Promise<void> =>
  page.evaluate((value) => {
    const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
    (policy?.shadowRoot?.querySelector('beacon-editor') as unknown as EditorHandle).setValue(value);
  }, text);

describe.skipIf(!browserAvailable())('a ticket’s timeline in Chromium', () => {
  let beacon: Beacon;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let flipped = '';

  beforeAll(async () => {
    [beacon, browser] = await Promise.all([startBeacon(), launch()]);
    // The policies' zone: the time axis's ticks fall on its hours.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
    const api = context.request;
    const token = new URL(beacon.setupUrl).hash.replace('#token=', '');
    expect((await api.post(`${beacon.url}/v1/auth/setup`, { data: { token, ...ADMIN } })).status()).toBe(201);
    // The sample history: jinxiu-garden's March 2026, seeded, straight into the store.
    const jinxiu = DEFAULT_PROPERTIES.filter((p) => p.id === 'jinxiu-garden');
    for (const t of generateTickets({ count: 300, seed: 7, from: '2026-03-01', months: 1, properties: jinxiu })) await beacon.running.store.repository.upsertTicket(t);
    // One open ticket for tickets now: an urgent repair received three hours ago, never contacted.
    const units = await api.put(`${beacon.url}/v1/properties/jinxiu-garden/units`, { data: { units: [{ id: UNIT, name: '工程部' }, { id: 'jinxiu-garden/customer-service', name: '客服中心' }] } });
    expect(units.status(), await units.text()).toBe(200);
    const received = new Date(Date.now() - 3 * 3600_000).toISOString();
    const open = { id: 'E2E-TL', property: 'jinxiu-garden', unit: UNIT, category: 'engineering', priority: 'urgent', kind: 'repair', channel: 'phone', createdAt: received, events: [{ type: 'received', at: received }, { type: 'accepted', at: received }] };
    const put = await api.put(`${beacon.url}/v1/tickets/E2E-TL`, { data: open });
    expect(put.status(), await put.text()).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await beacon?.stop();
  });

  it('runs the draft’s impact on the sample history and opens a flipped ticket’s timeline, active above draft', async () => {
    await page.goto(`${beacon.url}/policy/jinxiu-garden`);
    await page.locator('beacon-editor .monaco-editor').first().waitFor(WAIT);
    await expect.poll(() => editorValue(page), WAIT).toContain('property jinxiu-garden');
    const active = await editorValue(page);
    // Repairs must be contacted within 10 minutes instead of 30: some March tickets now breach.
    await setEditorValue(page, active.replace('param contact_within = 30m', 'param contact_within = 10m'));
    const impact = page.locator('beacon-impact');
    await impact.getByLabel('月份').fill('2026-03');
    await impact.getByRole('button', { name: '运行' }).click();
    await impact.getByText(/^2026-03：300 张工单，[1-9]\d* 张结果改变/).waitFor(WAIT);

    const open = impact.getByRole('button', { name: /^查看工单 .+ 的时间线$/ }).first();
    flipped = (await open.getAttribute('data-timeline')) ?? '';
    expect(flipped).not.toBe('');
    await open.click();
    const timeline = impact.locator('beacon-timeline');
    await timeline.getByRole('heading', { name: `工单 ${flipped} 的时间线` }).waitFor(WAIT);
    // Opened from the list, the focus is on the timeline's heading.
    await expect.poll(() => timeline.evaluate((el) => el.shadowRoot?.activeElement?.id ?? '')).toBe('h-timeline');
    // Both sides drawn, one above the other, each an ECharts canvas with its aria description.
    const sides = timeline.locator('figure[data-side]');
    expect(await sides.evaluateAll((figs) => figs.map((f) => f.getAttribute('data-side')))).toEqual(['active', 'draft']);
    await timeline.locator('#chart-active canvas').waitFor(WAIT);
    await timeline.locator('#chart-draft canvas').waitFor(WAIT);
    await expect.poll(() => timeline.locator('#chart-active').getAttribute('aria-label'), WAIT).toContain('生效版本');
    await expect.poll(() => timeline.locator('#chart-draft').getAttribute('aria-label'), WAIT).toContain('草稿');
    const activeBox = await timeline.locator('#chart-active').boundingBox();
    const draftBox = await timeline.locator('#chart-draft').boundingBox();
    expect(activeBox && draftBox && activeBox.y + activeBox.height <= draftBox.y).toBe(true);
    // The flip: the draft breaches the contact clock, the active version does not.
    const draftMarks = timeline.locator('figure[data-side="draft"] tbody tr');
    const activeMarks = timeline.locator('figure[data-side="active"] tbody tr');
    expect(await timeline.locator('figure[data-side="draft"] tr[data-kind="breach"]').count()).toBeGreaterThan(await timeline.locator('figure[data-side="active"] tr[data-kind="breach"]').count());
    expect(await draftMarks.count()).toBeGreaterThan(0);
    expect(await activeMarks.count()).toBeGreaterThan(0);

    await timeline.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'timeline-01-impact');
    await timeline.screenshot({ path: resolve(ARTIFACTS, 'timeline-view.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('opens a mark’s rule by keyboard, and says where a rule outside the edited file is', async () => {
    const timeline = page.locator('beacon-impact beacon-timeline');
    const draft = timeline.locator('figure[data-side="draft"]');
    await draft.locator('summary').focus();
    await page.keyboard.press('Enter');
    // The contact clock's target `*: contact_within` is the group's line, not the property's.
    const due = draft.locator('tr[data-kind="breach"] button').first();
    await due.focus();
    await page.keyboard.press('Enter');
    await timeline.getByText(/^该规则在 huayu-group\.sla 第 \d+ 行，不在编辑器中的文件里。$/).waitFor(WAIT);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Closing gives the focus back to the button that opened it.
    await timeline.getByRole('button', { name: '关闭时间线' }).click();
    await expect.poll(() => page.locator('beacon-impact').evaluate((el) => (el.shadowRoot?.activeElement as HTMLElement | null)?.dataset['timeline'] ?? '')).toBe(flipped);
    expect(problems).toEqual([]);
  });

  it('opens an open ticket’s timeline from tickets now, under the active version only; a mark opens the policy page at its line', async () => {
    await page.goto(`${beacon.url}/tickets`);
    const row = page.locator('tr[data-ticket="E2E-TL"]');
    await row.waitFor(WAIT);
    await row.getByRole('button', { name: '查看工单 E2E-TL 的时间线' }).click();
    const timeline = page.locator('beacon-tickets beacon-timeline');
    await timeline.getByRole('heading', { name: '工单 E2E-TL 的时间线' }).waitFor(WAIT);
    await timeline.locator('#chart-active canvas').waitFor(WAIT);
    expect(await timeline.locator('figure[data-side]').count()).toBe(1);
    // Received and accepted three hours ago, never contacted: the 10-minute contact clock of jinxiu-garden is breached.
    const marks = timeline.locator('figure[data-side="active"]');
    await marks.locator('summary').click();
    expect(await marks.locator('tr[data-kind="breach"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'timeline-02-tickets');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // jinxiu-garden's own line (`engineering/urgent: 10m`) opens its policy page there.
    const own = marks.locator('tr[data-kind="due"] button', { hasText: /^第 \d+ 行$/ }).first();
    const line = Number((await own.textContent())?.match(/\d+/)?.[0]);
    await own.click();
    await page.locator('beacon-editor .monaco-editor').first().waitFor(WAIT);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/policy/jinxiu-garden');
    await expect.poll(() => editorValue(page), WAIT).toContain('engineering/urgent: 10m');
    const expectedLine = (await editorValue(page)).split('\n').findIndex((l) => l.includes('engineering/urgent: 10m')) + 1;
    expect(line).toBe(expectedLine);
    // The editor's cursor is on that line once it has checked the text (the #line=N link is then dropped).
    await expect.poll(() => page.url(), WAIT).not.toContain('#line=');
    const cursorOnLine = async (): Promise<boolean> => {
      const cursor = await page.locator('beacon-editor .cursor').first().boundingBox();
      const target = await page.locator('beacon-editor .view-line', { hasText: 'engineering/urgent: 10m' }).first().boundingBox();
      return Boolean(cursor && target && Math.abs(cursor.y - target.y) < 4);
    };
    await expect.poll(cursorOnLine, WAIT).toBe(true);
    expect(problems).toEqual([]);
  });
});
