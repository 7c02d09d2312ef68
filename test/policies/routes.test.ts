// Routes of the shipped group (policies/group.sla, section 转派), on jinxiu-garden:
// - 001《物业管理服务标准与投诉处理方案》二(一) “线上渠道7:00-22:00实时响应,夜间紧急诉求转接值班经理”:
//   an urgent report received outside 07:00-22:00 (calendar online) goes to the duty manager;
//   the hours are [07:00, 22:00), so 21:59 is day and 22:00 night, 06:59 night and 07:00 day.
// - 002《投诉处理及回访制度》(客服中心) 四: a minor complaint is answered by the desk staff; an
//   important or major one is reported to the manager in charge. Only complaints: an inquiry
//   marked minor is routed nowhere, and a complaint the desk has not graded is routed nowhere.
import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../engine/index.js';
import { judge, shipped, ticket, type TicketSpec } from './shipped.js';

const policy = shipped('jinxiu-garden');

function routesOf(spec: Partial<TicketSpec> & { received: string; grade?: string }): EvaluationResult['routes'] {
  const { received, grade, ...rest } = spec;
  const t = ticket('jinxiu-garden', { category: 'engineering', priority: 'urgent', kind: 'repair', channel: 'phone', ...rest, events: [['received', received]] });
  if (grade !== undefined) (t as Record<string, unknown>)['grade'] = grade;
  return judge(policy, t, '2026-03-03T12:00:00+08:00').routes;
}

const names = (routes: EvaluationResult['routes']) => (routes ?? []).map((r) => `${r.route}>${r.to.join(',')}`);

describe('001 二(一): urgent reports at night go to the duty manager', () => {
  it('an urgent repair received at 23:30 is routed to duty_manager, with the rule and why', () => {
    const routes = routesOf({ received: '2026-03-02T23:30:00+08:00' });
    expect(names(routes)).toEqual(['night_urgent>duty_manager']);
    expect(routes?.[0]?.source).toMatch(/group\.sla:\d+:1$/);
    expect(routes?.[0]?.label).toBe('夜间紧急诉求转接值班经理');
    expect(routes?.[0]?.reason.en).toContain('priority = urgent');
  });

  it('an urgent repair received at 10:00 (day) is routed nowhere', () => {
    expect(routesOf({ received: '2026-03-02T10:00:00+08:00' })).toEqual([]);
  });

  it('the hours end at 22:00: 21:59 is day, 22:00 is night', () => {
    expect(names(routesOf({ received: '2026-03-02T21:59:00+08:00' }))).toEqual([]);
    expect(names(routesOf({ received: '2026-03-02T22:00:00+08:00' }))).toEqual(['night_urgent>duty_manager']);
  });

  it('the hours start at 07:00: 06:59 is night, 07:00 is day', () => {
    expect(names(routesOf({ received: '2026-03-02T06:59:00+08:00' }))).toEqual(['night_urgent>duty_manager']);
    expect(names(routesOf({ received: '2026-03-02T07:00:00+08:00' }))).toEqual([]);
  });

  it('night is read in the policy zone: 15:30Z is 23:30 in Shanghai', () => {
    expect(names(routesOf({ received: '2026-03-02T15:30:00Z' }))).toEqual(['night_urgent>duty_manager']);
  });

  it('an important (not urgent) report at 23:30 is routed nowhere', () => {
    expect(routesOf({ received: '2026-03-02T23:30:00+08:00', priority: 'important' })).toEqual([]);
  });

  it('any kind and channel: an urgent platform complaint at 02:00 goes to the duty manager too', () => {
    expect(names(routesOf({ received: '2026-03-03T02:00:00+08:00', kind: 'complaint', channel: 'platform', category: 'order' }))).toEqual(['night_urgent>duty_manager']);
  });
});

describe('002 四: minor complaints to the desk, important and major ones to the manager in charge', () => {
  const day = { received: '2026-03-02T10:00:00+08:00', kind: 'complaint', priority: 'general', category: 'cleaning' };

  it('a minor complaint goes to desk_staff', () => {
    expect(names(routesOf({ ...day, grade: 'minor' }))).toEqual(['minor_complaint>desk_staff']);
  });

  it('an important complaint goes to manager_in_charge, not to the desk', () => {
    expect(names(routesOf({ ...day, grade: 'important' }))).toEqual(['important_complaint>manager_in_charge']);
  });

  it('a major complaint goes to manager_in_charge', () => {
    expect(names(routesOf({ ...day, grade: 'major' }))).toEqual(['important_complaint>manager_in_charge']);
  });

  it('an inquiry marked minor is not a complaint: routed nowhere', () => {
    expect(routesOf({ ...day, kind: 'inquiry', grade: 'minor' })).toEqual([]);
  });

  it('a complaint not yet graded is routed nowhere', () => {
    expect(routesOf(day)).toEqual([]);
  });

  it('an urgent major complaint at night goes to both the duty manager and the manager in charge', () => {
    expect(names(routesOf({ ...day, priority: 'urgent', received: '2026-03-02T23:00:00+08:00', grade: 'major' }))).toEqual(['night_urgent>duty_manager', 'important_complaint>manager_in_charge']);
  });

  it('routes cost nothing: the minor complaint has no warning and 0 points from its route', () => {
    const t = ticket('jinxiu-garden', { category: 'cleaning', priority: 'general', kind: 'complaint', channel: 'phone', events: [['received', '2026-03-02T10:00:00+08:00']] });
    (t as Record<string, unknown>)['grade'] = 'minor';
    const r = judge(policy, t, '2026-03-02T10:30:00+08:00');
    expect(r.penalty.points).toBe(0);
    expect(r.warning.level).toBe('none');
  });
});
