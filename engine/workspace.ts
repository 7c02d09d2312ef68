// A workspace is every .sla file the caller handed over, parsed and linked:
// which module each file declares, what it extends and which libraries it uses.
// Pure data in, data out: reading files is the caller's business (CLI, server, browser).
import { diagnostic, parse, type Diagnostic, type Module, type Name, type ParseResult } from '../grammar/index.js';
import { didYouMean } from './suggest.js';

export interface SourceFile {
  uri: string;
  text: string;
}

export interface ModuleFile {
  uri: string;
  parsed: ParseResult;
  module: Module;
  id: string;
}

export interface Workspace {
  files: ModuleFile[];
  /** The first file that declared each id; later duplicates are reported, not linked. */
  byId: Map<string, ModuleFile>;
  diagnostics: Diagnostic[];
}

/** Parses one source file; `parse` unless the caller remembers earlier parses (engine/incremental-check.ts). */
export type ParseSource = (source: SourceFile) => ParseResult;

export function buildWorkspace(sources: readonly SourceFile[], parseSource: ParseSource = (source) => parse(source.text)): Workspace {
  const files: ModuleFile[] = [];
  const byId = new Map<string, ModuleFile>();
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    for (const d of parsed.diagnostics) diagnostics.push({ ...d, uri: source.uri });
    const file: ModuleFile = { uri: source.uri, parsed, module: parsed.value, id: parsed.value.header.name.text };
    files.push(file);
    if (file.id === '') continue;
    const first = byId.get(file.id);
    if (first) {
      diagnostics.push(
        diagnostic('C205', file.module.header.name.range, `Policy id '${file.id}' is already declared in ${first.uri}.`, {
          uri: file.uri,
          help: 'Each policy file needs its own id.',
        }),
      );
    } else {
      byId.set(file.id, file);
    }
  }
  const ws: Workspace = { files, byId, diagnostics };
  for (const file of files) linkModule(ws, file);
  return ws;
}

function lookup(ws: Workspace, file: ModuleFile, ref: Name, what: string): ModuleFile | undefined {
  if (ref.text === '') return undefined;
  const target = ws.byId.get(ref.text);
  if (!target) {
    const suggestion = didYouMean(ref.text, [...ws.byId.keys()]);
    ws.diagnostics.push(
      diagnostic('C203', ref.range, `No ${what} '${ref.text}' was found among the loaded policy files.`, {
        uri: file.uri,
        help: suggestion ? `Did you mean '${suggestion}'?` : 'Check the id, or load the folder that holds it.',
      }),
    );
  }
  return target;
}

function linkModule(ws: Workspace, file: ModuleFile): void {
  const { header } = file.module;
  if (header.extends) {
    const parent = lookup(ws, file, header.extends, 'policy');
    if (header.level === 'library') {
      ws.diagnostics.push(
        diagnostic('C206', header.extends.range, 'A library cannot extend another policy.', { uri: file.uri, help: 'Use `use` inside a policy instead.' }),
      );
    } else if (parent && (parent.module.header.level === 'property' || parent.module.header.level === 'library')) {
      ws.diagnostics.push(
        diagnostic('C206', header.extends.range, `'${parent.id}' is a ${parent.module.header.level}; only a group or a branch can be extended.`, {
          uri: file.uri,
        }),
      );
    }
  }
  for (const decl of file.module.declarations) {
    if (decl.kind !== 'Use') continue;
    for (const ref of decl.names) {
      const lib = lookup(ws, file, ref, 'library');
      if (lib && lib.module.header.level !== 'library') {
        ws.diagnostics.push(
          diagnostic('C206', ref.range, `'${lib.id}' is a ${lib.module.header.level}, not a library; only libraries can be used.`, {
            uri: file.uri,
            help: 'To build on a policy, write `extends` in the header.',
          }),
        );
      }
    }
  }
}

/**
 * The chain of modules from the root to `file` (root first). A cycle or a
 * missing link ends the chain; the cycle is reported once, on each member.
 */
export function chainOf(ws: Workspace, file: ModuleFile): { chain: ModuleFile[]; cycle: boolean } {
  const chain: ModuleFile[] = [file];
  const seen = new Set<ModuleFile>([file]);
  let current = file;
  while (current.module.header.extends) {
    const parent = ws.byId.get(current.module.header.extends.text);
    if (!parent || parent.module.header.level === 'library' || parent.module.header.level === 'property') break;
    if (seen.has(parent)) return { chain: chain.reverse(), cycle: true };
    seen.add(parent);
    chain.push(parent);
    current = parent;
  }
  return { chain: chain.reverse(), cycle: false };
}

export function reportCycles(ws: Workspace): void {
  for (const file of ws.files) {
    const ext = file.module.header.extends;
    if (!ext || ws.byId.get(file.id) !== file) continue;
    const { chain, cycle } = chainOf(ws, file);
    // A module that merely extends a member of a cycle is not itself in it.
    if (cycle && ws.byId.get((chain[0] as ModuleFile).module.header.extends?.text ?? '') === file) {
      const ids = chain.map((f) => f.id);
      ws.diagnostics.push(
        diagnostic('C204', ext.range, `'${file.id}' extends itself through ${[...ids].reverse().join(' -> ')} -> ${file.id}.`, {
          uri: file.uri,
          help: 'Break the cycle: a group extends nothing, branches extend the group, properties extend a branch or the group.',
        }),
      );
    }
  }
}

/** Libraries used anywhere in a chain, in order of first use. */
export function librariesOf(ws: Workspace, chain: readonly ModuleFile[]): ModuleFile[] {
  const out: ModuleFile[] = [];
  for (const file of chain) {
    for (const decl of file.module.declarations) {
      if (decl.kind !== 'Use') continue;
      for (const ref of decl.names) {
        const lib = ws.byId.get(ref.text);
        if (lib && lib.module.header.level === 'library' && !out.includes(lib)) out.push(lib);
      }
    }
  }
  return out;
}
