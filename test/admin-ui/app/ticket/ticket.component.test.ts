// @vitest-environment happy-dom
// A ticket's page (/tickets/{id}, what a score's ledger entry opens): the stored ticket
// from GET /v1/tickets/{id}, its fields and events; a 403 said as such.
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../admin-ui/src/app/ticket/ticket.js';
import type { User } from '../../../../admin-ui/src/api/index.js';
import { fakeApi, textOf, until } from '../dom.js';

const MIA: User = { id: 'u2', name: 'mia', role: 'manager', properties: ['jinxiu-garden'], createdAt: '2026-12-01T00:00:00Z', disabledAt: null };

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<beacon-ticket>', () => {
  it('shows the stored ticket’s fields and its events in order', async () => {
    const { api, calls } = fakeApi({
      'GET /v1/tickets/JX%2F7': {
        body: { id: 'JX/7', property: 'jinxiu-garden', unit: 'jinxiu-garden/engineering', category: 'engineering', priority: 'urgent', kind: 'repair', channel: 'phone', createdAt: '2026-03-02T07:55:00+08:00', events: [{ type: 'received', at: '2026-03-02T07:55:00+08:00' }, { type: 'accepted', at: '2026-03-02T08:00:00+08:00', by: 'desk' }] },
      },
    });
    const el = document.createElement('beacon-ticket');
    Object.assign(el, { api, user: MIA, ticketId: 'JX/7' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('tr[data-event]') !== null, 'the events');
    expect(calls.map((c) => c.url)).toEqual(['/v1/tickets/JX%2F7']);
    expect(textOf(el)).toContain('工单 JX/7');
    expect(el.shadowRoot!.querySelector('[data-field="unit"]')!.textContent).toBe('jinxiu-garden/engineering');
    expect(Array.from(el.shadowRoot!.querySelectorAll('tr[data-event]')).map((r) => r.getAttribute('data-event'))).toEqual(['received', 'accepted']);
  });

  it('says when the ticket is of a property not the user’s', async () => {
    const { api } = fakeApi({ 'GET /v1/tickets/XT-1': { status: 403, body: { type: 'https://beacon.example/problems/forbidden', title: 'Forbidden', status: 403, detail: 'xinghe-tower is not yours', errors: [{ code: 'H403', pointer: '' }] } } });
    const el = document.createElement('beacon-ticket');
    Object.assign(el, { api, user: MIA, ticketId: 'XT-1' });
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(textOf(el)).toContain('你的角色无权查看此页面');
  });
});
