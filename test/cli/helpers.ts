// Runs `beacon` commands in-process against a temporary folder of files.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../cli/main.js';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export async function run(cwd: string, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { cwd, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
