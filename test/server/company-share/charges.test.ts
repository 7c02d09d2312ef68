// The company share in the sweep, on the shipped import: jinxiu-garden (1,860 households)
// and xinghe-tower (320) under one branch, 2,180 households: 5% is 109 households.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../engine/index.js';
import { chargeCompanyShare } from '../../../server/company-share/charges.js';
import { startTestServer, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
let branch: string;
const T0 = Date.parse('2026-03-02T08:00:00+08:00');

const complaint = (i: number, extra: Record<string, unknown> = {}): Ticket =>
  ticket({
    id: `JX-CS-${i}`,
    kind: 'complaint',
    channel: 'platform',
    issueKey: 'lift-outage',
    household: `3-${i}`,
    createdAt: new Date(T0 + i * 60_000).toISOString(),
    events: [{ type: 'received', at: new Date(T0 + i * 60_000).toISOString() }],
    ...extra,
  }) as unknown as Ticket;

beforeAll(async () => {
  server = await startTestServer();
  const property = await server.store.repository.getOrganisation('jinxiu-garden');
  branch = property.parentId!;
}, 120_000);
afterAll(async () => server?.close());

describe('chargeCompanyShare', () => {
  it('raises one red for the branch when the 109th household reports the problem, and none for inquiries or later reports', async () => {
    const repo = server.store.repository;
    const deps = { repository: repo, policies: server.app.locals.policies };
    const at = new Date(T0 + 2 * 86_400_000);
    // 108 households' platform complaints (4.95%) and 30 inquiries about the same problem: no red.
    for (let i = 0; i < 108; i++) await repo.upsertTicket(complaint(i));
    for (let i = 0; i < 30; i++) await repo.upsertTicket(complaint(200 + i, { kind: 'inquiry' }));
    expect(await chargeCompanyShare(deps, at)).toEqual([]);
    // The 109th household: one red, 1 point, charged to the branch, in March.
    await repo.upsertTicket(complaint(108));
    for (let i = 109; i < 124; i++) await repo.upsertTicket(complaint(i));
    const raised = await chargeCompanyShare(deps, at);
    expect(raised.map((e) => [e.companyId, e.cluster, e.ticketId, e.households, e.total, e.level, e.points, e.unit, e.period])).toEqual([
      [branch, 'lift-outage', 'JX-CS-108', 109, 2180, 'red', 1, branch, '2026-03'],
    ]);
    expect(await chargeCompanyShare(deps, at)).toEqual([]);
    expect(await repo.unitScores(branch, '2026-03')).toEqual({ unit: branch, period: '2026-03', points: 1, counts: { red: 1 } });
    expect((await repo.unitScoreParts(branch, '2026-03')).company).toEqual({ points: 1, counts: { red: 1 } });
  });
});
