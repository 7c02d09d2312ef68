// 002's rates in the unit scores, worked out by hand from the tickets below (jinxiu-garden
// has 1,860 households in its store record):
// - JX-R1 resolved then revisited; JX-R2 resolved, never revisited; JX-R3 revisited, then
//   reopened and resolved again with no revisit since; JX-R4 not resolved. Revisit rate
//   1 of 3 resolved = 33.3%, short of 100%.
// - complaints JX-R3 and JX-R4: 2 valid per 1,860 households = 1.0753‰ → 1.08‰, above 1‰.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../engine/index.js';
import { checkSources, compile } from '../../../engine/index.js';
import { rateTargets, ratesOf } from '../../../server/scores/rates.js';
import { signInUsers, startTestServer, ticket, type TestServer } from '../app/helper.js';

const NOW = new Date('2026-03-10T00:00:00Z');
const ev = (type: string, at: string) => ({ type, at: `2026-03-${at}+08:00` });
const tickets = [
  ticket({ id: 'JX-R1', events: [ev('received', '02T08:00'), ev('accepted', '02T08:05'), ev('resolved', '02T10:00'), ev('revisited', '03T10:00')] }),
  ticket({ id: 'JX-R2', events: [ev('received', '02T08:00'), ev('accepted', '02T08:05'), ev('resolved', '02T11:00')] }),
  ticket({
    id: 'JX-R3',
    kind: 'complaint',
    events: [ev('received', '02T08:00'), ev('accepted', '02T08:05'), ev('resolved', '02T12:00'), ev('revisited', '02T13:00'), ev('reopened', '02T14:00'), ev('resolved', '02T15:00')],
  }),
  ticket({ id: 'JX-R4', kind: 'complaint', events: [ev('received', '02T08:00'), ev('accepted', '02T08:05')] }),
] as unknown as Ticket[];

let server: TestServer;
let ada: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  for (const t of tickets) {
    const res = await fetch(`${server.url}/v1/tickets/${t.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...server.auth }, body: JSON.stringify(t) });
    if (res.status !== 201) throw new Error(`${t.id}: ${res.status} ${await res.text()}`);
  }
  ada = (await signInUsers(server, { ada: { role: 'admin' } }))['ada']!;
}, 120_000);
afterAll(async () => server?.close());

describe('GET /v1/units/{unit}/scores: rates and parts', () => {
  it('reports the revisit rate and the valid complaint rate per thousand households', async () => {
    const res = await fetch(`${server.url}/v1/units/jinxiu-garden%2Fengineering/scores?period=2026-03`, { headers: ada });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body['rates']).toEqual({
      revisit: { resolved: 3, revisited: 1, percent: 33.3, target: 100, met: false },
      validComplaints: { complaints: 2, invalid: 0, valid: 2, households: 1860, perMille: 1.08, limitPerMille: 1, advisory: true, within: false },
    });
    expect(body['parts'].voided).toEqual({ points: 0, counts: {} });
    expect(body['points']).toBe(Math.round((body['parts'].charged.points - body['parts'].voided.points + body['parts'].duties.points) * 100) / 100);
  });

  it('has no rates in a month without tickets', async () => {
    const body = (await (await fetch(`${server.url}/v1/units/jinxiu-garden%2Fengineering/scores?period=2026-04`, { headers: ada })).json()) as Record<string, unknown>;
    expect(body['rates']).toBeNull();
  });
});

describe('ratesOf', () => {
  it('counts a complaint made invalid out of the valid ones, and has no per-mille without households', async () => {
    const { compiled } = await server.app.locals.policies.forProperty('jinxiu-garden');
    const atMs = NOW.getTime();
    // JX-R4's statement accepted: its evaluation reports a level voided.
    let n = 0;
    const oneVoided = () => (++n === 2 ? [{ level: 'blue' }] : []);
    expect(ratesOf(compiled, tickets, 1860, atMs, oneVoided).validComplaints).toMatchObject({ complaints: 2, invalid: 1, valid: 1, perMille: 0.54, within: true });
    expect(ratesOf(compiled, tickets, 0, atMs).validComplaints).toMatchObject({ perMille: null, within: null });
  });

  it('does not count a revisit recorded after the instant asked about', async () => {
    const { compiled } = await server.app.locals.policies.forProperty('jinxiu-garden');
    const before = Date.parse('2026-03-03T09:00:00+08:00');
    expect(ratesOf(compiled, tickets, 1860, before).revisit).toEqual({ resolved: 3, revisited: 0, percent: 0, target: 100, met: false });
  });

  it('takes its targets from the policy: a property that asks a 95% revisit rate and 0.5‰ valid complaints is judged by them', async () => {
    const { compiled } = await server.app.locals.policies.forProperty('jinxiu-garden');
    expect(rateTargets(compiled)).toEqual({ revisitPercent: 100, validComplaintPerMille: 1 });
    const own = compile(
      checkSources([{ uri: 'p.sla', text: 'property p "p"\nzone "Asia/Shanghai"\ncategories { engineering "工程" }\ntiers { general "一般" }\nparam revisit_rate: percent = 95%\nparam valid_complaint_rate: percent = 0.05%\n' }]).policies.get('p')!,
    ).value!;
    expect(rateTargets(own)).toEqual({ revisitPercent: 95, validComplaintPerMille: 0.5 });
    // 2 valid complaints in 3,000 households: 0.67‰, within 002's 1‰ but not this policy's 0.5‰.
    expect(ratesOf(own, tickets, 3000, NOW.getTime()).validComplaints).toMatchObject({ perMille: 0.67, limitPerMille: 0.5, within: false });
  });

  it('falls back to 002 (100%, 1‰) for a policy that states neither', () => {
    const bare = compile(checkSources([{ uri: 'b.sla', text: 'property b "b"\nzone "Asia/Shanghai"\ncategories { engineering "工程" }\ntiers { general "一般" }\n' }]).policies.get('b')!).value!;
    expect(rateTargets(bare)).toEqual({ revisitPercent: 100, validComplaintPerMille: 1 });
  });
});
