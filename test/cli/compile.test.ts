import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { run, tempTree } from './helpers.js';

const POLICIES = fileURLToPath(new URL('../../policies', import.meta.url));
const XINGHE = 'policies/properties/xinghe-tower.sla';

interface Compiled {
  policy: string;
  engine: string;
  rules: RuleProperties[];
}

/** A temp folder with a copy of the shipped policies as ./policies. */
function workspace(): string {
  const dir = tempTree({});
  cpSync(POLICIES, join(dir, 'policies'), { recursive: true });
  return dir;
}

async function compileJson(policy: string): Promise<Compiled> {
  const r = await run(workspace(), 'compile', '--target', 'json-rules-engine', '--policy', policy);
  expect(r.code).toBe(0);
  expect(r.err).toBe('');
  return JSON.parse(r.out) as Compiled;
}

/** The warning levels json-rules-engine raises for these facts, lowest first. */
async function levels(rules: RuleProperties[], facts: Record<string, unknown>): Promise<string[]> {
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  const { events } = await engine.run(facts);
  return events.map((e) => String(e.params?.['level'])).sort((a, b) => ['blue', 'yellow', 'red'].indexOf(a) - ['blue', 'yellow', 'red'].indexOf(b));
}

/**
 * Facts of a complaint at xinghe-tower: the platform_resolve clock's lateness (004's ladder), flags, repeat count and
 * household share. It comes through the group platform unless told otherwise, since 004《集团客服
 * 信息平台物业服务类信息管理办法》第十一条's warnings reach only platform complaints.
 */
/**
 * The share fact of the group's share(issueKey, share_window, households(), kind = complaint and
 * channel = platform): window 43200 min, the property's record, and the filter as written
 * (platform complaints only, as the company-wide share counts).
 */
const SHARE = 'issueKey/43200/households()/kind = complaint and channel = platform';

function facts(o: { lateMinutes?: number; flags?: string[]; repeatCount?: number; share?: number; shareBefore?: number; channel?: string } = {}): Record<string, unknown> {
  const late = { minutes: o.lateMinutes ?? 0, workdays: Math.floor((o.lateMinutes ?? 0) / 1440) };
  return {
    ticket: { id: 'XH-1', property: 'xinghe-tower', unit: 'xinghe-tower/engineering', category: 'engineering', priority: 'general', kind: 'complaint', channel: o.channel ?? 'platform', flags: o.flags ?? [], repeatCount: o.repeatCount ?? 0 },
    overdue: { platform_resolve: late, '*': late },
    elapsed: { platform_resolve: 0 },
    // xinghe-tower: the group's final 30-day window (43200 min) over households(), the property's record (320 in the store); the share
    // with this ticket's household and the share before it (shareBefore leaves this ticket out).
    share: { [SHARE]: o.share ?? 2.5 },
    shareBefore: { [SHARE]: o.shareBefore ?? 2.5 },
  };
}

describe('beacon compile --target json-rules-engine', () => {
  describe('for a property', () => {
    it('prints valid JSON with one rule per warning level, lowest priority first', async () => {
      const out = await compileJson(XINGHE);
      expect(out.policy).toBe('xinghe-tower');
      expect(out.engine).toBe('json-rules-engine@7');
      expect(out.rules.map((r) => [r.name, r.priority])).toEqual([
        ['blue', 1],
        ['yellow', 2],
        ['red', 3],
      ]);
    });

    it('carries each level’s points, the roles it notifies and its plan deadline in the event', async () => {
      const out = await compileJson(XINGHE);
      const params = Object.fromEntries(out.rules.map((r) => [r.name, r.event.params]));
      expect(params['blue']).toMatchObject({ level: 'blue', label: '蓝色预警', points: 0.2, notify: ['service_supervisor', 'branch_head', 'project_manager'], planWithin: { minutes: 1440 } });
      expect(params['yellow']).toMatchObject({ level: 'yellow', points: 0.5, notify: ['service_supervisor', 'quality_head', 'branch_head', 'project_manager'] });
      expect(params['red']).toMatchObject({ level: 'red', points: 1, notify: ['service_supervisor', 'quality_head', 'functional_depts', 'general_manager'] });
    });

    it('compares lateness in minutes and the household share over the group’s 30-day window', async () => {
      const out = await compileJson(XINGHE);
      const red = out.rules.find((r) => r.name === 'red');
      // The scope (`applies to`, platform complaints) and then the `when`: both must hold.
      expect(red?.conditions).toEqual({
        all: [
          {
            all: [
              { fact: 'ticket', operator: 'equal', value: 'complaint', path: '$.kind' },
              { fact: 'ticket', operator: 'equal', value: 'platform', path: '$.channel' },
            ],
          },
          {
            any: [
              { fact: 'overdue', operator: 'greaterThanInclusive', value: 21600, path: "$['platform_resolve'].minutes" },
              {
                all: [
                  { fact: 'share', operator: 'greaterThanInclusive', value: 5, path: `$['${SHARE}']` },
                  { fact: 'shareBefore', operator: 'lessThan', value: 5, path: `$['${SHARE}']` },
                ],
              },
              { fact: 'ticket', operator: 'contains', value: 'media_risk', path: '$.flags' },
              { fact: 'ticket', operator: 'contains', value: 'group_petition', path: '$.flags' },
            ],
          },
        ],
      });
    });

    it('gives rules that json-rules-engine runs to the same levels as the policy', async () => {
      const { rules } = await compileJson(XINGHE);
      expect(await levels(rules, facts())).toEqual([]);
      expect(await levels(rules, facts({ lateMinutes: 3 * 1440 - 1 }))).toEqual([]);
      expect(await levels(rules, facts({ lateMinutes: 3 * 1440 }))).toEqual(['blue']);
      // 004 第十一条(一)1: the platform's second complaint (the flag), not the engine's repeatCount.
      expect(await levels(rules, facts({ flags: ['second_complaint'] }))).toEqual(['blue']);
      expect(await levels(rules, facts({ repeatCount: 1 }))).toEqual([]);
      expect(await levels(rules, facts({ lateMinutes: 7 * 1440 }))).toEqual(['blue', 'yellow']);
      expect(await levels(rules, facts({ lateMinutes: 15 * 1440 }))).toEqual(['blue', 'yellow', 'red']);
      // 5% rule: red only on the ticket whose household first brings the cluster to 5% (16 of 320).
      expect(await levels(rules, facts({ share: 5, shareBefore: 4.6875 }))).toEqual(['red']);
      expect(await levels(rules, facts({ share: 4.6875, shareBefore: 4.6875 }))).toEqual([]);
      // Already at 5% before this ticket: the cluster had its red, this one gives none.
      expect(await levels(rules, facts({ share: 5.3125, shareBefore: 5 }))).toEqual([]);
      expect(await levels(rules, facts({ flags: ['group_petition'] }))).toEqual(['red']);
      // A red caused by the share or a flag gives no blue or yellow beside it (004 第十二条 charges the warning that occurs).
      expect(await levels(rules, facts({ share: 5, shareBefore: 4.6875, lateMinutes: 7 * 1440 }))).toEqual(['red']);
      // Past the crossing the share excludes nothing: lateness gives its own blue and yellow.
      expect(await levels(rules, facts({ share: 5.3125, shareBefore: 5, lateMinutes: 7 * 1440 }))).toEqual(['blue', 'yellow']);
      // Not a platform complaint: 004 第十一条 does not reach it, however late.
      expect(await levels(rules, facts({ lateMinutes: 15 * 1440, channel: 'front_desk' }))).toEqual([]);
    });
  });

  describe('for the group template', () => {
    it('compiles although placeholders are unfilled, and a comparison with an [X] never holds', async () => {
      const { policy, rules } = await compileJson('policies/group.sla');
      expect(policy).toBe('huayu-group');
      // share(issueKey, share_window, households(), …): the count is the property's record, not a
      // group [X], so even the template's red asks for the share (a fact of the evaluation).
      const red = rules.find((r) => r.name === 'red');
      expect(JSON.stringify(red?.conditions)).toContain(`"path":"$['${SHARE}']"`);
      expect(await levels(rules, facts({ share: 5, shareBefore: 4.6875 }))).toEqual(['red']);
      // An unknown count is null: no comparison holds, as the engine's E340.
      expect(await levels(rules, { ...facts(), share: { [SHARE]: null }, shareBefore: { [SHARE]: null } })).toEqual([]);
      expect(await levels(rules, facts({ flags: ['media_risk'] }))).toEqual(['red']);
      expect(await levels(rules, facts({ lateMinutes: 15 * 1440 }))).toEqual(['blue', 'yellow', 'red']);
    });
  });

  describe('when called wrongly', () => {
    it('exits 2 for a target it does not know', async () => {
      const r = await run(workspace(), 'compile', '--target', 'drools', '--policy', XINGHE);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain('--target must be json-rules-engine, not drools');
    });

    it('exits 2 without --target', async () => {
      const r = await run(workspace(), 'compile', '--policy', XINGHE);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--target must be json-rules-engine');
    });

    it('exits 2 without a policy', async () => {
      const r = await run(workspace(), 'compile', '--target', 'json-rules-engine');
      expect(r.code).toBe(2);
      expect(r.err).toContain('compile needs --policy <file>');
    });

    it('exits 2 naming a policy file that does not exist', async () => {
      const r = await run(workspace(), 'compile', '--target', 'json-rules-engine', '--policy', 'policies/nowhere.sla');
      expect(r.code).toBe(2);
      expect(r.err).toContain('No such policy file: policies/nowhere.sla');
    });
  });
});
