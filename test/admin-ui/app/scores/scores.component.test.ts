// @vitest-environment happy-dom
// Scores in happy-dom: the units' month from GET /v1/units/{unit}/scores, and the CSV
// export saved byte for byte as the server wrote it (its BOM included).
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../../admin-ui/src/app/scores/scores.js';
import type { User } from '../../../../admin-ui/src/api/index.js';
import { fakeApi, textOf, until } from '../dom.js';

const QA: User = { id: 'u3', name: 'qi', role: 'quality', properties: [], createdAt: '2026-12-01T00:00:00Z', disabledAt: null };
const PROPERTY = { id: 'jinxiu-garden', kind: 'property', name: '锦绣花园', parentId: 'default', createdAt: '2026-01-01T00:00:00Z', households: 1200, timeZone: 'Asia/Shanghai', units: [{ id: 'jinxiu-garden/engineering', name: '工程部' }] };
const CSV = '\uFEFFunit,period,points,blue,red,tickets,compliance,light\r\njinxiu-garden/engineering,2026-11,1.5,2,1,40,92.5,yellow\r\n';

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('<beacon-scores>', () => {
  it('shows each unit’s points, counts by level, compliance and light', async () => {
    const { api } = fakeApi({
      'GET /v1/organisations': { body: { organisations: [PROPERTY] } },
      'GET /v1/units/jinxiu-garden%2Fengineering/scores': (call) => ({ body: { unit: 'jinxiu-garden/engineering', period: new URL(call.url, 'http://x').searchParams.get('period'), points: 1.5, counts: { red: 1, blue: 2 }, tickets: 40, compliance: 92.5, light: 'yellow' } }),
    });
    const el = document.createElement('beacon-scores');
    Object.assign(el, { api, user: QA });
    el.period = '2026-11';
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('tr[data-unit]') !== null, 'the unit row');
    const row = el.shadowRoot!.querySelector('tr[data-unit="jinxiu-garden/engineering"]')!;
    expect(row.querySelector('[data-field="points"]')!.textContent).toBe('1.5');
    expect(row.querySelector('[data-level="blue"]')!.textContent).toBe('2');
    expect(row.querySelector('[data-level="red"]')!.textContent).toBe('1');
    expect(row.querySelector('[data-field="compliance"]')!.textContent).toBe('92.5%');
    expect(row.querySelector('[data-light="yellow"]')!.textContent).toContain('黄灯');
    // Levels in the order blue, red as the header says.
    expect(Array.from(el.shadowRoot!.querySelectorAll('thead th')).map((th) => th.textContent)).toContain('blue 次数');
  });

  it('exports the month as the server’s CSV, asked with Accept: text/csv, its BOM kept', async () => {
    const { api, calls } = fakeApi({
      'GET /v1/organisations': { body: { organisations: [PROPERTY] } },
      'GET /v1/units/jinxiu-garden%2Fengineering/scores': (call) =>
        call.accept === 'text/csv' ? { text: CSV, type: 'text/csv; charset=utf-8' } : { body: { unit: 'jinxiu-garden/engineering', period: '2026-11', points: 1.5, counts: {}, tickets: 40, compliance: 92.5, light: 'yellow' } },
    });
    const blobs: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:fake'), revokeObjectURL: () => {} }));
    const el = document.createElement('beacon-scores');
    Object.assign(el, { api, user: QA });
    el.period = '2026-11';
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('tr[data-unit]') !== null, 'the unit row');
    Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent?.trim() === '导出 CSV')!.click();
    await until(() => textOf(el).includes('已导出 scores-jinxiu-garden_engineering-2026-11.csv。'), 'the export notice');
    expect(calls.filter((c) => c.accept === 'text/csv').map((c) => c.url)).toEqual(['/v1/units/jinxiu-garden%2Fengineering/scores?period=2026-11']);
    expect(blobs).toHaveLength(1);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(CSV);
  });
});

describe('<beacon-scores> drill-down', () => {
  const ENTRIES = {
    unit: 'jinxiu-garden/engineering',
    from: '2026-11',
    to: '2026-11',
    nextCursor: null,
    items: [
      { source: 'ticket', id: 1, unit: 'jinxiu-garden/engineering', period: '2026-11', level: 'blue', points: 0.2, reachedAt: '2026-11-02T01:00:00.000Z', recordedAt: '2026-11-02T01:00:00.000Z', propertyId: 'jinxiu-garden', ticketId: 'JX-7', category: 'engineering', duty: null, company: null, voided: null },
      { source: 'ticket', id: 2, unit: 'jinxiu-garden/engineering', period: '2026-11', level: 'blue', points: 0.2, reachedAt: '2026-11-03T01:00:00.000Z', recordedAt: '2026-11-03T01:00:00.000Z', propertyId: 'jinxiu-garden', ticketId: 'JX-8', category: 'engineering', duty: null, company: null, voided: { reason: { zh: '非责任声明已受理', en: 'statement accepted' }, reversedAt: '2026-11-04T00:00:00.000Z' } },
    ],
  };

  it('opens a level’s entries for the unit and month, each linking to its ticket’s page', async () => {
    const { api, calls } = fakeApi({
      'GET /v1/organisations': { body: { organisations: [PROPERTY] } },
      'GET /v1/units/jinxiu-garden%2Fengineering/scores': { body: { unit: 'jinxiu-garden/engineering', period: '2026-11', points: 0.2, counts: { blue: 1 }, tickets: 40, compliance: 92.5, light: 'yellow' } },
      'GET /v1/units/jinxiu-garden%2Fengineering/ledger': { body: ENTRIES },
    });
    const el = document.createElement('beacon-scores');
    Object.assign(el, { api, user: QA });
    el.period = '2026-11';
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('tr[data-unit] [data-level="blue"] button') !== null, 'the blue count as a button');
    // A zero count is no button: nothing behind it.
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-level="blue"] button')!;
    expect(button.getAttribute('aria-label')).toBe('1：查看 工程部 的blue明细');
    button.click();
    await until(() => el.shadowRoot!.querySelector('a[data-ticket="JX-7"]') !== null, 'the entries');
    expect(calls.filter((c) => c.url.includes('/ledger')).map((c) => c.url)).toEqual(['/v1/units/jinxiu-garden%2Fengineering/ledger?period=2026-11&limit=500&level=blue']);
    expect(textOf(el)).toContain('工程部 2026-11 的 blue 明细');
    expect(el.shadowRoot!.querySelector('a[data-ticket="JX-7"]')!.getAttribute('href')).toBe('/tickets/JX-7');
    expect(el.shadowRoot!.querySelector('tr[data-entry="ticket:2"]')!.textContent).toContain('已撤销（非责任声明已受理），不计分');
    // Following the link navigates in the app, without a page load.
    let navigated = 0;
    window.addEventListener('beacon-navigate', () => navigated++, { once: true });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0 });
    el.shadowRoot!.querySelector<HTMLAnchorElement>('a[data-ticket="JX-8"]')!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(navigated).toBe(1);
  });

  it('opens every level’s entries from the points, and shows none when the unit has no entry', async () => {
    const { api, calls } = fakeApi({
      'GET /v1/organisations': { body: { organisations: [PROPERTY] } },
      'GET /v1/units/jinxiu-garden%2Fengineering/scores': { body: { unit: 'jinxiu-garden/engineering', period: '2026-11', points: 0, counts: {}, tickets: 40, compliance: 100, light: 'green' } },
    });
    const el = document.createElement('beacon-scores');
    Object.assign(el, { api, user: QA });
    el.period = '2026-11';
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('tr[data-unit]') !== null, 'the unit row');
    expect(el.shadowRoot!.querySelector('[data-field="points"] button')).toBeNull();
    expect(calls.some((c) => c.url.includes('/ledger'))).toBe(false);
  });
});
