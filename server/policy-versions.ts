// Policy versions as the HTTP routes see them: checking a draft against its scope's
// lineage and the libraries, who may change which section (decided on the ASTs, not the
// text), a line diff of two versions, and the effective policy with provenance.
import { checkSources, provenanceOf, type EffectivePolicy, type SourceFile } from '../engine/index.js';
import { parse, type Declaration, type Module, type Range } from '../grammar/index.js';
import { ForbiddenError } from './auth/index.js';
import { HttpError } from './errors.js';
import { sha256 } from './policies.js';
import type { Organisation, PolicyVersion, Repository, User } from './store/index.js';

/** A mistake in a draft's source, with where it is. */
export interface DraftError {
  code: string;
  message: string;
  pointer: '/source';
  line: number;
  column: number;
  help?: string;
}

/** The draft does not check: 422 with each error and its line and column. */
export class DraftInvalidError extends HttpError {
  constructor(errors: DraftError[]) {
    super(422, 'policy-invalid', 'The draft does not check', `The draft has ${errors.length} error${errors.length === 1 ? '' : 's'}; each is listed in errors with its line and column.`, errors);
  }
}

/** The draft's base is not the scope's latest version any more. */
export class StaleDraftError extends HttpError {
  constructor(
    readonly scopeId: string,
    readonly latestVersionId: string | null,
  ) {
    const message = `The draft is not based on the latest version of '${scopeId}'${latestVersionId ? ` (${latestVersionId})` : ''}; reload it, merge and try again.`;
    super(409, 'stale-base', 'The base version is stale', message, [{ pointer: '/baseVersionId', code: 'H409', message }]);
  }
}

export class NoActivePolicyError extends HttpError {
  constructor(scopeId: string) {
    super(404, 'no-active-policy', 'No active policy', `'${scopeId}' has no active policy version.`);
  }
}

// ---- sections and who owns them ----

/** Sections quality owns everywhere; managers own the rest of their properties' policies. */
export type Owner = 'quality' | 'manager' | 'anyone';

export function ownerOf(section: string): Owner {
  if (section === 'penalties' || section === 'compliance' || section.startsWith('warning ')) return 'quality';
  if (section.startsWith('test ')) return 'anyone';
  return 'manager';
}

function declName(d: Declaration): string | undefined {
  const named = d as { name?: { text?: string; value?: string } };
  return named.name?.text ?? named.name?.value;
}

/** The section a declaration belongs to: "penalties", "compliance", "warning red", "clock contact", "param households"… */
export function sectionOf(d: Declaration): string {
  const kind = d.kind.toLowerCase();
  const name = declName(d);
  return name === undefined ? kind : `${kind} ${name}`;
}

const withoutRanges = (value: unknown): string => JSON.stringify(value, (key, v: unknown) => (key === 'range' ? undefined : v));

/** Each section of a module, its declarations without their ranges (so comments, spacing and order within the file do not count). */
export function sectionsOf(module: Module | undefined): Map<string, string> {
  const out = new Map<string, string[]>();
  if (module) {
    out.set('header', [withoutRanges(module.header)]);
    for (const d of module.declarations) {
      const key = sectionOf(d);
      const list = out.get(key) ?? [];
      list.push(withoutRanges(d));
      out.set(key, list);
    }
  }
  return new Map([...out].map(([k, v]) => [k, JSON.stringify(v)]));
}

/** The sections that differ between two sources, by their ASTs; `before` undefined is an empty policy. */
export function changedSections(before: string | undefined, after: string): string[] {
  const a = sectionsOf(before === undefined ? undefined : parse(before).value);
  const b = sectionsOf(parse(after).value);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

/**
 * Refuses (403, naming the sections) a change the user may not make to `scope`:
 * viewers never; managers only on properties assigned to them and nothing quality owns
 * (warnings, penalties, compliance); quality only what it owns; admins anything.
 */
export function assertMayChange(user: User, scope: Organisation, changed: readonly string[], what: string): void {
  if (user.role === 'admin') return;
  if (user.role === 'viewer') throw new ForbiddenError(`Viewers may not ${what}.`);
  if (user.role === 'manager' && (scope.kind !== 'property' || !user.properties.includes(scope.id))) {
    throw new ForbiddenError(`Managers may ${what} only for properties assigned to them; '${scope.id}' is not one of yours.`);
  }
  const allowed: Owner = user.role === 'manager' ? 'manager' : 'quality';
  const refused = changed.filter((s) => {
    const owner = ownerOf(s);
    return owner !== 'anyone' && owner !== allowed;
  });
  if (refused.length > 0) {
    const owners = allowed === 'manager' ? 'quality (warnings, penalties, compliance)' : 'managers and admins (clocks, targets, placeholders and the rest)';
    throw new ForbiddenError(`A ${user.role} may not change ${refused.join(', ')} of '${scope.id}': those sections belong to ${owners}. Changed: ${changed.join(', ')}.`);
  }
}

// ---- the scope's chain ----

export interface Chain {
  /** The scope's ancestors' active versions, root first (not the scope itself). */
  ancestors: PolicyVersion[];
  /** The scope's own active version. */
  own: PolicyVersion | null;
}

export async function chainOf(repository: Repository, scopeId: string): Promise<Chain> {
  const lineage = await repository.lineage(scopeId); // self first
  const active = await Promise.all([...lineage].reverse().map((o) => repository.activeVersion(o.id)));
  const own = active.pop() ?? null;
  return { ancestors: active.filter((v): v is PolicyVersion => v !== null), own };
}

export const uriOf = (v: Pick<PolicyVersion, 'scopeId' | 'version'>): string => `${v.scopeId}@${v.version}.sla`;
const libraryUri = (l: SourceFile): string => `library:${l.uri}`;

function sourcesOf(libraries: readonly SourceFile[], versions: readonly PolicyVersion[], extra?: SourceFile): SourceFile[] {
  return [...libraries.map((l) => ({ uri: libraryUri(l), text: l.text })), ...versions.map((v) => ({ uri: uriOf(v), text: v.source })), ...(extra ? [extra] : [])];
}

/** Checks a draft of `scope` with the active versions above it and the libraries; DraftInvalidError (422) when it has errors. */
export function checkDraft(scope: Organisation, source: string, chain: Chain, libraries: readonly SourceFile[]): void {
  const uri = `${scope.id}@draft.sla`;
  const result = checkSources(sourcesOf(libraries, chain.ancestors, { uri, text: source }));
  const errors: DraftError[] = result.diagnostics
    .filter((d) => d.severity === 'error' && (d.uri === undefined || d.uri === uri))
    .map((d) => ({ code: d.code, message: d.message, pointer: '/source' as const, line: d.range.start.line, column: d.range.start.column, ...(d.help !== undefined ? { help: d.help } : {}) }));
  const header = parse(source).value.header;
  const at = (r: Range) => ({ line: r.start.line, column: r.start.column });
  if (header.name.text !== scope.id || header.level !== scope.kind) {
    errors.unshift({
      code: 'H422',
      message: `The draft declares \`${header.level} ${header.name.text}\`, but its scope is the ${scope.kind} '${scope.id}'.`,
      pointer: '/source',
      ...at(header.range),
    });
  }
  if (errors.length > 0) throw new DraftInvalidError(errors);
}

export const hashOf = sha256;

// ---- diff ----

export interface DiffLine {
  op: ' ' | '+' | '-';
  line: string;
}

export interface Hunk {
  /** 1-based first line in the old and new text, and how many lines of each the hunk spans. */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** Above this many cells the middle is shown as removed and added, not aligned. */
const MAX_CELLS = 16_000_000;

/** A line diff by longest common subsequence (common head and tail trimmed first). */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const middle: DiffLine[] = [];
  const n = x.length;
  const m = y.length;
  if (n * m > MAX_CELLS) {
    for (const line of x) middle.push({ op: '-', line });
    for (const line of y) middle.push({ op: '+', line });
  } else {
    // lcs[i][j]: the LCS length of x[i..] and y[j..].
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        middle.push({ op: ' ', line: x[i]! });
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) middle.push({ op: '-', line: x[i++]! });
      else middle.push({ op: '+', line: y[j++]! });
    }
    while (i < n) middle.push({ op: '-', line: x[i++]! });
    while (j < m) middle.push({ op: '+', line: y[j++]! });
  }
  return [...a.slice(0, head).map((line) => ({ op: ' ' as const, line })), ...middle, ...a.slice(a.length - tail).map((line) => ({ op: ' ' as const, line }))];
}

/** Unified-style hunks: the changed lines with `context` unchanged lines around them. */
export function hunksOf(lines: readonly DiffLine[], context = 3): Hunk[] {
  const hunks: Hunk[] = [];
  // Old and new line numbers before each entry.
  const pos: { o: number; n: number }[] = [];
  let o = 1;
  let nn = 1;
  for (const l of lines) {
    pos.push({ o, n: nn });
    if (l.op !== '+') o++;
    if (l.op !== '-') nn++;
  }
  let k = 0;
  while (k < lines.length) {
    if (lines[k]!.op === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k; // exclusive end of the changes so far
    while (end < lines.length) {
      if (lines[end]!.op !== ' ') {
        end++;
        continue;
      }
      // A run of unchanged lines: the hunk goes on if another change comes within 2 × context.
      let run = end;
      while (run < lines.length && lines[run]!.op === ' ') run++;
      if (run < lines.length && run - end <= 2 * context) end = run;
      else break;
    }
    const stop = Math.min(lines.length, end + context);
    const slice = lines.slice(start, stop);
    hunks.push({
      oldStart: pos[start]!.o,
      oldLines: slice.filter((l) => l.op !== '+').length,
      newStart: pos[start]!.n,
      newLines: slice.filter((l) => l.op !== '-').length,
      lines: slice,
    });
    k = stop;
  }
  return hunks;
}

const linesOf = (text: string): string[] => text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');

export function diffVersions(a: PolicyVersion, b: PolicyVersion): { hunks: Hunk[]; added: number; removed: number } {
  const lines = diffLines(linesOf(a.source), linesOf(b.source));
  return { hunks: hunksOf(lines), added: lines.filter((l) => l.op === '+').length, removed: lines.filter((l) => l.op === '-').length };
}

// ---- effective policy with provenance ----

export interface ProvenanceEntry {
  path: string;
  value: string;
  module: string;
  uri: string;
  line: number;
  /** The scope and version that set it; null for a library. */
  scope: string | null;
  version: number | null;
}

export function effectiveOf(scopeId: string, chain: Chain, libraries: readonly SourceFile[]): { policy: EffectivePolicy | undefined; rows: ProvenanceEntry[] } {
  if (!chain.own) throw new NoActivePolicyError(scopeId);
  const versions = [...chain.ancestors, chain.own];
  const sources = sourcesOf(libraries, versions);
  const texts = new Map(sources.map((s) => [s.uri, s.text]));
  const byUri = new Map(versions.map((v) => [uriOf(v), v]));
  const result = checkSources(sources);
  const policy = result.policies.get(scopeId);
  if (!policy) return { policy, rows: [] };
  const rows = provenanceOf(policy, (uri, range) => (texts.get(uri) ?? '').slice(range.start.offset, range.end.offset)).map((r) => {
    const v = byUri.get(r.uri);
    return { ...r, scope: v?.scopeId ?? null, version: v?.version ?? null };
  });
  return { policy, rows };
}
