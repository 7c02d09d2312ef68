import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SimulationReport } from '../../engine/index.js';
import { run, tempTree } from './helpers.js';

const POLICIES = fileURLToPath(new URL('../../policies', import.meta.url));
const SHIPPED = 'policies/properties/jinxiu-garden.sla';
const DRAFT = 'drafts/jinxiu-garden.sla';
const AT = '2026-03-06T12:00:00+08:00';

/**
 * A draft of jinxiu-garden (same id: it is meant to replace the shipped file) with
 * tighter targets: repairs contacted within 15 minutes instead of 30, important
 * tickets resolved within 24 hours instead of 48, and, for 004's ladder, important platform
 * complaints without a reported completion time given a 24 h fallback of the property's own
 * (the shipped group gives them none: no rule book does).
 */
const draft = `property jinxiu-garden "锦绣花园（草案：收紧时限）" extends huayu-group
param review_within = 2h
param contact_within = 15m
param complaint_contact_within = 2h
param revisit_within = 2 workdays
param resolve_urgent = 4h
param resolve_important = 24h
clock platform_resolve {
  target {
    */important: deadline plan_completion else 24h
  }
}
`;

const base = { property: 'jinxiu-garden', channel: 'phone' };

/** Contacted 20 minutes after acceptance and resolved on time: met under 30m, breached under 15m. */
const repair = {
  ...base,
  id: 'JX-1',
  unit: 'jinxiu-garden/engineering',
  category: 'engineering',
  priority: 'general',
  kind: 'repair',
  createdAt: '2026-03-05T08:00:00+08:00',
  events: [
    { type: 'received', at: '2026-03-05T08:00:00+08:00' },
    { type: 'accepted', at: '2026-03-05T08:10:00+08:00' },
    { type: 'contacted', at: '2026-03-05T08:30:00+08:00' },
    { type: 'resolved', at: '2026-03-05T12:00:00+08:00' },
  ],
};

/**
 * Important and still open after 4 days 2 hours, with no reported completion time: under the shipped
 * policy 004's ladder has no due time for it; under the draft's 24 h fallback it is 3 days late (blue).
 * Made on the group platform: 004《集团客服信息平台物业服务类信息管理办法》第十一条's warnings reach
 * only platform complaints.
 */
const important = {
  ...base,
  channel: 'platform',
  id: 'JX-2',
  unit: 'jinxiu-garden/order',
  category: 'order',
  priority: 'important',
  kind: 'complaint',
  createdAt: '2026-03-02T10:00:00+08:00',
  events: [{ type: 'received', at: '2026-03-02T10:00:00+08:00' }],
};

/** Untouched by the draft: resolved well within 24 h. */
const unchanged = {
  ...base,
  id: 'JX-3',
  unit: 'jinxiu-garden/cleaning',
  category: 'cleaning',
  priority: 'general',
  kind: 'complaint',
  createdAt: '2026-03-05T09:00:00+08:00',
  events: [
    { type: 'received', at: '2026-03-05T09:00:00+08:00' },
    { type: 'resolved', at: '2026-03-05T15:00:00+08:00' },
  ],
};

const ndjson = (...tickets: unknown[]) => `${tickets.map((t) => JSON.stringify(t)).join('\n')}\n`;

/** A temp folder with a copy of the shipped policies, the draft and the given files. */
function workspace(files: Record<string, string>): string {
  const dir = tempTree({ [DRAFT]: draft, ...files });
  cpSync(POLICIES, join(dir, 'policies'), { recursive: true });
  return dir;
}

async function simulateJson(dir: string, ...extra: string[]): Promise<{ code: number; report: SimulationReport & { badLines: number }; err: string }> {
  const r = await run(dir, 'simulate', '--from', SHIPPED, '--to', DRAFT, 'tickets.ndjson', '--at', AT, '--json', ...extra);
  return { code: r.code, report: JSON.parse(r.out) as SimulationReport & { badLines: number }, err: r.err };
}

describe('beacon simulate', () => {
  describe('with a draft that tightens targets', () => {
    it('counts clock states under each policy: the 20-minute contact is met under 30m and breached under 15m', async () => {
      const dir = workspace({ 'tickets.ndjson': ndjson(repair, important, unchanged) });
      const { code, report } = await simulateJson(dir);
      expect(code).toBe(0);
      expect(report.tickets).toBe(3);
      expect(report.at).toBe(AT);
      expect(report.from.policy).toBe('jinxiu-garden');
      expect(report.to.policy).toBe('jinxiu-garden');
      expect(report.counts.from.clocks['contact']).toEqual({ met: 1 });
      expect(report.counts.to.clocks['contact']).toEqual({ breached: 1 });
    });

    it('moves a ticket into a blue warning and charges its unit and cell the 0.2 points', async () => {
      const dir = workspace({ 'tickets.ndjson': ndjson(repair, important, unchanged) });
      const { report } = await simulateJson(dir);
      expect(report.counts.from.warnings).toEqual({ none: 3 });
      expect(report.counts.to.warnings).toEqual({ none: 2, blue: 1 });
      expect(report.counts.from.points).toBe(0);
      expect(report.counts.to.points).toBe(0.2);
      expect(report.penaltiesByUnit).toEqual([{ unit: 'jinxiu-garden/order', from: 0, to: 0.2, delta: 0.2 }]);
      expect(report.penaltiesByCell).toEqual([{ category: 'order', priority: 'important', from: 0, to: 0.2, delta: 0.2 }]);
    });

    it('lists only the tickets whose outcome changed, with the reasons under the draft', async () => {
      const dir = workspace({ 'tickets.ndjson': ndjson(repair, important, unchanged) });
      const { report } = await simulateJson(dir);
      expect(report.changed.count).toBe(2);
      expect(report.changed.examples.map((e) => e.ticketId)).toEqual(['JX-1', 'JX-2']);
      const [contact, blue] = report.changed.examples;
      expect(contact?.from.clocks['contact']).toBe('met');
      expect(contact?.to.clocks['contact']).toBe('breached');
      expect(contact?.explanation.to.map((r) => r.en)).toContain('contact: due 03-05 08:25, done 03-05 08:30: 5 min late');
      expect(blue?.from).toMatchObject({ warning: 'none', points: 0 });
      expect(blue?.to).toMatchObject({ warning: 'blue', points: 0.2 });
      expect(blue?.explanation.to.map((r) => r.en)).toContainEqual(expect.stringMatching(/^blue: overdue\(platform_resolve\) >= 3d \(actually 3d2h late/));
    });

    it('prints the same difference as a readable report', async () => {
      const dir = workspace({ 'tickets.ndjson': ndjson(repair, important, unchanged) });
      const r = await run(dir, 'simulate', '--from', SHIPPED, '--to', DRAFT, 'tickets.ndjson', '--at', AT);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Simulated 3 tickets at ${AT}: jinxiu-garden -> jinxiu-garden`);
      expect(r.out).toContain('  blue: 0 -> 1');
      expect(r.out).toContain('  contact: met 1->0, breached 0->1');
      expect(r.out).toContain('penalty points: 0 -> 0.2');
      expect(r.out).toContain('  jinxiu-garden/order: 0 -> 0.2 (+0.2)');
      expect(r.out).toContain('  order/important: 0 -> 0.2 (+0.2)');
      expect(r.out).toContain('changed tickets: 2');
      expect(r.out).toContain('  JX-2: none 0 -> blue 0.2');
    });

    it('finds no change when the draft is the shipped policy itself', async () => {
      const dir = workspace({ 'tickets.ndjson': ndjson(repair, important, unchanged) });
      const r = await run(dir, 'simulate', '--from', SHIPPED, '--to', SHIPPED, 'tickets.ndjson', '--at', AT, '--json');
      const report = JSON.parse(r.out) as SimulationReport;
      expect(report.changed).toEqual({ count: 0, examples: [] });
      expect(report.counts.to).toEqual(report.counts.from);
    });
  });

  describe('with lines that are not tickets', () => {
    const lines = [JSON.stringify(repair), 'not json at all', JSON.stringify(important), '', JSON.stringify({ ...unchanged, unit: undefined }), JSON.stringify(unchanged)].join('\n');

    it('reports each bad line on stderr with its line number and goes on with the rest', async () => {
      const dir = workspace({ 'tickets.ndjson': `${lines}\n` });
      const r = await run(dir, 'simulate', '--from', SHIPPED, '--to', DRAFT, 'tickets.ndjson', '--at', AT);
      expect(r.code).toBe(0);
      // The wording is the reader's; what is pinned is file:line, the code, and the pointer of the field.
      expect(r.err).toMatch(/^tickets\.ndjson:2: E201 .*not JSON/m);
      expect(r.err).toMatch(/^tickets\.ndjson:5: E201 \/unit /m);
      expect(r.err).not.toMatch(/tickets\.ndjson:4:/);
      expect(r.out).toContain('Simulated 3 tickets');
    });

    it('counts the bad lines in the JSON report', async () => {
      const dir = workspace({ 'tickets.ndjson': `${lines}\n` });
      const { code, report } = await simulateJson(dir);
      expect(code).toBe(0);
      expect(report.tickets).toBe(3);
      expect(report.badLines).toBe(2);
    });

    it('skips tickets that use words one of the policies does not know, with their errors', async () => {
      const dir = workspace({ 'tickets.ndjson': ndjson(repair, { ...unchanged, id: 'JX-9', category: 'parking' }) });
      const { report } = await simulateJson(dir);
      expect(report.tickets).toBe(2);
      expect(report.skipped.count).toBe(1);
      expect(report.skipped.examples[0]?.ticketId).toBe('JX-9');
      expect(report.skipped.examples[0]?.errors[0]).toMatchObject({ code: 'E202', pointer: '/category' });
    });
  });

  describe('when called wrongly', () => {
    it('exits 2 without --to', async () => {
      const dir = workspace({ 'tickets.ndjson': ndjson(repair) });
      const r = await run(dir, 'simulate', '--from', SHIPPED, 'tickets.ndjson', '--at', AT);
      expect(r.code).toBe(2);
      expect(r.err).toContain('simulate needs --from, --to and a tickets file');
    });

    it('exits 2 without a tickets file', async () => {
      const dir = workspace({});
      const r = await run(dir, 'simulate', '--from', SHIPPED, '--to', DRAFT, '--at', AT);
      expect(r.code).toBe(2);
      expect(r.err).toContain('simulate needs --from, --to and a tickets file');
    });

    it('exits 2 naming a tickets file that does not exist', async () => {
      const dir = workspace({});
      const r = await run(dir, 'simulate', '--from', SHIPPED, '--to', DRAFT, 'missing.ndjson', '--at', AT);
      expect(r.code).toBe(2);
      expect(r.err).toContain('No such file: missing.ndjson');
    });

    it('exits 1 with the code frame when the draft does not check', async () => {
      const dir = workspace({ 'tickets.ndjson': ndjson(repair), [DRAFT]: draft.replace('param contact_within = 15m', 'param contact_within = 15') });
      const r = await run(dir, 'simulate', '--from', SHIPPED, '--to', DRAFT, 'tickets.ndjson', '--at', AT);
      expect(r.code).toBe(1);
      expect(r.err).toContain('drafts/jinxiu-garden.sla:3:24: error C301');
      expect(r.out).toBe('');
    });
  });
});
