import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPERTIES, generateTickets, sampleWindow, type GenerateOptions } from '../../bench/sample/generate-tickets.js';
import { checkSources, type SourceFile } from '../../engine/index.js';
import type { Ticket } from '../../engine/ticket.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const base: GenerateOptions = { count: 5_000, seed: 7, from: '2026-01-01', months: 6 };
const take = (options: Partial<GenerateOptions> = {}): Ticket[] => [...generateTickets({ ...base, ...options })];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

function shippedPolicies(dir = join(root, 'policies')): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? shippedPolicies(join(dir, e.name)) : e.name.endsWith('.sla') ? [{ uri: join(dir, e.name), text: readFileSync(join(dir, e.name), 'utf8') }] : [],
  );
}

/** The names the shipped group policy declares. */
function groupVocabulary() {
  const policy = checkSources(shippedPolicies()).policies.get('huayu-group');
  if (!policy) throw new Error('policies/group.sla no longer declares huayu-group');
  const members = (name: string) => new Set(policy.attributes.get(name)?.members.keys());
  return {
    categories: new Set(policy.enums.categories.keys()),
    tiers: new Set(policy.enums.tiers.keys()),
    events: new Set(policy.enums.events.keys()),
    flags: new Set(policy.enums.flags.keys()),
    kinds: members('kind'),
    channels: members('channel'),
    severities: members('severity'),
    matters: members('matter'),
  };
}

/** Issue keys some window of 7 days sees reported by >= 5% of the property's households. */
function keysCrossingShare(tickets: Ticket[], property: string): string[] {
  const households = DEFAULT_PROPERTIES.find((p) => p.id === property)!.households;
  const byKey = new Map<string, { at: number; household: string }[]>();
  for (const t of tickets) {
    if (t.property !== property || !t.issueKey) continue;
    const list = byKey.get(t.issueKey) ?? byKey.set(t.issueKey, []).get(t.issueKey)!;
    list.push({ at: Date.parse(t.createdAt), household: String(t.household) });
  }
  return [...byKey].filter(([, reports]) =>
    reports.some((first, i) => {
      const seen = new Set<string>();
      for (let j = i; j < reports.length && reports[j]!.at - first.at < 7 * 86_400_000; j++) seen.add(reports[j]!.household);
      return seen.size >= households * 0.05;
    }),
  ).map(([key]) => key);
}

describe('generateTickets', () => {
  const tickets = take();

  describe('for a seed', () => {
    it('yields the same tickets every time', () => {
      expect(take({ count: 300 })).toEqual(take({ count: 300 }));
    });

    it('yields other tickets for another seed', () => {
      expect(take({ count: 300, seed: 8 })).not.toEqual(take({ count: 300 }));
    });
  });

  it.each([0, 1, 37, 5_000])('yields exactly %i tickets when asked for them', (count) => {
    expect(take({ count })).toHaveLength(count);
  });

  it('numbers the tickets T-000001, T-000002, … in the order they were created', () => {
    expect(tickets.slice(0, 2).map((t) => t.id)).toEqual(['T-000001', 'T-000002']);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    const created = tickets.map((t) => Date.parse(t.createdAt));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('creates every ticket within the months asked for, and records no event after their end', () => {
    const { startMs, endMs } = sampleWindow(base);
    expect(sampleWindow(base).start).toBe('2026-01-01T00:00:00+08:00');
    expect(sampleWindow(base).end).toBe('2026-07-01T00:00:00+08:00');
    for (const t of tickets) {
      expect(Date.parse(t.createdAt)).toBeGreaterThanOrEqual(startMs);
      expect(Date.parse(t.events[t.events.length - 1]!.at)).toBeLessThan(endMs);
    }
  });

  describe('every ticket', () => {
    const vocabulary = groupVocabulary();
    /** Each ticket's problems, as "T-000042: …"; faster and clearer than an expect per field. */
    const problems = (check: (t: Ticket, report: (problem: string) => void) => void): string[] => {
      const found: string[] = [];
      for (const t of tickets) check(t, (problem) => found.push(`${t.id}: ${problem}`));
      return found.slice(0, 10);
    };

    it('has the contract’s required fields, compact optional ones, and its property’s unit and rooms', () => {
      const properties = new Map(DEFAULT_PROPERTIES.map((p) => [p.id, p]));
      expect(problems((t, report) => {
        const profile = properties.get(t.property);
        if (!/^T-\d{6}$/.test(t.id)) report(`id ${t.id}`);
        if (!profile) return report(`property ${t.property}`);
        if (!Object.values(profile.units).includes(t.unit) || !t.unit.startsWith(`${t.property}/`)) report(`unit ${t.unit}`);
        if (!ISO.test(t.createdAt)) report(`createdAt ${t.createdAt}`);
        if (!(profile.layout.buildings > 1 ? /^\d+-\d{3,4}$/ : /^\d{3,4}$/).test(String(t.household))) report(`household ${t.household}`);
        for (const [field, value] of Object.entries(t)) if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) report(`empty ${field}`);
      })).toEqual([]);
    });

    it('starts with received at createdAt and keeps its events in time order, each an ISO instant at +08:00', () => {
      expect(problems((t, report) => {
        if (t.events[0]?.type !== 'received' || t.events[0].at !== t.createdAt) report('does not start with received at createdAt');
        t.events.forEach((e, i) => {
          if (!ISO.test(e.at)) report(`${e.type} at ${e.at}`);
          if (i > 0 && Date.parse(e.at) < Date.parse(t.events[i - 1]!.at)) report(`${e.type} before ${t.events[i - 1]!.type}`);
        });
      })).toEqual([]);
    });

    it('uses only the categories, tiers, events, flags and attribute members that policies/group.sla declares', () => {
      expect(problems((t, report) => {
        const undeclared = (set: Set<string>, what: string, value: unknown): void => void (set.has(String(value)) || report(`${what} ${String(value)}`));
        undeclared(vocabulary.categories, 'category', t.category);
        undeclared(vocabulary.tiers, 'tier', t.priority);
        undeclared(vocabulary.kinds, 'kind', t.kind);
        undeclared(vocabulary.channels, 'channel', t.channel);
        undeclared(vocabulary.severities, 'severity', t.severity);
        if (t.matter !== undefined) undeclared(vocabulary.matters, 'matter', t.matter);
        for (const f of t.flags ?? []) undeclared(vocabulary.flags, 'flag', f);
        for (const e of t.events) undeclared(vocabulary.events, 'event', e.type);
      })).toEqual([]);
    });

    it('has an appointmentAt exactly when an appointment was set, after it was set', () => {
      expect(problems((t, report) => {
        const set = t.events.find((e) => e.type === 'appointment');
        if ((t.appointmentAt !== undefined) !== (set !== undefined)) report('appointmentAt without an appointment event, or the reverse');
        if (set && t.appointmentAt && Date.parse(t.appointmentAt) <= Date.parse(set.at)) report(`appointment for ${t.appointmentAt} set at ${set.at}`);
      })).toEqual([]);
    });

    it('pairs every pause with a later resume, and follows a reopening with another visit and resolution', () => {
      expect(problems((t, report) => {
        const types = t.events.map((e) => e.type);
        const paused = types.indexOf('paused');
        if (paused >= 0 && types.includes('resolved') && types.indexOf('resumed') < paused) report('paused, resolved, never resumed');
        const reopened = types.indexOf('reopened');
        if (reopened < 0) return;
        if (types.indexOf('resolved') > reopened) report('reopened before it was resolved');
        const after = types.slice(reopened);
        if (after.includes('resolved') && after.indexOf('arrived') > after.indexOf('resolved')) report('resolved again without a visit');
      })).toEqual([]);
    });
  });

  describe('over 5,000 tickets', () => {
    const vocabulary = groupVocabulary();
    const has = (test: (t: Ticket) => boolean) => tickets.filter(test).length;
    const hasEvent = (type: string) => (t: Ticket) => t.events.some((e) => e.type === type);

    it('uses every category, tier, kind and channel of the group policy', () => {
      expect(new Set(tickets.map((t) => t.category))).toEqual(vocabulary.categories);
      expect(new Set(tickets.map((t) => t.priority))).toEqual(vocabulary.tiers);
      expect(new Set(tickets.map((t) => t.kind))).toEqual(vocabulary.kinds);
      expect(new Set(tickets.map((t) => t.channel))).toEqual(vocabulary.channels);
    });

    it('spreads over every default property, mostly on weekdays and in the daytime', () => {
      expect(new Set(tickets.map((t) => t.property))).toEqual(new Set(DEFAULT_PROPERTIES.map((p) => p.id)));
      const local = tickets.map((t) => new Date(Date.parse(t.createdAt) + 8 * 3_600_000));
      const daytime = local.filter((d) => d.getUTCHours() >= 8 && d.getUTCHours() < 20).length;
      const weekend = local.filter((d) => d.getUTCDay() % 6 === 0).length;
      expect(daytime / tickets.length).toBeGreaterThan(0.7);
      expect(weekend / tickets.length).toBeLessThan(2 / 7);
      expect(daytime).toBeLessThan(tickets.length); // and some at night
    });

    it('receives tickets during the National Day holiday too', () => {
      const autumn = take({ count: 2_000, from: '2026-09-01', months: 2 });
      expect(autumn.filter((t) => t.createdAt >= '2026-10-01' && t.createdAt < '2026-10-08').length).toBeGreaterThan(0);
    });

    it('includes paused, reopened, still-open, second-complaint and flagged tickets', () => {
      expect(has(hasEvent('paused'))).toBeGreaterThan(50);
      expect(has(hasEvent('reopened'))).toBeGreaterThan(20);
      expect(has((t) => !hasEvent('resolved')(t))).toBeGreaterThan(20);
      expect(has((t) => (t.repeatCount ?? 0) >= 1)).toBeGreaterThan(5);
      expect(has((t) => (t.flags ?? []).length > 0)).toBeGreaterThan(20);
      expect(has((t) => t.appointmentAt !== undefined)).toBeGreaterThan(500);
    });

    it('resolves some tickets weeks after they were received (late enough for a red warning)', () => {
      const days = (t: Ticket) => {
        const resolved = t.events.find((e) => e.type === 'resolved');
        return resolved ? (Date.parse(resolved.at) - Date.parse(t.createdAt)) / 86_400_000 : 0;
      };
      expect(has((t) => days(t) > 16)).toBeGreaterThan(5);
      expect(has((t) => days(t) <= 1) / tickets.length).toBeGreaterThan(0.75);
    });

    it('has issues that >= 5% of a property’s households report within 7 days', () => {
      expect(keysCrossingShare(tickets, 'jinxiu-garden').length).toBeGreaterThan(0);
      expect(keysCrossingShare(tickets, 'sunrise-garden').length).toBeGreaterThan(0);
    });
  });

  it('generates 100,000 tickets', () => {
    let n = 0;
    for (const t of generateTickets({ ...base, count: 100_000 })) if (t.events.length > 0) n++;
    expect(n).toBe(100_000);
  });

  it('accepts its own property profiles', () => {
    const [only] = DEFAULT_PROPERTIES;
    const units = Object.fromEntries(Object.entries(only!.units).map(([category, unit]) => [category, unit.replace(only!.id, 'lakeside')]));
    const mine = take({ count: 200, properties: [{ ...only!, id: 'lakeside', units }] });
    expect(new Set(mine.map((t) => t.property))).toEqual(new Set(['lakeside']));
    expect(mine.every((t) => t.unit.startsWith('lakeside/'))).toBe(true);
  });
});
