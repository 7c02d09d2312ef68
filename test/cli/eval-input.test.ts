// How `beacon eval` reads its ticket: from a file, from standard input, and what it says
// when given the API's request body instead of a ticket.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runWith, tempTree } from './helpers.js';

const POLICIES = fileURLToPath(new URL('../../policies', import.meta.url));
const JINXIU = 'policies/properties/jinxiu-garden.sla';
const AT = '2026-03-02T09:00:00+08:00';
const ticket = {
  id: 'T-1',
  property: 'jinxiu-garden',
  unit: 'jinxiu-garden/engineering',
  category: 'engineering',
  priority: 'urgent',
  kind: 'repair',
  createdAt: '2026-03-02T08:00:00+08:00',
  events: [{ type: 'accepted', at: '2026-03-02T08:01:00+08:00' }],
};

function workspace(files: Record<string, string> = {}): string {
  const dir = tempTree(files);
  cpSync(POLICIES, join(dir, 'policies'), { recursive: true });
  return dir;
}

describe('beacon eval --ticket -', () => {
  it('reads the ticket from standard input and answers as for the same file', async () => {
    const dir = workspace({ 'ticket.json': JSON.stringify(ticket) });
    const fromFile = await runWith({}, dir, 'eval', '-p', JINXIU, '-t', 'ticket.json', '-a', AT, '-j');
    const fromStdin = await runWith({ stdin: readFileSync(join(dir, 'ticket.json'), 'utf8') }, dir, 'eval', '--policy', JINXIU, '--ticket', '-', '--at', AT, '--json');
    expect(fromFile.code).toBe(0);
    expect(fromStdin).toEqual(fromFile);
    expect(JSON.parse(fromStdin.out).ticketId).toBe('T-1');
  });

  it('exits 2 naming standard input when it is not JSON', async () => {
    const r = await runWith({ stdin: '{ not json' }, workspace(), 'eval', '--policy', JINXIU, '--ticket', '-', '--at', AT);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Cannot read the ticket (stdin)');
  });
});

describe('beacon eval given the API request body', () => {
  it('says eval takes the ticket alone and how to get it, exit 2', async () => {
    const dir = workspace({ 'request.json': JSON.stringify({ ticket, at: AT, explain: true }) });
    const r = await runWith({}, dir, 'eval', '--policy', JINXIU, '--ticket', 'request.json', '--at', AT);
    expect(r.code).toBe(2);
    expect(r.err).toContain('this is the API request body');
    expect(r.err).toContain('jq .ticket');
    expect(r.out).toBe('');
  });

  it('says it in Chinese under a Chinese locale', async () => {
    const dir = workspace({ 'request.json': JSON.stringify({ ticket, at: AT }) });
    const r = await runWith({ lang: 'zh' }, dir, 'eval', '--policy', JINXIU, '--ticket', 'request.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('这是 API 的请求体');
  });
});
