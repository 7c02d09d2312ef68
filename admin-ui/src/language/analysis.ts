// One analysis of the open file with its related files: parsed, linked and checked
// by the engine exactly as `beacon check` does, plus the effective policy that
// hover, completion and go-to-definition read. Cached on the inputs, because
// Monaco asks several providers about the same text in a row.
import { checkSources, incrementalParsing, type CheckResult, type EffectivePolicy, type ModuleFile } from '../../../engine/index.js';
import type { Module } from '../../../grammar/index.js';
import type { RelatedFile } from './types.js';

export interface Analysis {
  path: string;
  text: string;
  module: Module;
  file: ModuleFile;
  check: CheckResult;
  /** The effective policy of the open file: its chain merged, libraries included. */
  policy: EffectivePolicy | undefined;
  /** Text of every file by path, for provenance's "as written". */
  texts: Map<string, string>;
}

let last: { key: string; related: readonly RelatedFile[]; analysis: Analysis } | undefined;
// Each file's last parse is kept: a keystroke re-parses the declaration it touched, and the
// files the open one extends (handed over unchanged on every request) are not re-parsed.
const parseSource = incrementalParsing();

export function analyse(text: string, path: string, related: readonly RelatedFile[] = []): Analysis {
  const key = `${path}\u0000${text}`;
  if (last && last.key === key && last.related === related) return last.analysis;
  const sources = [...related.filter((r) => r.path !== path).map((r) => ({ uri: r.path, text: r.text })), { uri: path, text }];
  const check = checkSources(sources, { parse: parseSource });
  const file = check.workspace.files.find((f) => f.uri === path) as ModuleFile;
  const policy = check.workspace.byId.get(file.id) === file ? check.policies.get(file.id) : undefined;
  const analysis: Analysis = { path, text, module: file.module, file, check, policy, texts: new Map(sources.map((s) => [s.uri, s.text])) };
  last = { key, related, analysis };
  return analysis;
}
