import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluationResultSchema, type EvaluationResult } from '../../engine/index.js';
import { policiesTree, run } from './helpers.js';

const JINXIU = 'policies/properties/jinxiu-garden.sla';
const XINGHE = 'policies/properties/xinghe-tower.sla';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** An urgent engineering repair at jinxiu-garden, contacted exactly at its 10-minute cell. */
const urgentRepair = {
  id: 'JX-2026-0302-001',
  property: 'jinxiu-garden',
  unit: 'jinxiu-garden/engineering',
  category: 'engineering',
  priority: 'urgent',
  kind: 'repair',
  channel: 'phone',
  createdAt: '2026-03-02T07:55:00+08:00',
  events: [
    { type: 'received', at: '2026-03-02T07:55:00+08:00' },
    { type: 'dispatched', at: '2026-03-02T07:58:00+08:00' },
    { type: 'accepted', at: '2026-03-02T08:00:00+08:00' },
    { type: 'contacted', at: '2026-03-02T08:10:00+08:00' },
  ],
};

/**
 * A general cleaning complaint made on the group platform, never resolved: its 24 h resolve
 * clock fell due 2026-03-03 10:00. It is a platform complaint because 004《集团客服信息平台物业
 * 服务类信息管理办法》第十一条's warnings reach only complaints the platform passes on.
 */
const openComplaint = {
  id: 'JX-2026-0302-002',
  property: 'jinxiu-garden',
  unit: 'jinxiu-garden/cleaning',
  category: 'cleaning',
  priority: 'general',
  kind: 'complaint',
  channel: 'platform',
  createdAt: '2026-03-02T10:00:00+08:00',
  events: [{ type: 'received', at: '2026-03-02T10:00:00+08:00' }],
};

/**
 * An inquiry at xinghe-tower dispatched and answered just before National Day. Its revisit
 * (000 五.2, 1 working day on the group's office calendar with the holiday table) skips the
 * holiday; its review runs on the tower's desk hours, which are staffed every day, holidays
 * included (002《客服中心值班制度》一“全天候值班”).
 */
const beforeNationalDay = {
  id: 'XH-2026-0930-007',
  property: 'xinghe-tower',
  unit: 'xinghe-tower/customer-service',
  category: 'customer_service',
  priority: 'general',
  kind: 'inquiry',
  channel: 'front_desk',
  createdAt: '2026-09-30T17:40:00+08:00',
  events: [
    { type: 'received', at: '2026-09-30T17:40:00+08:00' },
    { type: 'dispatched', at: '2026-09-30T17:45:00+08:00' },
    { type: 'resolved', at: '2026-09-30T17:50:00+08:00' },
  ],
};

const validateResult = new Ajv2020({ allErrors: true }).compile(evaluationResultSchema);

describe('beacon eval', () => {
  describe('printing a readable table', () => {
    it('lists each clock that applies with its state and due time, then the warning and the penalty', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T09:00:00+08:00');
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      const lines = r.out.split('\n');
      expect(lines[0]).toBe('Ticket JX-2026-0302-001 at 2026-03-02T09:00:00+08:00');
      expect(lines[2]).toMatch(/^clock +state +started +due +stopped +late \(min\)$/);
      expect(lines).toContainEqual(expect.stringMatching(/^contact +met +2026-03-02T08:00:00\+08:00 +2026-03-02T08:10:00\+08:00 +2026-03-02T08:10:00\+08:00 +-$/));
      // 001 一(一): an urgent repair is on site within 2 h of being received (always calendar): due 09:55, still running at 09:00.
      expect(lines).toContainEqual(expect.stringMatching(/^repair_onsite +running +2026-03-02T07:55:00\+08:00 +2026-03-02T09:55:00\+08:00 +- +-$/));
      // 001 二(二)'s tiers (respond 15 min for urgent) reach complaints only, so a repair does not list respond.
      expect(lines).not.toContainEqual(expect.stringMatching(/^respond /));
      expect(r.out).toContain('warning: none');
      expect(r.out).toContain('penalty: 0 points to jinxiu-garden/engineering');
    });

    it('gives each clock its reason in English and Chinese', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T09:00:00+08:00');
      expect(r.out).toContain('contact: due 03-02 08:10, done 03-02 08:10: 0 min early');
      expect(r.out).toContain('维修：联系报事人：应于 03-02 08:10 前完成，实际 03-02 08:10 完成，提前 0分钟');
    });

    it('shows the late minutes, the warning, whom it notifies, the plan deadline and the points', async () => {
      const dir = policiesTree({ 'ticket.json': json(openComplaint) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-06T10:00:00+08:00');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^resolve +breached +2026-03-02T10:00:00\+08:00 +2026-03-03T10:00:00\+08:00 +- +4320$/m);
      expect(r.out).toContain('warning: blue (蓝色预警), raised 2026-03-06T10:00:00+08:00');
      expect(r.out).toContain('notify: service_supervisor, branch_head, project_manager; plan due 2026-03-07T10:00:00+08:00');
      expect(r.out).toContain('penalty: 0.2 points to jinxiu-garden/cleaning (blue 0.2)');
    });
  });

  describe('with --json', () => {
    it('prints a result that is valid against the evaluation-result schema', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T09:00:00+08:00', '--json');
      expect(r.code).toBe(0);
      const result = JSON.parse(r.out) as EvaluationResult;
      expect(validateResult(result), JSON.stringify(validateResult.errors)).toBe(true);
      expect(result.ticketId).toBe('JX-2026-0302-001');
      expect(result.at).toBe('2026-03-02T09:00:00+08:00');
      expect(result.clocks.find((c) => c.name === 'contact')).toMatchObject({ state: 'met', dueAt: '2026-03-02T08:10:00+08:00', target: '10m' });
      expect(result.warning.level).toBe('none');
      expect(result.penalty).toEqual({ points: 0, unit: 'jinxiu-garden/engineering', levels: [] });
    });

    it('stays valid with --explain and adds a trace that points into the .sla sources', async () => {
      const dir = policiesTree({ 'ticket.json': json(openComplaint) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-10T10:00:00+08:00', '--json', '--explain');
      expect(r.code).toBe(0);
      const result = JSON.parse(r.out) as EvaluationResult;
      expect(validateResult(result), JSON.stringify(validateResult.errors)).toBe(true);
      const yellow = result.trace?.find((t) => t.rule === 'warning yellow');
      expect(yellow?.outcome).toBe('raised');
      expect(yellow?.source).toMatch(/^policies\/group\.sla:\d+:\d+$/);
    });

    it('reports the actions of the highest level reached: a plan due one day after it was raised (004: plan within 1d)', async () => {
      const dir = policiesTree({ 'ticket.json': json(openComplaint) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-10T10:00:00+08:00', '--json');
      const result = JSON.parse(r.out) as EvaluationResult;
      expect(result.warning.level).toBe('yellow');
      expect(result.warning.raisedAt).toBe('2026-03-10T10:00:00+08:00');
      expect(result.actions).toEqual({
        notify: ['service_supervisor', 'quality_head', 'branch_head', 'project_manager'],
        planDueAt: '2026-03-11T10:00:00+08:00',
      });
      expect(result.penalty.levels).toEqual([
        { level: 'blue', points: 0.2 },
        { level: 'yellow', points: 0.5 },
      ]);
      expect(result.penalty.points).toBe(0.7);
    });

    it('sends a red warning raised by a flag to the quality head, functional departments and general manager', async () => {
      const dir = policiesTree({ 'ticket.json': json({ ...openComplaint, flags: ['group_petition'] }) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T11:00:00+08:00', '--json');
      const result = JSON.parse(r.out) as EvaluationResult;
      expect(result.warning.level).toBe('red');
      expect(result.actions.notify).toEqual(['service_supervisor', 'quality_head', 'functional_depts', 'general_manager']);
      // 004 第十一条(三) gives the red level no plan deadline (only "制定解决方案,上报物业公司总经理"): none is invented.
      expect(result.actions.planDueAt).toBeNull();
      expect(result.penalty.points).toBe(1);
    });
  });

  describe('with --explain on a ticket that spans the 2026 National Day holiday', () => {
    it('says which days were skipped as holidays, in English and Chinese', async () => {
      const dir = policiesTree({ 'ticket.json': json(beforeNationalDay) });
      const r = await run(dir, 'eval', '--policy', XINGHE, '--ticket', 'ticket.json', '--at', '2026-10-08T09:00:00+08:00', '--explain');
      expect(r.code).toBe(0);
      // revisit: 1 working day after 09-30 on the office calendar; 10-01 to 10-07 are 国庆节, so the
      // first working day is Thursday 10-08, which ends at 17:30.
      expect(r.out).toMatch(/^revisit +running +2026-09-30T17:50:00\+08:00 +2026-10-08T17:30:00\+08:00 +- +-$/m);
      expect(r.out).toMatch(/revisit: due 10-08 17:30.*; 10-01 to 10-07 skipped as holidays \(国庆节\)/);
      expect(r.out).toContain('10-01 至 10-07 为节假日（国庆节），不计时');
      // review: the tower's desk is open on holidays (mon-fri 08:00-18:00): 15 min on 09-30
      // (17:45-18:00), then 45 min from 08:00 on Thursday 10-01, so due 10-01 08:45, not after the holiday.
      expect(r.out).toMatch(/^review +breached +2026-09-30T17:45:00\+08:00 +2026-10-01T08:45:00\+08:00 +- +\d+$/m);
    });

    it('ends with a trace naming the source line of each decision', async () => {
      const dir = policiesTree({ 'ticket.json': json(beforeNationalDay) });
      const r = await run(dir, 'eval', '--policy', XINGHE, '--ticket', 'ticket.json', '--at', '2026-10-08T09:00:00+08:00', '--explain');
      const trace = r.out.slice(r.out.indexOf('\ntrace:\n'));
      expect(trace).toMatch(/^ {2}policies\/group\.sla:\d+:\d+ {2}clock revisit -> running: .*skipped as holidays \(国庆节\)$/m);
      expect(trace).toMatch(/^ {2}policies\/group\.sla:\d+:\d+ {2}clock contact applies to -> excluded: .*the rule does not apply$/m);
      expect(trace).toMatch(/^ {2}policies\/group\.sla:\d+:\d+ {2}warning red applies to -> excluded: .*outside the scope.*$/m);
    });

    it('leaves the trace out without --explain', async () => {
      const dir = policiesTree({ 'ticket.json': json(beforeNationalDay) });
      const r = await run(dir, 'eval', '--policy', XINGHE, '--ticket', 'ticket.json', '--at', '2026-10-08T09:00:00+08:00');
      expect(r.code).toBe(0);
      expect(r.out).not.toContain('trace:');
    });
  });

  describe('with a ticket the policy cannot read', () => {
    it('exits 1 and names the JSON pointer of an instant without an offset', async () => {
      const ticket = { ...urgentRepair, events: [urgentRepair.events[0], { type: 'accepted', at: '2026-03-02 08:05' }] };
      const dir = policiesTree({ 'ticket.json': json(ticket) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T09:00:00+08:00');
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain('/ticket/events/1/at: error E201');
      expect(r.err).toContain('ISO 8601 instant with a UTC offset');
    });

    it('exits 1 and names the pointer of a missing required field', async () => {
      const { unit: _unit, ...ticket } = urgentRepair;
      const dir = policiesTree({ 'ticket.json': json(ticket) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T09:00:00+08:00');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^\/ticket\/unit: error E201 .*missing/m);
    });

    it('exits 1 naming each word the policy does not know, with a suggestion', async () => {
      const ticket = { ...urgentRepair, category: 'enginering', events: [{ type: 'recieved', at: '2026-03-02T07:55:00+08:00' }] };
      const dir = policiesTree({ 'ticket.json': json(ticket) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T09:00:00+08:00');
      expect(r.code).toBe(1);
      expect(r.err).toContain("/ticket/category: error E202 /ticket/category 'enginering' is not a category of this policy.");
      expect(r.err).toContain("help: Did you mean 'engineering'?");
      expect(r.err).toContain('/ticket/events/0/type: error E205');
      expect(r.err).toContain("help: Did you mean 'received'?");
    });

    it('exits 1 naming /at (E208) when --at is outside 1970-2199', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '0050-03-02T09:00:00+08:00');
      expect(r.code).toBe(1);
      expect(r.err).toContain('/at: error E208');
    });

    it('exits 1 naming /at when --at is not an instant', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', 'yesterday');
      expect(r.code).toBe(1);
      expect(r.err).toContain("/at: error E207 'yesterday' is not an instant.");
    });
  });

  describe('--at', () => {
    // One rule: an offset is taken as given; a wall time without one is read in the
    // policy's zone (Asia/Shanghai for jinxiu-garden), whether written with T or a space;
    // a date alone is midnight starting that date there. The container's zone is UTC, so
    // a form read as UTC would land 8 hours away and change the result.
    const at = async (dir: string, text: string) => (await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', text, '--json')).out;

    it('prints the same result for 2026-10-08 12:00, 2026-10-08T12:00 and 2026-10-08T12:00:00+08:00', async () => {
      const dir = policiesTree({ 'ticket.json': json(openComplaint) });
      const withOffset = await at(dir, '2026-10-08T12:00:00+08:00');
      expect((JSON.parse(withOffset) as EvaluationResult).at).toBe('2026-10-08T12:00:00+08:00');
      expect(await at(dir, '2026-10-08T12:00')).toBe(withOffset);
      expect(await at(dir, '2026-10-08 12:00')).toBe(withOffset);
      expect(await at(dir, '2026-10-08T04:00:00Z')).toBe(withOffset);
    });

    it('reads a date alone as local midnight in the policy zone', async () => {
      const dir = policiesTree({ 'ticket.json': json(openComplaint) });
      expect(await at(dir, '2026-10-08')).toBe(await at(dir, '2026-10-08T00:00:00+08:00'));
      expect((JSON.parse(await at(dir, '2026-10-08')) as EvaluationResult).at).toBe('2026-10-08T00:00:00+08:00');
    });

    it('refuses a date that does not exist and a time in another layout', async () => {
      const dir = policiesTree({ 'ticket.json': json(openComplaint) });
      for (const text of ['2026-02-30', '2026-10-08T25:00', '10/08/2026 12:00', 'Thu, 08 Oct 2026 12:00:00']) {
        const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', text);
        expect(r.code).toBe(1);
        expect(r.err).toContain('/at: error E207');
      }
    });
  });

  describe('with a template whose placeholders are not filled', () => {
    it('exits 1 and lists each [X] with its place in the group file', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', 'policies/group.sla', '--ticket', 'ticket.json', '--at', '2026-03-02T09:00:00+08:00');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^policies\/group\.sla:\d+:\d+: error E102 Policy 'huayu-group' leaves parameter 'contact_within' as \[X\]/m);
      // review_within, contact_within, complaint_contact_within, revisit_within, resolve_urgent,
      // resolve_important; share_window is a final 30d of the group, not a placeholder, and the
      // households are the property's record (households()), not a parameter.
      expect(r.err.match(/error E102/g)).toHaveLength(6);
      expect(r.err).not.toContain("parameter 'share_window'");
      expect(r.err).not.toContain("parameter 'households'");
    });
  });

  describe('when called wrongly', () => {
    it('exits 2 with the usage when --ticket is missing', async () => {
      const dir = policiesTree({});
      const r = await run(dir, 'eval', '--policy', JINXIU, '--at', '2026-03-02T09:00:00+08:00');
      expect(r.code).toBe(2);
      expect(r.err).toContain('beacon eval: eval needs --policy and --ticket');
      expect(r.err).toContain('beacon eval --policy <file>');
    });

    it('exits 2 when --policy is missing', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--ticket', 'ticket.json');
      expect(r.code).toBe(2);
      expect(r.err).toContain('eval needs --policy and --ticket');
    });

    it('exits 2 when a flag has no value', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at');
      expect(r.code).toBe(2);
      expect(r.err).toContain('--at needs a value');
    });

    it('exits 2 for an unknown option rather than ignoring it', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--explian');
      expect(r.code).toBe(2);
      expect(r.err).toContain('Unknown option --explian');
    });

    it('exits 2 when the ticket file does not exist', async () => {
      const dir = policiesTree({});
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'missing.json', '--at', '2026-03-02T09:00:00+08:00');
      expect(r.code).toBe(2);
      expect(r.err).toContain('Cannot read the ticket missing.json');
    });

    it('exits 2 when the policy file does not exist', async () => {
      const dir = policiesTree({ 'ticket.json': json(urgentRepair) });
      const r = await run(dir, 'eval', '--policy', 'policies/nowhere.sla', '--ticket', 'ticket.json', '--at', '2026-03-02T09:00:00+08:00');
      expect(r.code).toBe(2);
      expect(r.err).toContain('No such policy file: policies/nowhere.sla');
    });
  });
});
