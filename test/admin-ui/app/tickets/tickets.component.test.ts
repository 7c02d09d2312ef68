// @vitest-environment happy-dom
// Tickets now in happy-dom, GET /v1/tickets faked at fetch.
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../admin-ui/src/app/tickets/tickets.js';
import type { TicketRow, User } from '../../../../admin-ui/src/api/index.js';
import { fakeApi, textOf, until } from '../dom.js';

const ADA: User = { id: 'u1', name: 'ada', role: 'admin', properties: [], createdAt: '2026-12-01T00:00:00Z', disabledAt: null };
const PROPERTY = { id: 'jinxiu-garden', kind: 'property', name: '锦绣花园', parentId: 'default', createdAt: '2026-01-01T00:00:00Z', households: 1200, timeZone: 'Asia/Shanghai', units: [{ id: 'jinxiu-garden/engineering', name: '工程部' }] };

function row(id: string, dueInMinutes: number | null, breached: string[] = []): TicketRow {
  return {
    id,
    propertyId: 'jinxiu-garden',
    unit: 'jinxiu-garden/engineering',
    category: 'engineering',
    priority: 'urgent',
    kind: 'repair',
    channel: 'phone',
    createdAt: '2026-12-03T00:00:00Z',
    state: 'open',
    nextDue: dueInMinutes === null ? null : { clock: 'response', at: new Date(Date.now() + dueInMinutes * 60_000).toISOString() },
    breached,
    warning: breached.length > 0 ? 'red' : null,
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<beacon-tickets>', () => {
  it('lists breached, then due within the hour, then the rest, with names for ids', async () => {
    const { api, calls } = fakeApi({
      'GET /v1/organisations': { body: { organisations: [PROPERTY] } },
      'GET /v1/tickets': { body: { items: [row('later', 180), row('none', null), row('soon', 20), row('breached', 600, ['resolution'])], nextCursor: null } },
    });
    const el = document.createElement('beacon-tickets');
    Object.assign(el, { api, user: ADA });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelectorAll('tbody tr').length === 4, 'four rows');
    expect(Array.from(el.shadowRoot!.querySelectorAll('tbody tr')).map((r) => r.getAttribute('data-ticket'))).toEqual(['breached', 'soon', 'later', 'none']);
    expect(textOf(el)).toContain('共 4 张工单，其中 2 张已超时或一小时内到期');
    expect(el.shadowRoot!.querySelector('tbody tr')!.textContent).toContain('工程部');
    expect(calls.find((c) => c.url.startsWith('/v1/tickets'))!.url).toBe('/v1/tickets?state=open&limit=100');
    el.remove();
  });

  it('asks again with the property and state chosen', async () => {
    const { api, calls } = fakeApi({
      'GET /v1/organisations': { body: { organisations: [PROPERTY] } },
      'GET /v1/tickets': { body: { items: [], nextCursor: null } },
    });
    const el = document.createElement('beacon-tickets');
    Object.assign(el, { api, user: ADA });
    document.body.append(el);
    await until(() => textOf(el).includes('没有符合条件的工单。') && el.shadowRoot!.querySelectorAll('select[name="property"] option').length === 2, 'the empty list and the properties');
    const property = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="property"]')!;
    property.value = 'jinxiu-garden';
    property.dispatchEvent(new Event('change'));
    const state = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="state"]')!;
    state.value = 'breached';
    state.dispatchEvent(new Event('change'));
    const asked = (): Record<string, string>[] => calls.filter((c) => c.url.startsWith('/v1/tickets')).map((c) => Object.fromEntries(new URL(c.url, 'http://x').searchParams));
    // Both changes land in one update: one more request, with both.
    await until(() => asked().length === 2, 'a second request');
    expect(asked()[1]).toEqual({ property: 'jinxiu-garden', state: 'breached', limit: '100' });
    el.remove();
  });

  it('refuses a due-before outside 1970..2200 without asking the server', async () => {
    const { api, calls } = fakeApi({ 'GET /v1/organisations': { body: { organisations: [PROPERTY] } }, 'GET /v1/tickets': { body: { items: [], nextCursor: null } } });
    const el = document.createElement('beacon-tickets');
    Object.assign(el, { api, user: ADA });
    document.body.append(el);
    await until(() => calls.length >= 2, 'the first load');
    const before = calls.length;
    const due = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="dueBefore"]')!;
    due.value = '2300-01-01T00:00';
    due.dispatchEvent(new Event('change'));
    await until(() => textOf(el).includes('“到期早于”需在 1970 年至 2200 年之间。'), 'the refusal');
    expect(calls.length).toBe(before);
    el.remove();
  });
});
