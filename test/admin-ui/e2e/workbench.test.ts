// Issue 10's end-to-end flow on jinxiu-garden, in order, against a fresh in-process server:
// a typo's live marker in Monaco and its fix, a target edited in the form and seen in the
// text, a saved draft, a failing policy test and its fix, the diff editor and the effective
// diff, activate, roll back and the history; then a manager who sees penalties read-only
// and whose forged penalty change the server refuses. Monaco is driven through the
// element's API, reached through the shadow roots; every step leaves a screenshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ARTIFACTS, browserAvailable, launch, newPage, screenshot, startBeacon, type Beacon } from './harness.js';
import { monthOfTickets } from '../../server/simulate/fixtures.js';

const ADMIN = { name: 'ada', password: 'correct horse battery staple' };
const MANAGER = { name: 'mei', password: 'manager password 12345' };
const WAIT = { timeout: 30_000 };
const shot = (page: Page, name: string): Promise<void> => screenshot(page, `workbench-${name}`);
/** What the viewport shows with `target` scrolled to the middle: the README's pictures are made from these. */
async function viewShot(page: Page, name: string, target: Locator, block: 'start' | 'center' = 'center'): Promise<void> {
  await target.evaluate((el, b) => el.scrollIntoView({ block: b }), block);
  await page.screenshot({ path: resolve(ARTIFACTS, `workbench-${name}-view.png`) });
}

interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
}

const editorValue = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
    const editor = policy?.shadowRoot?.querySelector('beacon-editor') as unknown as EditorHandle | null;
    return editor ? editor.getValue() : '';
  });
const setEditorValue = (page: Page, text: string): Promise<void> =>
  page.evaluate((value) => {
    const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
    (policy?.shadowRoot?.querySelector('beacon-editor') as unknown as EditorHandle).setValue(value);
  }, text);
/** Sets the text and resolves with the codes of the next beacon-diagnostics event that satisfies `until`. */
const setAndDiagnose = (page: Page, text: string, wantCodes: boolean): Promise<string[]> =>
  page.evaluate(
    ([value, want]) =>
      new Promise<string[]>((resolve, reject) => {
        const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
        const editor = policy?.shadowRoot?.querySelector('beacon-editor') as unknown as EditorHandle & HTMLElement;
        const timer = setTimeout(() => reject(new Error('no beacon-diagnostics event within 30 s')), 30_000);
        const listener = (e: Event): void => {
          const codes = (e as CustomEvent<{ diagnostics: { code: string; severity: string }[] }>).detail.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
          if ((codes.length > 0) !== want) return;
          clearTimeout(timer);
          editor.removeEventListener('beacon-diagnostics', listener);
          resolve(codes);
        };
        editor.addEventListener('beacon-diagnostics', listener);
        editor.setValue(value);
      }),
    [text, wantCodes] as const,
  );

async function signIn(page: Page, url: string, who: { name: string; password: string }): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('用户名').fill(who.name);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '项目' }).waitFor(WAIT);
}

async function openJinxiu(page: Page): Promise<void> {
  await page.getByRole('link', { name: '锦绣花园（住宅小区）' }).click();
  await page.getByRole('heading', { name: '锦绣花园（住宅小区） · 时限规则' }).waitFor(WAIT);
  await page.locator('beacon-editor .monaco-editor').first().waitFor(WAIT);
  await expect.poll(() => editorValue(page), WAIT).toContain('property jinxiu-garden');
}

describe.skipIf(!browserAvailable())('the policy workbench in Chromium', () => {
  let beacon: Beacon;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let original = '';
  let saved = '';

  beforeAll(async () => {
    [beacon, browser] = await Promise.all([startBeacon(), launch()]);
    ({ context, page } = await newPage(browser));
    page.on('dialog', (d) => void d.accept());
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await beacon?.stop();
  });

  it('signs in as the first admin and opens jinxiu-garden in the real Monaco editor', async () => {
    await page.goto(beacon.setupUrl);
    await page.getByLabel('用户名').fill(ADMIN.name);
    await page.getByLabel('密码（至少 12 个字符）').fill(ADMIN.password);
    await page.getByLabel('再次输入密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.getByRole('heading', { name: '项目' }).waitFor(WAIT);
    await openJinxiu(page);
    original = await editorValue(page);
    // Full-width Chinese punctuation in comments and labels is not flagged as a look-alike character.
    await page.locator('beacon-editor .view-line').first().waitFor(WAIT);
    expect(await page.locator('beacon-editor .unicode-highlight').count()).toBe(0);
    await shot(page, '01-editor');
  });

  it('marks a typo live with its code, and the marker goes when it is fixed', async () => {
    const typo = original.replace('expect contact breached', 'expect contactd breached');
    expect(typo).not.toBe(original);
    const codes = await setAndDiagnose(page, typo, true);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes[0]).toMatch(/^[PCE]\d+$/);
    // Monaco draws only the lines in view: bring the typo's line into it.
    const line = typo.split('\n').findIndex((l) => l.includes('contactd')) + 1;
    await page.evaluate((n) => {
      const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
      (policy?.shadowRoot?.querySelector('beacon-editor') as unknown as { revealLine(line: number): void }).revealLine(n);
    }, line);
    await page.locator('beacon-editor .squiggly-error').first().waitFor(WAIT);
    await shot(page, '02-live-diagnostic');
    await viewShot(page, '02-live-diagnostic', page.locator('beacon-editor'));
    expect(await setAndDiagnose(page, original, false)).toEqual([]);
    await page.locator('beacon-editor .squiggly-error').first().waitFor({ state: 'detached', ...WAIT });
  });

  it('changes a target cell in the form and the editor text follows', async () => {
    const form = page.locator('beacon-policy-form');
    await form.getByText('维修：联系报事人（contact）').first().click();
    const cell = form.getByRole('textbox', { name: /^维修：联系报事人（contact）：绿化服务问题 · 一般类/ });
    await cell.fill('25m');
    await cell.press('Enter');
    await expect.poll(() => editorValue(page), WAIT).toMatch(/landscaping\/general: 25m/);
    const text = await editorValue(page);
    // The smallest edit: everything else, comments included, is still there.
    expect(text.split('\n').filter((l) => !original.includes(l))).toEqual([expect.stringContaining('landscaping/general: 25m')]);
    await shot(page, '03-form');
    await viewShot(page, '03-form', form.locator('#h-targets'), 'start');
  });

  it('fits the category × tier grid at 1280×800: the page never scrolls sideways, the grid scrolls in its own box with its first column kept', async () => {
    expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
    const box = page.locator('beacon-policy-form .grid-scroll').first();
    await box.waitFor(WAIT);
    const layout = await box.evaluate((el) => {
      const first = el.querySelector('tbody tr > th') as HTMLElement;
      const before = first.getBoundingClientRect().left;
      el.scrollLeft = el.scrollWidth;
      const host = (el.getRootNode() as ShadowRoot).host.getBoundingClientRect();
      return {
        page: { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth },
        form: { right: host.right },
        box: { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, left: el.getBoundingClientRect().left, right: el.getBoundingClientRect().right, scrolled: el.scrollLeft },
        firstColumn: { before, after: first.getBoundingClientRect().left },
      };
    });
    expect(layout.page.scrollWidth).toBeLessThanOrEqual(layout.page.innerWidth);
    expect(layout.form.right).toBeLessThanOrEqual(1280);
    expect(layout.box.right).toBeLessThanOrEqual(layout.form.right + 1);
    // The grid is wider than its box here, so the box scrolls…
    expect(layout.box.scrollWidth).toBeGreaterThan(layout.box.clientWidth);
    expect(layout.box.scrolled).toBeGreaterThan(0);
    // …and the category column stays at the box's left edge while it does.
    expect(Math.abs(layout.firstColumn.after - layout.box.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(layout.firstColumn.after - layout.firstColumn.before)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: resolve(ARTIFACTS, 'workbench-03-form-1280x800.png') });
    await box.evaluate((el) => (el.scrollLeft = 0));
  });

  it('saves the draft with a comment', async () => {
    saved = await editorValue(page);
    await page.getByLabel(/^本次说明/).fill('绿化一般类联系时限改为 25 分钟');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿 v2 已保存。').waitFor(WAIT);
    // The comment went with the draft and the field is empty for the next one.
    expect(await page.getByLabel(/^本次说明/).inputValue()).toBe('');
    await shot(page, '04-draft-saved');
  });

  it('lists a failing policy test for a change that breaks one, and none once fixed', async () => {
    await setEditorValue(page, saved.replace('param contact_within = 30m', 'param contact_within = 20m'));
    await page.locator('.run-tests').click();
    const results = page.locator('beacon-test-results');
    await results.getByText(/\d+ 项通过，[1-9]\d* 项失败/).waitFor(WAIT);
    await results.getByText('一般工程报修25分钟联系：在30分钟内').waitFor(WAIT);
    await shot(page, '05-test-failing');
    await setEditorValue(page, saved);
    await page.locator('.run-tests').click();
    await results.getByText(/\d+ 项通过，0 项失败/).waitFor(WAIT);
  });

  it('shows the change in Monaco’s diff editor and in the effective diff', async () => {
    await page.getByRole('button', { name: '对比生效版本' }).click();
    await page.locator('beacon-editor .monaco-diff-editor').first().waitFor(WAIT);
    const diff = page.locator('beacon-effective-diff');
    await diff.getByText('25m').first().waitFor(WAIT);
    await diff.getByText(/contact/).first().waitFor(WAIT);
    await shot(page, '06-effective-diff');
    await viewShot(page, '06-effective-diff', diff);
    await page.getByRole('button', { name: '关闭对比' }).click();
  });

  it('activates the draft, rolls back, and the history lists the versions with author, comments and who made each active', async () => {
    await page.getByLabel(/^本次说明/).fill('质量部确认后上线');
    await page.getByRole('button', { name: '生效', exact: true }).click();
    await page.getByText('v2 已生效。').waitFor(WAIT);
    await page.getByLabel(/^本次说明/).fill('先回到 v1 再评估');
    await page.locator('.bar .rollback').click();
    await page.getByText('已回滚，v1 重新生效。').waitFor(WAIT);
    const history = page.locator('beacon-history');
    await history.getByRole('rowheader', { name: '2', exact: true }).waitFor(WAIT);
    await history.getByRole('rowheader', { name: '1', exact: true }).waitFor(WAIT);
    // v1 is active again after the roll back, and v2 is retired.
    await history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '1', exact: true }) }).getByText('生效中').waitFor(WAIT);
    const v2 = history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) });
    await v2.getByText('已停用').waitFor(WAIT);
    // The author by name, the draft's comment, and who activated it and why.
    await v2.getByRole('cell', { name: ADMIN.name, exact: true }).waitFor(WAIT);
    await v2.getByText('绿化一般类联系时限改为 25 分钟').waitFor(WAIT);
    const activationOf = (row: Locator) => row.locator('.activation').textContent(WAIT).then((text) => (text ?? '').replace(/\s+/g, ' '));
    expect(await activationOf(v2)).toMatch(/^ ?ada 设为生效 · .+：质量部确认后上线 ?$/);
    const v1 = history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '1', exact: true }) });
    expect(await activationOf(v1)).toMatch(/^ ?ada 回滚至此版本 · .+：先回到 v1 再评估 ?$/);
    await shot(page, '07-history');
    await viewShot(page, '07-history', history);
  });

  it('runs the draft over a month of stored tickets in the impact panel, and again by itself when the draft changes', async () => {
    // 120 engineering tickets of March 2026, 30 minutes apart; every third urgent, contacted 2 + (i % 15) minutes after acceptance.
    for (const t of monthOfTickets(120)) await beacon.running.store.repository.upsertTicket(t);
    const impact = page.locator('beacon-impact');
    await impact.getByLabel('月份').fill('2026-03');
    await impact.getByRole('button', { name: '运行' }).click();
    // The draft changes only landscaping targets: no engineering ticket's outcome moves.
    await impact.getByText('2026-03：120 张工单，0 张结果改变，0 张无法读取。').waitFor(WAIT);
    // Urgent engineering contact 10m → 5m: the urgent tickets contacted after 8 minutes (i % 15 === 6: 6, 21, …, 111) now breach.
    await setEditorValue(page, saved.replace('engineering/urgent: 10m', 'engineering/urgent: 5m'));
    await impact.getByText('2026-03：120 张工单，8 张结果改变，0 张无法读取。').waitFor(WAIT);
    await impact.getByRole('rowheader', { name: 'SIM-00006' }).waitFor(WAIT);
    // The charts drew (ECharts on canvas, loaded for this panel), each with its aria description.
    await impact.locator('#chart-breaches canvas').waitFor(WAIT);
    await impact.locator('#chart-warnings canvas').waitFor(WAIT);
    // ECharts' aria component labels the chart's own element.
    await expect.poll(() => impact.locator('#chart-breaches').getAttribute('aria-label'), WAIT).toContain('contact');
    await shot(page, '08-impact');
    await viewShot(page, '08-impact', impact);
    await setEditorValue(page, saved);
  });

  it('shows a manager penalties read-only in the editor and the form, and the server refuses a forged change', async () => {
    // As the admin: a manager of jinxiu-garden, and a draft that states the penalties in the property's own file.
    const created = await page.evaluate(async (m) => {
      const res = await fetch('/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: m.name, role: 'manager', password: m.password, properties: ['jinxiu-garden'] }) });
      return res.status;
    }, MANAGER);
    expect(created).toBe(201);
    const withPenalties = `${saved}\npenalties "预警扣分" {\n  blue 0.2 points\n  yellow 0.5 points\n  red 1 point\n}\n`;
    const draft = await page.evaluate(async (source) => {
      // After the roll back the base a draft is made on is the active v1, not the newest row.
      const history = (await (await fetch('/v1/scopes/jinxiu-garden/policy/history')).json()) as { versions: { id: string; status: string }[] };
      const base = history.versions.find((v) => v.status === 'active')!.id;
      const res = await fetch('/v1/scopes/jinxiu-garden/policy/drafts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source, baseVersionId: base }) });
      return { status: res.status, body: await res.text() };
    }, withPenalties);
    expect(draft.status, draft.body).toBe(201);

    const { context: mine, page: manager } = await newPage(browser);
    try {
      await manager.setViewportSize({ width: 1280, height: 800 });
      await signIn(manager, beacon.url, MANAGER);
      await openJinxiu(manager);
      await expect.poll(() => editorValue(manager), WAIT).toContain('blue 0.2 points');
      // Monaco draws only the lines in view: bring the penalties block into it.
      const penaltiesLine = withPenalties.split('\n').findIndex((l) => l.startsWith('penalties')) + 1;
      await manager.evaluate((n) => {
        const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
        (policy?.shadowRoot?.querySelector('beacon-editor') as unknown as { revealLine(line: number): void }).revealLine(n);
      }, penaltiesLine);
      await manager.locator('beacon-editor .beacon-readonly').first().waitFor(WAIT);
      const penalties = manager.locator('beacon-policy-form section[aria-labelledby="h-penalties"]');
      await penalties.getByText(/只读/).first().waitFor(WAIT);
      const inputs = penalties.locator('input');
      expect(await inputs.count()).toBeGreaterThan(0);
      for (const input of await inputs.all()) expect(await input.getAttribute('readonly')).not.toBeNull();
      await shot(manager, '08-manager-readonly');

      const forged = await manager.evaluate(async () => {
        const history = (await (await fetch('/v1/scopes/jinxiu-garden/policy/history')).json()) as { versions: { id: string }[] };
        const latest = history.versions[0]!;
        const source = ((await (await fetch(`/v1/policy-versions/${latest.id}`)).json()) as { source: string }).source;
        const res = await fetch('/v1/scopes/jinxiu-garden/policy/drafts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ source: source.replace('blue 0.2 points', 'blue 0 points'), baseVersionId: latest.id }),
        });
        return { status: res.status, body: await res.text() };
      });
      expect(forged.status, forged.body).toBe(403);
      expect(forged.body).toContain('penalties');
    } finally {
      await mine.close();
    }
  });
});
