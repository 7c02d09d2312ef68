// The admin UI in a real browser against a real server: the first start's setup link,
// signing in and out, the organisation tree in Chinese, the English switch, the policy
// page of jinxiu-garden, and a draft kept through an expired session. Monaco cannot be
// typed into like an input: the editor's text is read and set through the element's API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launch, newPage, screenshot, seriousA11yViolations, startBeacon, type Beacon } from './harness.js';

const ADMIN = { name: 'ada', password: 'correct horse battery staple' };

/** The policy page's editor (<beacon-editor> or the plain stand-in), through the shadow roots. */
const editorValue = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
    const editor = policy?.shadowRoot?.querySelector('#editor') as unknown as { getValue(): string } | null;
    return editor ? editor.getValue() : '';
  });
const setEditorValue = (page: Page, text: string): Promise<void> =>
  page.evaluate((value) => {
    const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
    (policy?.shadowRoot?.querySelector('#editor') as unknown as { setValue(text: string): void }).setValue(value);
  }, text);

describe.skipIf(!browserAvailable())('the admin UI in Chromium', () => {
  let beacon: Beacon;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    [beacon, browser] = await Promise.all([startBeacon(), launch()]);
    ({ context, page, problems } = await newPage(browser));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await beacon?.stop();
  });

  it('opens / on a new service and signs in from there once an admin exists', async () => {
    await page.goto(`${beacon.url}/`);
    await expect(page.getByRole('heading', { name: '登录' }).waitFor()).resolves.toBeUndefined();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('takes the setup link to a page where the first admin chooses a password, then lands in the app', async () => {
    expect(beacon.setupUrl).toMatch(/\/setup#token=/);
    await page.goto(beacon.setupUrl);
    await page.getByRole('heading', { name: '创建首位管理员' }).waitFor();
    await screenshot(page, '01-setup');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('用户名').fill(ADMIN.name);
    await page.getByLabel('密码（至少 12 个字符）').fill(ADMIN.password);
    await page.getByLabel('再次输入密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.getByRole('heading', { name: '项目' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/properties');
    expect(new URL(page.url()).hash).toBe(''); // the used token left the address bar
  });

  it('shows the organisation tree in Chinese, with each property’s active version', async () => {
    const tree = page.locator('[data-scope="huayu-group"]');
    await tree.waitFor();
    for (const name of ['华宇物业集团报事处理与投诉升级标准', '默认分公司 (default branch)', '锦绣花园（住宅小区）', '星河中心大厦（写字楼）']) {
      await tree.getByRole('link', { name, exact: true }).waitFor();
    }
    await tree.getByText('集团').first().waitFor();
    const jinxiu = page.locator('li[data-scope="jinxiu-garden"] .scope');
    await jinxiu.getByText('生效版本 v1').waitFor();
    await jinxiu.getByText('无草稿').waitFor();
    // Checked in the browser, in the check worker, under the page's CSP.
    await jinxiu.getByText('[X] 已全部填写').waitFor({ timeout: 90_000 });
    await screenshot(page, '02-properties');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('signs out to the sign-in page, and signs in again', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByText('已退出登录。').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '登录' }).waitFor(); // the cookie is gone: not just the page
    await page.getByLabel('用户名').fill(ADMIN.name);
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码不正确。').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '项目' }).waitFor();
  });

  it('switches to English, keeps it across a reload, and switches back', async () => {
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { name: 'Properties' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Properties' }).waitFor();
    await page.locator('li[data-scope="jinxiu-garden"]').getByText('active v1').waitFor();
    await screenshot(page, '03-properties-en');
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await page.getByRole('heading', { name: '项目' }).waitFor();
  });

  it('opens the policy page of jinxiu-garden with its text in the editor', async () => {
    await page.getByRole('link', { name: '锦绣花园（住宅小区）' }).click();
    await page.getByRole('heading', { name: '锦绣花园（住宅小区） · 时限规则' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/policy/jinxiu-garden');
    await page.getByRole('button', { name: '保存草稿' }).waitFor();
    await expect.poll(() => editorValue(page)).toContain('property jinxiu-garden "锦绣花园（住宅小区）" extends huayu-group');
    await screenshot(page, '04-policy');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('marks a draft the server refuses (422) and saves a valid one as v2', async () => {
    const original = await editorValue(page);
    await setEditorValue(page, original.replace('param review_within = 2h', 'param review_within = 2 hourz'));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText(/草稿有 \d+ 处错误，已在编辑器中标出。/).waitFor();
    await setEditorValue(page, original.replace('param review_within = 2h', 'param review_within = 3h'));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿 v2 已保存。').waitFor();
    await screenshot(page, '05-draft-saved');
  });

  it('shows what changed underneath on a 409, re-applies the edit on the new base, and saves it', async () => {
    const mine = await editorValue(page);
    // Someone else saves v3 on v2 meanwhile.
    const theirs = mine.replace('param contact_within = 30m', 'param contact_within = 25m');
    const status = await page.evaluate(async (source) => {
      const history = (await (await fetch('/v1/scopes/jinxiu-garden/policy/history')).json()) as { versions: { id: string }[] };
      const res = await fetch('/v1/scopes/jinxiu-garden/policy/drafts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source, baseVersionId: history.versions[0]!.id }) });
      return res.status;
    }, theirs);
    expect(status).toBe(201);
    await setEditorValue(page, mine.replace('param review_within = 3h', 'param review_within = 150m'));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText(/保存时发现服务器上已有更新的版本 v3/).waitFor();
    await page.getByText('+ param contact_within = 25m', { exact: false }).waitFor();
    await screenshot(page, '06-stale-base');
    await page.getByRole('button', { name: '在最新版本上重新应用我的修改' }).click();
    await page.getByText('已在 v3 上重新应用你的修改，请检查后再次保存。').waitFor();
    const merged = await editorValue(page);
    expect(merged).toContain('param review_within = 150m');
    expect(merged).toContain('param contact_within = 25m');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿 v4 已保存。').waitFor();
  });

  it('keeps an unsaved edit through an expired session and brings it back after signing in', async () => {
    const edited = `${await editorValue(page)}\n// 本机尚未保存的修改\n`;
    await setEditorValue(page, edited);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('beacon.draft.jinxiu-garden') ?? '')).toContain('本机尚未保存的修改');
    // The session ends behind the page's back, as when it expires.
    await page.evaluate(() => fetch('/v1/auth/logout', { method: 'POST' }));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('登录已过期，请重新登录。尚未保存的草稿已保留在本机。').waitFor();
    await screenshot(page, '07-session-expired');
    await page.getByLabel('用户名').fill(ADMIN.name);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(/已恢复本机保存的未提交草稿/).waitFor();
    expect(new URL(page.url()).pathname).toBe('/policy/jinxiu-garden');
    await expect.poll(() => editorValue(page)).toBe(edited);
  });

  it('breaks no rule of the Content-Security-Policy and throws no page error', () => {
    // The engine runs in the page and its check worker with precompiled validators: no rule
    // of the CSP (which has no unsafe-eval) may be broken, not even by Ajv.
    expect(problems).toEqual([]);
  });
});
