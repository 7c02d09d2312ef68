// Issue 12's operational pages in Chromium against the real service: the header's links
// by role, tickets now, scores with its month-by-month chart (ECharts fetched only
// there), the audit log and a policy change's diff, the administration and its refusal
// for others; each page axe-clean. Three flows need routes api12 adds (GET /v1/tickets,
// scores as CSV, PATCH /v1/users and GET /v1/keys): each is skipped, saying which route
// is missing, until the service has it (decided when the service answers, so these run
// by themselves once the routes are merged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launch, newPage, screenshot, seriousA11yViolations, startBeacon, type Beacon } from './harness.js';

const ADMIN = { name: 'ada', password: 'correct horse battery staple' };
const MANAGER = { name: 'mo', password: 'manager password 12345' };
const ECHARTS = '_echarts_instance_';

/** What the service on this branch answers: which of api12's routes are there. */
interface Routes {
  tickets: boolean;
  scoresCsv: boolean;
  userPatch: boolean;
  keyList: boolean;
}

/** A route is missing when the service answers its own "No such route" 404. */
async function routeAnswers(request: APIRequestContext, method: string, url: string, headers: Record<string, string> = {}): Promise<boolean> {
  const res = await request.fetch(url, { method, headers, failOnStatusCode: false, ...(method === 'PATCH' ? { data: {} } : {}) });
  if (res.status() !== 404) return true;
  const body = (await res.json().catch(() => ({}))) as { title?: string };
  return body.title !== 'No such route';
}

/** Tickets of jinxiu-garden created now: one whose response is long overdue, one just in. */
function tickets(unit: string, nowMs: number): Record<string, unknown>[] {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const base = { property: 'jinxiu-garden', unit, category: 'engineering', priority: 'urgent', kind: 'repair', channel: 'phone' };
  return [
    { ...base, id: 'E2E-OLD', createdAt: iso(nowMs - 3 * 3600_000), events: [{ type: 'received', at: iso(nowMs - 3 * 3600_000) }] },
    { ...base, id: 'E2E-NEW', createdAt: iso(nowMs - 60_000), events: [{ type: 'received', at: iso(nowMs - 60_000) }] },
  ];
}

describe.skipIf(!browserAvailable())('issue 12’s pages in Chromium', () => {
  let beacon: Beacon;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let routes: Routes = { tickets: false, scoresCsv: false, userPatch: false, keyList: false };
  let unit = '';
  /** Scripts the page fetched, with whether each carries ECharts. */
  const fetched: { url: string; echarts: boolean }[] = [];

  const app = (path: string): string => `${beacon.url}${path}`;
  const api = (): APIRequestContext => context.request;

  beforeAll(async () => {
    [beacon, browser] = await Promise.all([startBeacon(), launch()]);
    ({ context, page, problems } = await newPage(browser));
    page.on('response', async (res) => {
      if (!res.url().endsWith('.js')) return;
      const text = await res.text().catch(() => '');
      fetched.push({ url: res.url(), echarts: text.includes(ECHARTS) });
    });
    // The first admin through the one-time link's API (the setup page has its own test), then data.
    const token = new URL(beacon.setupUrl).hash.replace('#token=', '');
    expect((await api().post(app('/v1/auth/setup'), { data: { token, ...ADMIN } })).status()).toBe(201);
    // The shipped policies name units the store does not register: register two, as an admin would.
    unit = 'jinxiu-garden/engineering';
    const units = await api().put(app('/v1/properties/jinxiu-garden/units'), { data: { units: [{ id: unit, name: '工程部' }, { id: 'jinxiu-garden/customer-service', name: '客服中心' }] } });
    expect(units.status(), await units.text()).toBe(200);
    for (const t of tickets(unit, Date.now())) {
      const res = await api().put(app(`/v1/tickets/${t['id'] as string}`), { data: t });
      expect(res.status(), await res.text()).toBe(201);
    }
    const period = new Date().toISOString().slice(0, 7);
    routes = {
      tickets: await routeAnswers(api(), 'GET', app('/v1/tickets?state=open')),
      scoresCsv: ((await api().get(app(`/v1/units/${encodeURIComponent(unit)}/scores?period=${period}`), { headers: { accept: 'text/csv' } })).headers()['content-type'] ?? '').startsWith('text/csv'),
      userPatch: await routeAnswers(api(), 'PATCH', app('/v1/users/nobody')),
      keyList: await routeAnswers(api(), 'GET', app('/v1/keys')),
    };
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await beacon?.stop();
  });

  it('loads no ECharts on the sign-in and properties pages', async () => {
    const guest = await browser.newContext();
    const signIn = await guest.newPage();
    const scripts: { url: string; echarts: boolean }[] = [];
    signIn.on('response', async (res) => {
      if (res.url().endsWith('.js')) scripts.push({ url: res.url(), echarts: (await res.text().catch(() => '')).includes(ECHARTS) });
    });
    await signIn.goto(app('/sign-in'));
    await signIn.getByRole('heading', { name: '登录' }).waitFor();
    await signIn.waitForLoadState('networkidle');
    await guest.close();
    expect(scripts.length).toBeGreaterThan(0);
    await page.goto(app('/properties'));
    await page.getByRole('heading', { name: '项目' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect([...scripts, ...fetched].filter((s) => s.echarts).map((s) => s.url)).toEqual([]);
  });

  it('links an admin to every page from the header, keyboard first', async () => {
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const name of ['项目', '当前工单', '考核得分', '审计日志', '系统管理']) await nav.getByRole('link', { name, exact: true }).waitFor();
    // Tab from the brand reaches the links in order, Enter follows one.
    await page.getByRole('link', { name: 'Beacon 时限规则' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '当前工单' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tickets');
  });

  it('shows tickets now, axe-clean, breached first', async () => {
    await page.goto(app('/tickets'));
    await page.getByRole('heading', { name: '当前工单' }).waitFor();
    await page.getByLabel('状态').waitFor();
    if (routes.tickets) {
      const rows = page.locator('tbody tr[data-ticket]');
      await rows.first().waitFor();
      expect(await rows.first().getAttribute('data-ticket')).toBe('E2E-OLD');
      await page.getByText(/更新于/).waitFor();
      await screenshot(page, 'ops-01-tickets');
    } else {
      // Until GET /v1/tickets exists the page says why it is empty.
      await page.getByRole('alert').waitFor();
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows the unit scores and draws a unit’s months with ECharts, loaded only now', async () => {
    await page.goto(app('/scores'));
    await page.getByRole('heading', { name: '考核得分' }).waitFor();
    await page.locator('select[name="property"]').selectOption('jinxiu-garden');
    const row = page.locator(`tr[data-unit="${unit}"]`);
    await row.waitFor();
    const period = new Date().toISOString().slice(0, 7);
    const json = (await (await api().get(app(`/v1/units/${encodeURIComponent(unit)}/scores?period=${period}`))).json()) as { points: number; tickets: number };
    expect(await row.locator('[data-field="points"]').textContent()).toBe(String(json.points));
    expect(await row.locator('[data-field="tickets"]').textContent()).toBe(String(json.tickets));
    expect(json.tickets).toBe(2);
    expect(fetched.filter((s) => s.echarts)).toEqual([]);
    await row.getByRole('button', { name: /逐月趋势/ }).click();
    const chart = page.locator('#trend-chart svg');
    await chart.waitFor();
    expect(fetched.some((s) => s.echarts)).toBe(true);
    // The chart's months are in the figures table too, the current one last.
    await page.getByText('图表数据').click();
    await page.getByRole('rowheader', { name: period }).waitFor();
    await screenshot(page, 'ops-02-scores');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('exports a unit’s scores as CSV, the same as the API’s', async (ctx) => {
    ctx.skip(!routes.scoresCsv, 'needs Accept: text/csv on GET /v1/units/{unit}/scores, api12: not on this branch yet; enable after merging api12');
    const period = new Date().toISOString().slice(0, 7);
    await page.goto(app('/scores'));
    await page.locator('select[name="property"]').selectOption('jinxiu-garden');
    const row = page.locator(`tr[data-unit="${unit}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /导出 CSV/ }).click()]);
    const saved = await download.path();
    const { readFileSync } = await import('node:fs');
    const file = readFileSync(saved!);
    const fromApi = await (await api().get(app(`/v1/units/${encodeURIComponent(unit)}/scores?period=${period}`), { headers: { accept: 'text/csv' } })).body();
    // Byte for byte what the API sends, its BOM (EF BB BF, for Excel) included.
    expect(file.equals(fromApi)).toBe(true);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const json = (await (await api().get(app(`/v1/units/${encodeURIComponent(unit)}/scores?period=${period}`))).json()) as Record<string, unknown>;
    // The CSV carries the JSON's figures: each column named as a JSON field holds its value (null as an empty cell).
    const [header, ...rows] = file.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(','));
    const line = rows.find((r) => r.includes(unit)) ?? rows[0]!;
    expect(header).toContain('points');
    for (const field of ['unit', 'period', 'points', 'tickets', 'compliance', 'light']) {
      const i = header!.indexOf(field);
      if (i >= 0) expect(line[i], field).toBe(json[field] === null ? '' : String(json[field]));
    }
  });

  it('lists a policy change in the audit log and opens its diff', async () => {
    // A second version of jinxiu-garden, activated: the audit has its before and after.
    const active = (await (await api().get(app('/v1/scopes/jinxiu-garden/policy'))).json()) as { id: string; source: string };
    const draft = await api().post(app('/v1/scopes/jinxiu-garden/policy/drafts'), { data: { source: `// e2e: 审计差异\n${active.source}`, baseVersionId: active.id } });
    expect(draft.status(), await draft.text()).toBe(201);
    const { id } = (await draft.json()) as { id: string };
    const activated = await api().post(app(`/v1/policy-versions/${id}/activate`), { data: {} });
    expect(activated.status(), await activated.text()).toBe(200);
    await page.goto(app('/audit'));
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.locator('tr[data-action="policy.activate"]').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('select[name="action"]').selectOption('policy.activate');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('link', { name: /查看 v1 → v2 的改动/ }).click();
    await page.getByRole('heading', { name: /规则改动 · jinxiu-garden v1 → v2/ }).waitFor();
    await page.getByText('+ // e2e: 审计差异').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/audit\/diff\/[^/]+\/[^/]+$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('creates a user from the administration, and keeps it from a manager', async () => {
    await page.goto(app('/admin'));
    await page.getByRole('heading', { name: '系统管理' }).waitFor();
    const form = page.getByRole('form', { name: '创建用户' });
    await form.getByLabel('用户名').fill(MANAGER.name);
    await form.getByLabel('初始密码（至少 12 个字符）').fill(MANAGER.password);
    await form.getByLabel('角色').selectOption('manager');
    await form.getByLabel('负责的项目（用逗号分隔的项目编号）').fill('jinxiu-garden');
    await form.getByRole('button', { name: '创建用户' }).click();
    await page.getByText(`已创建用户 ${MANAGER.name}。`).waitFor();
    await page.locator(`tr[data-user="${MANAGER.name}"]`).waitFor();
    await screenshot(page, 'ops-03-admin');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const other = await browser.newContext({ locale: 'zh-CN' });
    const managerPage = await other.newPage();
    expect((await other.request.post(app('/v1/auth/login'), { data: MANAGER })).status()).toBe(200);
    await managerPage.goto(app('/admin'));
    await managerPage.getByText('只有管理员可以使用系统管理。').waitFor();
    const nav = managerPage.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '考核得分' }).waitFor();
    expect(await nav.getByRole('link', { name: '系统管理' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: '审计日志' }).count()).toBe(0);
    // The server refuses too: the page's refusal is not the only guard.
    expect((await other.request.get(app('/v1/users'))).status()).toBe(403);
    expect(await seriousA11yViolations(managerPage)).toEqual([]);
    await other.close();
  });

  it('disables a user, whose session ends at once', async (ctx) => {
    ctx.skip(!routes.userPatch, 'needs PATCH /v1/users/{id}, api12: not on this branch yet; enable after merging api12');
    const other = await browser.newContext({ locale: 'zh-CN' });
    expect((await other.request.post(app('/v1/auth/login'), { data: MANAGER })).status()).toBe(200);
    expect((await other.request.get(app('/v1/auth/me'))).status()).toBe(200);
    await page.goto(app('/admin'));
    page.once('dialog', (d) => void d.accept());
    const row = page.locator(`tr[data-user="${MANAGER.name}"]`);
    await row.getByRole('button', { name: `停用 ${MANAGER.name}` }).click();
    await page.locator(`tr[data-user="${MANAGER.name}"][data-disabled="true"]`).waitFor();
    expect((await other.request.get(app('/v1/auth/me'))).status()).toBe(401);
    await other.close();
  });

  it('revokes a key, which evaluate then refuses', async (ctx) => {
    ctx.skip(!routes.keyList, 'needs GET /v1/keys, api12: not on this branch yet; enable after merging api12');
    await page.goto(app('/admin'));
    const form = page.getByRole('form', { name: '创建密钥' });
    await form.getByLabel('密钥名称').fill('e2e-erp');
    await form.getByRole('button', { name: '创建密钥' }).click();
    const secret = await page.locator('[data-secret]').inputValue();
    expect(secret.length).toBeGreaterThan(16);
    const evaluate = (): Promise<number> =>
      fetch(app('/v1/evaluate'), { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ ticket: tickets(unit, Date.now())[1] }) }).then((r) => r.status);
    expect(await evaluate()).toBe(200);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '吊销 e2e-erp' }).click();
    await page.locator('tr[data-key="e2e-erp"][data-revoked="true"]').waitFor();
    expect(await evaluate()).toBe(401);
    // Shown once: after a reload the secret is nowhere on the page.
    await page.reload();
    await page.locator('tr[data-key="e2e-erp"]').waitFor();
    expect(await page.locator('[data-secret]').count()).toBe(0);
  });

  it('speaks English after the switch, and Chinese again', async () => {
    await page.goto(app('/scores'));
    await page.getByRole('heading', { name: '考核得分' }).waitFor();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { name: 'Scores' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Properties', 'Tickets now', 'Scores', 'Audit', 'Administration']) await nav.getByRole('link', { name, exact: true }).waitFor();
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await page.getByRole('heading', { name: '考核得分' }).waitFor();
  });

  it('met no CSP violation or page error', () => {
    expect(problems).toEqual([]);
  });
});
