// Policy versions as the HTTP routes see them: the check of a draft against its scope's
// lineage and the libraries (run in a worker, draft-check-pool.ts), the gate on its tests,
// who may change which section (by whose results the section feeds, section-effects.ts),
// a line diff of two versions, and the effective policy with provenance.
import { checkSources, provenanceOf, type EffectivePolicy, type SourceFile } from '../engine/index.js';
import { parse, type Range } from '../grammar/index.js';
import { ForbiddenError } from './auth/index.js';
import { MAX_LISTED_ERRORS, type ChangedSection, type DraftCheckJob, type DraftError, type FailedTest } from './draft-check.js';
import { HttpError, POLICY_TEST_FAILED, SECTION_NOT_YOURS } from './errors.js';
import { sha256 } from './policies.js';
import type { Organisation, PolicyVersion, Repository, User } from './store/index.js';

export { changedSections, sectionOf, sectionsOf, type DraftError } from './draft-check.js';

/** A draft's source may be at most this many bytes (UTF-8). */
export const MAX_DRAFT_BYTES = 512 * 1024;

/** The draft does not check: 422 with each error and its line and column (the first MAX_LISTED_ERRORS, and how many in all). */
export class DraftInvalidError extends HttpError {
  constructor(
    errors: DraftError[],
    readonly errorCount = errors.length,
  ) {
    const listed = errorCount > errors.length ? `; the first ${errors.length} are listed in errors with their line and column, errorCount says how many there are` : '; each is listed in errors with its line and column';
    super(422, 'policy-invalid', 'The draft does not check', `The draft has ${errorCount} error${errorCount === 1 ? '' : 's'}${listed}.`, errors);
  }
}

/** The version's own tests, or those of a scope extending it, fail: 422 naming each failing test, its line and what it expected. */
export class PolicyTestsFailedError extends HttpError {
  constructor(
    readonly scopeId: string,
    readonly failed: FailedTest[],
  ) {
    super(
      422,
      'policy-tests-failed',
      'The policy\'s tests fail',
      `${failed.length} test${failed.length === 1 ? '' : 's'} fail${failed.length === 1 ? 's' : ''} with this version of '${scopeId}'; each failing expectation is listed in errors. Fix the policy or the test, or (an admin) activate with {"force": true, "reason": "…"}.`,
      failed.flatMap(testErrorItems),
    );
  }
}

function testErrorItems(t: FailedTest): (DraftError & { scope: string; test: string; expected?: string; actual?: string })[] {
  const where = `test "${t.name}" of ${t.scope}`;
  const base = { code: POLICY_TEST_FAILED, pointer: '/source' as const, scope: t.scope, test: t.name };
  if (t.failures.length === 0) return [{ ...base, line: t.line, column: t.column, message: `${where} could not run: ${t.errors.map((e) => `${e.code} ${e.message}`).join('; ')}` }];
  return t.failures.map((f) => ({ ...base, line: f.line, column: f.column, expected: f.expected, actual: f.actual, message: `${where} (line ${t.line}): expected ${f.expected}, actually ${f.actual}` }));
}

/** The draft is larger than MAX_DRAFT_BYTES: 413 naming the limit. */
export class DraftTooLargeError extends HttpError {
  constructor(bytes: number) {
    const message = `The draft's source is ${bytes.toLocaleString('en')} bytes; a policy may be at most ${MAX_DRAFT_BYTES.toLocaleString('en')} bytes (UTF-8). Split it (a branch or property extends its group).`;
    super(413, 'draft-too-large', 'The draft is too large', message, [{ pointer: '/source', message, code: 'H413' }]);
  }
}

/** The draft's base is not the scope's head any more. */
export class StaleDraftError extends HttpError {
  constructor(
    readonly scopeId: string,
    readonly latestVersionId: string | null,
  ) {
    const message = `The draft is not based on the current version of '${scopeId}'${latestVersionId ? ` (${latestVersionId}: the newest draft made on the active version, or the active version)` : ''}; reload it, merge and try again.`;
    super(409, 'stale-base', 'The base version is stale', message, [{ pointer: '/baseVersionId', code: 'H409', message }]);
  }
}

export class NoActivePolicyError extends HttpError {
  constructor(scopeId: string) {
    super(404, 'no-active-policy', 'No active policy', `'${scopeId}' has no active policy version.`);
  }
}

// ---- sections and who owns them ----

/** Who may change a section that feeds no result: quality its own declarations, managers the rest, anyone a test. */
export type Owner = 'quality' | 'manager' | 'anyone';

export function ownerOf(section: string): Owner {
  if (section === 'penalties' || section === 'compliance' || section.startsWith('warning ')) return 'quality';
  if (section.startsWith('test ')) return 'anyone';
  return 'manager';
}

const RESULTS = { quality: 'warnings, penalties and compliance belong to quality', manager: "clocks' due times and states belong to managers" } as const;

/** Why `role` may not change `c`, or undefined when it may: a section is the role's when every result it feeds is. */
function refusal(role: 'manager' | 'quality', c: ChangedSection): string | undefined {
  if (ownerOf(c.section) === 'anyone') return undefined;
  const owners = c.owners.length > 0 ? c.owners : [ownerOf(c.section) as 'manager' | 'quality'];
  const others = owners.filter((o) => o !== role);
  if (others.length === 0) return undefined;
  const reasons = others.map((o) => (c.why[o] ? `it ${c.why[o]} (${RESULTS[o]})` : `it is ${o === 'quality' ? 'quality' : 'managers'}' own (${RESULTS[o]})`));
  const shared = owners.includes(role) ? '; it changes both, so only an admin may change it' : '';
  return `\`${c.section}\`: ${reasons.join('; ')}${shared}`;
}

/**
 * Refuses (403) a change the user may not make to `scope`: viewers never; managers only on
 * properties assigned to them; a manager or quality user only sections whose every effect
 * is on their own results (`changed` from the draft check). Admins anything.
 */
export function assertMayChange(user: User, scope: Organisation, changed: readonly ChangedSection[], what: string): void {
  if (user.role === 'admin') return;
  if (user.role === 'viewer') throw new ForbiddenError(`Viewers may not ${what}.`);
  if (user.role === 'manager' && (scope.kind !== 'property' || !user.properties.includes(scope.id))) {
    throw new ForbiddenError(`Managers may ${what} only for properties assigned to them; '${scope.id}' is not one of yours.`);
  }
  const role = user.role;
  const refused = changed.flatMap((c) => {
    const why = refusal(role, c);
    return why ? [{ section: c.section, why }] : [];
  });
  if (refused.length > 0) {
    const detail = `A ${role} may not change ${refused.map((r) => r.section).join(', ')} of '${scope.id}': ${refused.map((r) => r.why).join('. ')}. Changed: ${changed.map((c) => c.section).join(', ')}.`;
    throw new HttpError(403, 'forbidden', 'Not allowed', detail, refused.map((r) => ({ pointer: '/source', code: SECTION_NOT_YOURS, message: r.why })));
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

/** The active versions of the scopes below `scopeId` (its branches and properties, all levels down). */
export async function dependentsOf(repository: Repository, scopeId: string): Promise<PolicyVersion[]> {
  const all = await repository.listOrganisations();
  const below = new Set([scopeId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of all) {
      if (o.kind !== 'group' && below.has(o.parentId) && !below.has(o.id)) {
        below.add(o.id);
        grew = true;
      }
    }
  }
  below.delete(scopeId);
  const versions = await Promise.all([...below].map((id) => repository.activeVersion(id)));
  return versions.filter((v): v is PolicyVersion => v !== null);
}

export const uriOf = (v: Pick<PolicyVersion, 'scopeId' | 'version'>): string => `${v.scopeId}@${v.version}.sla`;
const libraryUri = (l: SourceFile): string => `library:${l.uri}`;

function sourcesOf(libraries: readonly SourceFile[], versions: readonly PolicyVersion[], extra?: SourceFile): SourceFile[] {
  return [...libraries.map((l) => ({ uri: libraryUri(l), text: l.text })), ...versions.map((v) => ({ uri: uriOf(v), text: v.source })), ...(extra ? [extra] : [])];
}

/**
 * The job of checking `source` as the text of `scope`: with the active versions above it
 * and the libraries, its tests and those of `dependents`, and its sections' effects
 * counted from `base` (null: not asked).
 */
export function draftJob(scope: Organisation, source: string, base: string | undefined | null, chain: Chain, libraries: readonly SourceFile[], dependents: readonly PolicyVersion[]): DraftCheckJob {
  return {
    scope: { id: scope.id, kind: scope.kind },
    uri: `${scope.id}@draft.sla`,
    source,
    base,
    context: sourcesOf(libraries, chain.ancestors),
    dependents: dependents.map((v) => ({ scopeId: v.scopeId, uri: uriOf(v), text: v.source })),
  };
}

/** Checks a draft of `scope` with the active versions above it and the libraries, on this thread; DraftInvalidError (422) when it has errors. */
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
  if (errors.length > 0) throw new DraftInvalidError(errors.slice(0, MAX_LISTED_ERRORS), errors.length);
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
