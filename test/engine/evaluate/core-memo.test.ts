// What a prepared read (core.ts `prepare`) remembers across the policies that evaluate it
// (commit b576d73): CoreEnv.countOnce keeps share()/shareBefore() counts in a flat list keyed
// by (field, window minutes, before), and the repeat count in one slot keyed by the repeat
// rule's key. A key missing one of its parts would hand one question another's answer: a
// 7-day share the 1-day one, shareBefore the share, a policy the repeat count of another
// rule. Each answer here is worked out by hand and equals the answer of a policy that asks
// only that one question, on a read of its own. Instants are Asia/Shanghai.
import { describe, expect, it } from 'vitest';
import { evaluateCore, indexTickets, type CompiledPolicy, type Ticket } from '../../../engine/index.js';
import { deskPolicy } from './desk-policy.js';
import { prepare } from '../../../engine/evaluate/core.js';

function report(id: string, household: string, createdAt: string, resolvedAt?: string, unit = 'p/u'): Ticket {
  const at = `2026-${createdAt}:00+08:00`;
  const events = [{ type: 'received', at }];
  if (resolvedAt) events.push({ type: 'resolved', at: `2026-${resolvedAt}:00+08:00` });
  return { id, property: 'p', unit, category: 'c', priority: 't', issueKey: 'roof', household, createdAt: at, events };
}

const AT = Date.parse('2026-04-30T00:00:00+08:00');

/** The names of the levels a policy reaches for the ticket, and its condition env. */
function judge(p: CompiledPolicy, subject: Ticket, history: Ticket[], read = prepare(subject, AT)) {
  const core = evaluateCore(p, subject, AT, indexTickets(history, p.localDay), read);
  return { reached: core.reached.map((w) => w.name), env: core.env };
}

describe('share() and shareBefore() over several windows for one ticket', () => {
  // Households reporting the roof before the subject (H5, 04-10 09:00): H1..H3 within 7 days,
  // H4 within 1 day. So households(1d) = 2 (H4, H5), households(7d) = 5,
  // householdsBefore(1d) = 1 (H4), householdsBefore(7d) = 4. By unit (another field, same
  // window): H3, H4 and H5 share unit p/b, so 3 households in 7 days.
  const subject = report('S', 'H5', '04-10T09:00', undefined, 'p/b');
  const history = [
    report('A', 'H1', '04-04T10:00', undefined, 'p/a'),
    report('B', 'H2', '04-05T09:00', undefined, 'p/a'),
    report('C', 'H3', '04-07T09:00', undefined, 'p/b'),
    report('D', 'H4', '04-09T13:00', undefined, 'p/b'),
    subject,
  ];
  // With 100 households a share in % is the count itself. Each condition holds only on the
  // right count, and fails on the count of any of the other questions (2, 5, 1, 4, 3).
  const ASK = {
    day: 'share(issueKey, 1d, 100) >= 2% and share(issueKey, 1d, 100) < 3%',
    week: 'share(issueKey, 7d, 100) >= 5%',
    dayBefore: 'shareBefore(issueKey, 1d, 100) < 2%',
    weekBefore: 'shareBefore(issueKey, 7d, 100) >= 4% and shareBefore(issueKey, 7d, 100) < 5%',
    unitWeek: 'share(unit, 7d, 100) >= 3% and share(unit, 7d, 100) < 4%',
  };
  const level = (...conditions: string[]) => `warning red { when ${conditions.join(' and ')} }`;

  it('a policy asking one question holds on it (the reference)', () => {
    for (const ask of Object.values(ASK)) expect(judge(deskPolicy(level(ask)), subject, history).reached, ask).toEqual(['red']);
  });

  it('a policy asking all of them, in either order, holds on all of them', () => {
    const inOrder = deskPolicy(level(ASK.day, ASK.week, ASK.dayBefore, ASK.weekBefore, ASK.unitWeek));
    // shareBefore first: the before-answers are in the memo when share() asks the same window.
    const beforeFirst = deskPolicy(level(ASK.unitWeek, ASK.weekBefore, ASK.dayBefore, ASK.week, ASK.day));
    expect(judge(inOrder, subject, history).reached).toEqual(['red']);
    expect(judge(beforeFirst, subject, history).reached).toEqual(['red']);
  });

  it('one prepared read under policies asking different windows: each gets its own count', () => {
    const read = prepare(subject, AT);
    for (const ask of [ASK.day, ASK.week, ASK.dayBefore, ASK.weekBefore, ASK.unitWeek, ASK.day]) {
      const p = deskPolicy(level(ask));
      const shared = judge(p, subject, history, read).reached;
      expect(shared, ask).toEqual(judge(p, subject, history).reached);
      expect(shared, ask).toEqual(['red']);
    }
    // What the read now holds, asked directly: the hand counts.
    const { env } = judge(deskPolicy(level(ASK.day)), subject, history, read);
    const asked = [env.households('issueKey', 1440), env.households('issueKey', 7 * 1440), env.householdsBefore('issueKey', 1440), env.householdsBefore('issueKey', 7 * 1440)];
    expect([...asked, env.households('unit', 7 * 1440)]).toEqual([2, 5, 1, 4, 3]);
  });
});

describe('the repeat count of one prepared read under policies with different repeat rules', () => {
  // An earlier report of the same case 3 days before (resolved): a repeat within 30 days,
  // not within 1 day.
  const subject = report('S', 'H1', '04-10T09:00');
  const history = [report('A', 'H1', '04-07T09:00', '04-07T12:00'), subject];
  const LEVEL = 'warning repeat { when repeatCount >= 1 }';
  const DAY = deskPolicy(`repeats { case issueKey, household  within 1d }\n${LEVEL}`);
  const MONTH = deskPolicy(`repeats { case issueKey, household  within 30d }\n${LEVEL}`);
  // The same rule as MONTH in another policy: its key is the same, its answer may be shared.
  const MONTH_TOO = deskPolicy(`repeats { case issueKey, household  within 30d }\n${LEVEL}\nwarning twice { when repeatCount >= 2 }`);

  it('the rules have different keys (MONTH and MONTH_TOO the same one)', () => {
    expect(DAY.repeats!.key).not.toBe(MONTH.repeats!.key);
    expect(MONTH_TOO.repeats!.key).toBe(MONTH.repeats!.key);
  });

  it('each policy counts under its own rule, asked in alternation, as it does on a read of its own', () => {
    const read = prepare(subject, AT);
    const expected = new Map([
      [DAY, 0],
      [MONTH, 1],
      [MONTH_TOO, 1],
    ]);
    for (const p of [DAY, MONTH, DAY, MONTH_TOO, MONTH, DAY]) {
      const shared = judge(p, subject, history, read);
      const alone = judge(p, subject, history);
      expect(shared.env.repeats()).toBe(expected.get(p));
      expect(alone.env.repeats()).toBe(expected.get(p));
      expect(shared.reached).toEqual(alone.reached);
    }
  });
});
