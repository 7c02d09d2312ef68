// The group's repeat convention (policies/group.sla `final repeats`): one case is the same
// property, issueKey and household; a report within 30 days of an earlier one, or while the earlier
// one is unresolved, is a repeat (a group choice: the rule books give no window); same-day calls
// merge on the 96310 hotline only (002 丽水制度一.5). The 004 blue warning does not read it: it
// stays on the platform's flag second_complaint (004 第十一条(一)1). Counts are read on jinxiu-garden,
// which inherits the convention and may not change it.
import { describe, expect, it } from 'vitest';
import { evaluateCore, indexTickets, type Ticket } from '../../engine/index.js';
import { judge, shipped, ticket } from './shipped.js';

const policy = shipped('jinxiu-garden');

function complaint(id: string, channel: string, events: [string, string][], household = '5-0802'): Ticket {
  return ticket('jinxiu-garden', { id, category: 'order', priority: 'general', kind: 'complaint', channel, issueKey: 'night-construction-noise', household, events });
}

function repeatCount(history: Ticket[]): number {
  const subject = history[history.length - 1] as Ticket;
  return evaluateCore(policy, subject, Date.parse('2026-12-31T00:00:00+08:00'), indexTickets(history, policy.localDay)).env.repeats();
}

describe('the group’s repeat convention', () => {
  it('is the group’s, unchanged below it', () => {
    expect(shipped('huayu-group').repeats?.key).toBe(policy.repeats?.key);
    expect(policy.repeats).toMatchObject({ caseFields: ['issueKey', 'household'], withinMinutes: 30 * 1440, whileUnresolved: true });
    expect([...(policy.repeats?.mergeChannels ?? [])]).toEqual(['hotline_96310']);
  });

  it('merges 96310 calls of one day: the second call is no repeat', () => {
    const first = complaint('H-1', 'hotline_96310', [['received', '2026-03-02T09:00:00+08:00']]);
    const again = complaint('H-2', 'hotline_96310', [['received', '2026-03-02T15:10:00+08:00']]);
    expect(repeatCount([first, again])).toBe(0);
  });

  it('does not merge on the platform: a second platform complaint the same day is a repeat, and raises no blue without the platform’s flag', () => {
    const first = complaint('P-1', 'platform', [['received', '2026-03-02T09:00:00+08:00']]);
    const again = complaint('P-2', 'platform', [['received', '2026-03-02T15:10:00+08:00']]);
    expect(repeatCount([first, again])).toBe(1);
    // 004's blue is the platform's second-complaint procedure (flag second_complaint), not repeatCount.
    expect(judge(policy, again, '2026-03-02T16:00:00+08:00', [first]).warning.level).toBe('none');
  });

  it('counts a resolved case reported again within 30 days, but not 7 months later', () => {
    const first = complaint('R-1', 'platform', [['received', '2026-03-02T09:00:00+08:00'], ['resolved', '2026-03-03T12:00:00+08:00']]);
    expect(repeatCount([first, complaint('R-2', 'platform', [['received', '2026-03-20T09:00:00+08:00']])])).toBe(1);
    expect(repeatCount([first, complaint('R-3', 'platform', [['received', '2026-10-02T09:00:00+08:00']])])).toBe(0);
  });

  it('counts a case reported again past 30 days while the first report is unresolved', () => {
    const first = complaint('U-1', 'platform', [['received', '2026-03-02T09:00:00+08:00']]);
    expect(repeatCount([first, complaint('U-2', 'platform', [['received', '2026-04-20T09:00:00+08:00']])])).toBe(1);
  });

  it('does not count another household’s report of the same problem', () => {
    const first = complaint('O-1', 'platform', [['received', '2026-03-02T09:00:00+08:00']], '3-0101');
    expect(repeatCount([first, complaint('O-2', 'platform', [['received', '2026-03-03T09:00:00+08:00']])])).toBe(0);
  });
});
