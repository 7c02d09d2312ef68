// 004《集团客服信息平台物业服务类信息管理办法》第九条(一)1: the quality department watches the platform
// “每日8:30-17:30” — every day, holidays included. No shipped clock counts on `quality_dept`, so a
// probe property extends the shipped group with one clock on it and reads the calendar through it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSources, compile } from '../../engine/index.js';
import { judge, ticket } from './shipped.js';

const POLICIES = fileURLToPath(new URL('../../policies', import.meta.url));
const files = (dir: string): { uri: string; text: string }[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.sla') ? [{ uri: join(dir, e.name), text: readFileSync(join(dir, e.name), 'utf8') }] : []));

const PROBE = `group quality-probe "品质部时段探针" extends huayu-group
clock quality_probe "探针" {
  start received
  stop resolved
  calendar quality_dept
  target 1h
}
`;

describe('calendar quality_dept (004 第九条(一)1: 每日 8:30-17:30)', () => {
  const check = checkSources([...files(POLICIES), { uri: 'probe.sla', text: PROBE }]);
  const policy = compile(check.policies.get('quality-probe')!, { partial: true }).value!;
  const dueOf = (received: string) =>
    judge(policy, ticket('p', { category: 'other', priority: 'general', kind: 'complaint', channel: 'platform', events: [['received', received]] }), received).clocks.find((c) => c.name === 'quality_probe')?.dueAt;

  it('counts on a Sunday: 09:00 plus one hour is 10:00 the same day', () => {
    expect(dueOf('2026-03-08T09:00:00+08:00')).toBe('2026-03-08T10:00:00+08:00');
  });

  it('counts on the National Day holiday', () => {
    expect(dueOf('2026-10-01T09:00:00+08:00')).toBe('2026-10-01T10:00:00+08:00');
  });

  it('stops at 17:30 and resumes at 08:30 the next day', () => {
    expect(dueOf('2026-03-07T17:00:00+08:00')).toBe('2026-03-08T09:00:00+08:00');
  });
});
