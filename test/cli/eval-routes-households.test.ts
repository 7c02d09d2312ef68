// `beacon eval` prints the routes that apply (001 二(一): an urgent report at night goes to the
// duty manager) and takes the property's household count with --households, as the service
// passes the store's record: without it a share() rule cannot fire and the note E340 says so.
import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../engine/index.js';
import { policiesTree, run } from './helpers.js';

const JINXIU = 'policies/properties/jinxiu-garden.sla';

const urgentAt = (received: string) => ({
  id: 'JX-NIGHT',
  property: 'jinxiu-garden',
  unit: 'jinxiu-garden/engineering',
  category: 'engineering',
  priority: 'urgent',
  kind: 'repair',
  channel: 'phone',
  createdAt: received,
  events: [{ type: 'received', at: received }],
});

describe('beacon eval: routes', () => {
  it('an urgent repair received at 23:30 prints the night route to duty_manager', async () => {
    const dir = policiesTree({ 'ticket.json': JSON.stringify(urgentAt('2026-03-02T23:30:00+08:00')) });
    const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-03T00:00:00+08:00');
    expect(r.code).toBe(0);
    expect(r.out).toContain('route: night_urgent -> duty_manager');
  });

  it('received at 10:00 it prints no route; --json has an empty routes list', async () => {
    const dir = policiesTree({ 'ticket.json': JSON.stringify(urgentAt('2026-03-02T10:00:00+08:00')) });
    const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T11:00:00+08:00', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as EvaluationResult).routes).toEqual([]);
  });
});

describe('beacon eval --households', () => {
  const complaint = {
    id: 'JX-C',
    property: 'jinxiu-garden',
    unit: 'jinxiu-garden/order',
    category: 'order',
    priority: 'general',
    kind: 'complaint',
    channel: 'platform',
    createdAt: '2026-03-02T10:00:00+08:00',
    events: [{ type: 'received', at: '2026-03-02T10:00:00+08:00' }],
  };

  it('without it, the share rules of the group are reported as not judged (E340)', async () => {
    const dir = policiesTree({ 'ticket.json': JSON.stringify(complaint) });
    const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T11:00:00+08:00', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as EvaluationResult).notes?.map((n) => n.code)).toEqual(['E340']);
  });

  it('with it, there is no E340 note', async () => {
    const dir = policiesTree({ 'ticket.json': JSON.stringify(complaint) });
    const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--at', '2026-03-02T11:00:00+08:00', '--households', '1860', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as EvaluationResult).notes).toBeUndefined();
  });

  it('refuses a count that is not a whole number >= 1', async () => {
    const dir = policiesTree({ 'ticket.json': JSON.stringify(complaint) });
    for (const bad of ['0', '-5', '12.5', 'many']) {
      const r = await run(dir, 'eval', '--policy', JINXIU, '--ticket', 'ticket.json', '--households', bad);
      expect(r.code, bad).toBe(2);
      expect(r.err, bad).toContain('--households');
    }
  });
});
