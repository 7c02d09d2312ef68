import { describe, expect, it } from 'vitest';
import { clockRows, evaluateUnder, parseTicketInput, ticketLabel, traceLine } from '../../../admin-ui/src/panels/try-ticket/evaluate-sides.js';
import { fixture, JINXIU, newProperty } from '../fixtures.js';

const ticket = {
  id: 'T-1',
  property: 'jinxiu-garden',
  unit: 'jinxiu-garden/engineering',
  category: 'engineering',
  priority: 'urgent',
  createdAt: '2026-03-02T07:55:00+08:00',
  kind: 'repair',
  channel: 'phone',
  events: [
    { type: 'received', at: '2026-03-02T07:55:00+08:00' },
    { type: 'dispatched', at: '2026-03-02T07:58:00+08:00' },
    { type: 'accepted', at: '2026-03-02T08:00:00+08:00' },
    { type: 'contacted', at: '2026-03-02T08:12:00+08:00' },
  ],
};
const AT = '2026-03-02T09:00:00+08:00';

describe('parseTicketInput', () => {
  it('takes one ticket, an array, a stored ticket or an evaluate request', () => {
    expect(parseTicketInput(JSON.stringify(ticket))).toEqual({ ok: true, tickets: [ticket] });
    expect(parseTicketInput(JSON.stringify([ticket, { ticket }]))).toEqual({ ok: true, tickets: [ticket, ticket] });
    expect(parseTicketInput(JSON.stringify({ ticket, at: AT }))).toEqual({ ok: true, tickets: [ticket] });
  });

  it('refuses what is not tickets, with a reason', () => {
    expect(parseTicketInput('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseTicketInput('{"id": ')).toMatchObject({ ok: false, problem: 'json' });
    expect(parseTicketInput('[1, 2]')).toEqual({ ok: false, problem: 'shape' });
    expect(parseTicketInput('[]')).toEqual({ ok: false, problem: 'shape' });
    expect(parseTicketInput(JSON.stringify(Array.from({ length: 1001 }, () => ({}))))).toEqual({ ok: false, problem: 'tooMany' });
    expect(parseTicketInput(`"${'x'.repeat(1_000_001)}"`)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('labels tickets for the picker', () => {
    expect(ticketLabel(ticket, 0)).toBe('T-1 · engineering/urgent');
    expect(ticketLabel({}, 4)).toBe('#5');
  });
});

describe('evaluateUnder', () => {
  const jinxiu = fixture(JINXIU);

  it('evaluates under the draft and the active text side by side, marking the clocks that differ', () => {
    const draft = jinxiu.text.replace('engineering/urgent: 10m', 'engineering/urgent: 15m');
    const underDraft = evaluateUnder(JINXIU, draft, jinxiu.related, ticket, AT);
    const underActive = evaluateUnder(JINXIU, jinxiu.text, jinxiu.related, ticket, AT);
    const rows = clockRows(underDraft.result, underActive.result);
    const contact = rows.find((r) => r.name === 'contact');
    expect(contact).toMatchObject({ label: '维修：联系报事人', changed: true, draft: { state: 'met' }, active: { state: 'breached' } });
    expect(contact?.active?.reason.zh).toMatch(/联系报事人/);
    expect(contact?.active?.reason.en).toMatch(/^contact/);
    expect(rows.filter((r) => r.changed).map((r) => r.name)).toEqual(['contact']);
  });

  it('marks a clock whose due time moves even while its state is the same', () => {
    const open = { ...ticket, events: ticket.events.slice(0, 3) };
    const draft = jinxiu.text.replace('engineering/urgent: 10m', 'engineering/urgent: 15m');
    const rows = clockRows(evaluateUnder(JINXIU, draft, jinxiu.related, open, '2026-03-02T08:05:00+08:00').result, evaluateUnder(JINXIU, jinxiu.text, jinxiu.related, open, '2026-03-02T08:05:00+08:00').result);
    expect(rows.find((r) => r.name === 'contact')).toMatchObject({
      changed: true,
      draft: { state: 'running', dueAt: '2026-03-02T08:15:00+08:00' },
      active: { state: 'running', dueAt: '2026-03-02T08:10:00+08:00' },
    });
  });

  it('gives each trace entry the line of its rule', () => {
    const { trace } = evaluateUnder(JINXIU, jinxiu.text, jinxiu.related, ticket, AT);
    expect(trace.find((t) => t.rule === 'clock contact')).toMatchObject({ uri: JINXIU, line: 21, outcome: 'breached' });
    // respond (001 二(二)) reaches urgent complaints only: on this repair its `applies to` line decides.
    expect(trace.find((t) => t.rule === 'clock respond applies to')).toMatchObject({ uri: 'policies/group.sla', line: 363, outcome: 'excluded' });
  });

  it('names the ticket field that is wrong', () => {
    const { problems, result } = evaluateUnder(JINXIU, jinxiu.text, jinxiu.related, { ...ticket, category: 'enginering' }, AT);
    expect(result).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ code: 'E202', pointer: '/ticket/category' })]);
  });

  it('says why a policy with unfilled placeholders cannot evaluate', () => {
    const f = newProperty();
    const { problems } = evaluateUnder(f.path, f.text, f.related, ticket, AT);
    expect(problems[0]).toMatchObject({ code: 'E101', line: 1 });
  });

  it('reads a trace source that names a file with a colon in it', () => {
    expect(traceLine({ rule: 'r', source: 'library:cal.sla:12:3', outcome: 'x' })).toEqual({ rule: 'r', outcome: 'x', uri: 'library:cal.sla', line: 12 });
    expect(traceLine({ rule: 'r', source: null, outcome: 'x' })).toEqual({ rule: 'r', outcome: 'x' });
  });
});
