// `node bin/run-ts.mjs scripts/rule-books-refs.ts [--fix] [FILE]` keeps the file:line references of
// docs/rule-books.md true. A reference is written `policies/<file>.sla:LINE` followed by the
// declaration it points at, `clock resolve`, `warning blue`, `test "…"`, or a member name
// (`second_complaint`): the line must be the first one of that file that begins (after
// indentation) with the declaration. Without --fix it lists the stale references and exits 1;
// with --fix it rewrites each LINE from the declaration, so the references survive edits and merges.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Ref {
  /** Offset of the line number in the document, and its length. */
  at: number;
  length: number;
  file: string;
  line: number;
  declaration: string;
}

const REF = /`(policies\/[\w./-]+\.sla):(\d+)` `([^`\n]+)`/g;

export function findRefs(doc: string): Ref[] {
  return [...doc.matchAll(REF)].map((m) => {
    const digits = m[2] as string;
    const at = (m.index as number) + 1 + (m[1] as string).length + 1;
    return { at, length: digits.length, file: m[1] as string, line: Number(digits), declaration: m[3] as string };
  });
}

/** The 1-based line of the first line that begins with the declaration, or undefined. */
export function declarationLine(source: string, declaration: string): number | undefined {
  const lines = source.split('\n');
  const i = lines.findIndex((l) => {
    const t = l.trimStart();
    if (!t.startsWith(declaration)) return false;
    const next = t.charAt(declaration.length);
    return next === '' || next === ' ' || next === '{' || next === ':';
  });
  return i < 0 ? undefined : i + 1;
}

export interface Stale {
  ref: Ref;
  /** Where the declaration is now; undefined when the file no longer declares it. */
  actual: number | undefined;
}

export function staleRefs(doc: string, read: (file: string) => string): Stale[] {
  const sources = new Map<string, string>();
  const source = (file: string) => {
    if (!sources.has(file)) sources.set(file, read(file));
    return sources.get(file) as string;
  };
  return findRefs(doc)
    .map((ref) => ({ ref, actual: declarationLine(source(ref.file), ref.declaration) }))
    .filter((s) => s.actual !== s.ref.line);
}

/** The document with every line number set from its declaration; refs to missing declarations are left as they are. */
export function fixRefs(doc: string, read: (file: string) => string): { text: string; missing: Stale[] } {
  const stale = staleRefs(doc, read);
  let text = doc;
  for (const s of [...stale].sort((a, b) => b.ref.at - a.ref.at)) {
    if (s.actual === undefined) continue;
    text = text.slice(0, s.ref.at) + String(s.actual) + text.slice(s.ref.at + s.ref.length);
  }
  return { text, missing: stale.filter((s) => s.actual === undefined) };
}

function main(argv: string[]): number {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const fix = argv.includes('--fix');
  const file = resolve(argv.find((a) => !a.startsWith('--')) ?? join(root, 'docs/rule-books.md'));
  const doc = readFileSync(file, 'utf8');
  const read = (f: string) => readFileSync(join(root, f), 'utf8');
  if (fix) {
    const { text, missing } = fixRefs(doc, read);
    if (text !== doc) writeFileSync(file, text);
    for (const m of missing) console.error(`${m.ref.file}: no declaration '${m.ref.declaration}' (referenced as line ${m.ref.line})`);
    console.log(`${findRefs(doc).length} references, ${staleRefs(doc, read).length - missing.length} rewritten, ${missing.length} missing`);
    return missing.length > 0 ? 1 : 0;
  }
  const stale = staleRefs(doc, read);
  for (const s of stale) console.error(`${s.ref.file}:${s.ref.line} '${s.ref.declaration}' ${s.actual === undefined ? 'is not declared' : `is at line ${s.actual}`}`);
  console.log(`${findRefs(doc).length} references, ${stale.length} stale${stale.length > 0 ? ' (run with --fix)' : ''}`);
  return stale.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
