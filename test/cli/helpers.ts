// Runs `beacon` commands in-process against a temporary folder of files.
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.js';
import type { Io } from '../../cli/io.js';

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
  return runWith({}, cwd, ...argv);
}

/** As run, with standard input, a terminal or a language for the command. */
export async function runWith(extra: { stdin?: string; errIsTTY?: boolean; lang?: Io['lang'] }, cwd: string, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: Io = { cwd, out: (t) => (out += t), err: (t) => (err += t) };
  if (extra.stdin !== undefined) io.readStdin = async () => extra.stdin as string;
  if (extra.errIsTTY !== undefined) io.errIsTTY = extra.errIsTTY;
  if (extra.lang !== undefined) io.lang = extra.lang;
  const code = await main(argv, io);
  return { code, out, err };
}

const SHIPPED_POLICIES = fileURLToPath(new URL('../../policies', import.meta.url));

/** A temp folder with a copy of the shipped policies (found as ./policies) and the given files. */
export function policiesTree(files: Record<string, string> = {}): string {
  const dir = tempTree(files);
  cpSync(SHIPPED_POLICIES, join(dir, 'policies'), { recursive: true });
  return dir;
}
