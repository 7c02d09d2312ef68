import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runWith, tempTree } from './helpers.js';

const FORMATTED = `group acme "示例集团"

events {
  accepted
  contacted
}
`;
const MESSY = `group   acme "示例集团"
events {accepted,contacted}
`;

describe('beacon fmt', () => {
  describe('with -', () => {
    it('formats standard input to standard output', async () => {
      const file = await run(tempTree({ 'a.sla': MESSY }), 'fmt', 'a.sla');
      const r = await runWith({ stdin: MESSY }, tempTree({}), 'fmt', '-');
      expect(r.code).toBe(0);
      expect(r.out).toBe(file.out);
      expect(r.out).not.toBe(MESSY);
    });

    it('checks standard input with --check: exit 1 and named <stdin> when not formatted', async () => {
      const r = await runWith({ stdin: MESSY }, tempTree({}), 'fmt', '--check', '-');
      expect(r.code).toBe(1);
      expect(r.out).toContain('<stdin>: not formatted');
    });

    it('refuses --write on standard input, and - beside other files, exit 2', async () => {
      expect((await runWith({ stdin: MESSY }, tempTree({}), 'fmt', '--write', '-')).code).toBe(2);
      expect((await runWith({ stdin: MESSY }, tempTree({ 'a.sla': MESSY }), 'fmt', '-', 'a.sla')).code).toBe(2);
    });
  });

  describe('--diff', () => {
    it('prints a unified diff of each file that is not formatted, leaves it unchanged and exits 1', async () => {
      const dir = tempTree({ 'a.sla': MESSY });
      const formatted = (await run(dir, 'fmt', 'a.sla')).out;
      const r = await run(dir, 'fmt', '--diff', 'a.sla');
      expect(r.code).toBe(1);
      expect(r.out.startsWith('--- a/a.sla\n+++ b/a.sla\n@@ ')).toBe(true);
      expect(r.out).toContain('\n-group   acme "示例集团"\n');
      // Applying the diff's lines gives the formatted text: its + and context lines, in order.
      const after = r.out.split('\n').filter((l) => /^[ +]/.test(l) && !l.startsWith('+++')).map((l) => l.slice(1));
      expect(`${after.join('\n')}\n`).toBe(formatted);
      expect(readFileSync(join(dir, 'a.sla'), 'utf8')).toBe(MESSY);
    });

    it('prints nothing and exits 0 when every file is formatted', async () => {
      const dir = tempTree({ 'a.sla': FORMATTED });
      expect((await run(dir, 'fmt', 'a.sla')).out).toBe(FORMATTED);
      const r = await run(dir, 'fmt', '-d', 'a.sla');
      expect(r.code).toBe(0);
      expect(r.out).toBe('');
    });

    it('is one of --check, --diff and --write, exit 2', async () => {
      const r = await run(tempTree({ 'a.sla': MESSY }), 'fmt', '--diff', '--check', 'a.sla');
      expect(r.code).toBe(2);
      expect(r.err).toContain('choose one of --check, --diff and --write');
    });
  });
});
