// Loading one policy for evaluation from the command line: the named file,
// with ./policies (and --with folders) for what it extends and uses. A draft
// may reuse the id of a shipped policy it is meant to replace, so the shipped
// file with that id is left out.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { hasErrors, parse, type Diagnostic } from '../grammar/index.js';
import { checkSources, compile, type CompiledPolicy, type EngineError, type SourceFile } from '../engine/index.js';
import { codeFrame } from './code-frame.js';
import { findPolicyFiles, readSources } from './files.js';
import { UsageError, type Io } from './io.js';

export interface Loaded {
  policy: CompiledPolicy;
  uri: string;
  /** The files it was compiled from, for workers that compile it again. */
  sources: SourceFile[];
}

function idOf(text: string): string {
  return parse(text).value.header.name.text;
}

/** Loads and compiles one policy; prints what is wrong and returns undefined when it cannot be used. */
export function loadPolicy(io: Io, file: string, withDirs: readonly string[], options: { id?: string; partial?: boolean } = {}): Loaded | undefined {
  const abs = resolve(io.cwd, file);
  if (!existsSync(abs)) throw new UsageError(`No such policy file: ${file}`);
  const uri = relative(io.cwd, abs) || abs;
  const text = readFileSync(abs, 'utf8');
  const id = options.id ?? idOf(text);
  const roots = [...withDirs];
  if (existsSync(resolve(io.cwd, 'policies'))) roots.push('policies');
  const others = readSources(io.cwd, findPolicyFiles(io.cwd, roots).filter((f) => f !== abs)).filter((s) => idOf(s.text) !== idOf(text));
  const sources = [...others, { uri, text }];
  const result = checkSources(sources);
  const policy = result.policies.get(id);
  if (!policy) throw new UsageError(`No policy '${id}' in ${file}`);
  const chainUris = new Set(policy.chain.map((f) => f.uri));
  const blocking = result.diagnostics.filter((d: Diagnostic) => d.severity === 'error' && d.uri !== undefined && chainUris.has(d.uri));
  if (hasErrors(blocking)) {
    const sources = new Map(result.workspace.files.map((f) => [f.uri, f.parsed.source]));
    for (const d of blocking) io.err(`${codeFrame(d, d.uri ? sources.get(d.uri) : undefined)}\n\n`);
    return undefined;
  }
  const compiled = compile(policy, options.partial ? { partial: true } : {});
  if (!compiled.value) {
    printErrors(io, compiled.errors);
    return undefined;
  }
  return { policy: compiled.value, uri, sources };
}

export function printErrors(io: Io, errors: readonly EngineError[]): void {
  for (const e of errors) {
    const where = e.pointer ?? (e.uri ? `${e.uri}${e.range ? `:${e.range.start.line}:${e.range.start.column}` : ''}` : '');
    io.err(`${where}: error ${e.code} ${e.message}${e.help ? `\n   help: ${e.help}` : ''}\n`);
  }
}
