// Finding and reading .sla files named on the command line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { SourceFile } from '../engine/index.js';
import { stdinOf, textOf, UsageError, type Io } from './io.js';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'data']);
/** How a policy read from standard input is named in diagnostics. */
export const STDIN_URI = '<stdin>';

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name), out);
    } else if (entry.name.endsWith('.sla')) {
      out.push(join(dir, entry.name));
    }
  }
}

/** Absolute paths of the .sla files at or under each path, in a stable order. */
export function findPolicyFiles(cwd: string, paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    if (stat.isDirectory()) walk(abs, out);
    else out.push(abs);
  }
  return [...new Set(out)];
}

/** Reads files as SourceFiles whose uri is the path relative to cwd, as people type it. */
export function readSources(cwd: string, absPaths: readonly string[]): SourceFile[] {
  return absPaths.map((abs) => ({ uri: relative(cwd, abs) || abs, text: readFileSync(abs, 'utf8') }));
}

/** The files a command names, or standard input when it names `-` (alone). */
export async function readNamedSources(io: Io, paths: readonly string[]): Promise<{ named: string[]; sources: SourceFile[] }> {
  if (!paths.includes('-')) {
    const named = findPolicyFiles(io.cwd, paths);
    return { named, sources: readSources(io.cwd, named) };
  }
  if (paths.length > 1) throw new UsageError(textOf(io).stdinAlone);
  return { named: [], sources: [{ uri: STDIN_URI, text: await stdinOf(io) }] };
}
