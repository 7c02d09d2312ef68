// Everything the service learns from a draft's text, in one pass: its errors (checked
// with the active versions above it and the libraries), its `test` blocks' outcomes and
// those of the scopes below that extend it, and which sections it changes with whose
// results each one feeds. Plain data in, plain data out: it runs in a worker thread
// (draft-check-pool.ts), so a large draft never holds up the event loop.
import { runPolicyTests, type EffectivePolicy, type SourceFile, type TestOutcome } from '../engine/index.js';
import { parse, type Module } from '../grammar/index.js';
import { describePath, sectionEffects, type ResultOwner, type SectionEffect } from './section-effects.js';

/** The first this many errors are listed; the rest are counted. */
export const MAX_LISTED_ERRORS = 200;

/** A mistake in a draft's source, with where it is. */
export interface DraftError {
  code: string;
  message: string;
  pointer: '/source';
  line: number;
  column: number;
  help?: string;
}

export interface DraftCheckJob {
  scope: { id: string; kind: string };
  /** The draft's uri among the sources, e.g. `jinxiu-garden@draft.sla`. */
  uri: string;
  source: string;
  /** The text the draft's changes are counted from; undefined for none (every section is new), null to skip. */
  base: string | undefined | null;
  /** The active versions above the scope, root first, and the libraries. */
  context: SourceFile[];
  /** The active versions of the scopes below it, whose tests must pass with the draft too. */
  dependents: { scopeId: string; uri: string; text: string }[];
}

export interface ExpectationFailure {
  line: number;
  column: number;
  expected: string;
  actual: string;
}

export interface FailedTest {
  /** The scope the test is written in (the draft's, or one extending it). */
  scope: string;
  name: string;
  line: number;
  column: number;
  failures: ExpectationFailure[];
  /** Why the test could not run at all. */
  errors: { code: string; message: string }[];
}

export interface TestReport {
  passed: number;
  failed: FailedTest[];
}

export interface ChangedSection {
  section: string;
  /** Whose results it changes; empty when nothing reads it. */
  owners: ResultOwner[];
  /** For each owner, how the section reaches a result of theirs ("is read by the clock `resolve` at line …"). */
  why: Partial<Record<ResultOwner, string>>;
}

export interface DraftCheckReport {
  errors: DraftError[];
  /** All the errors, listed or not. */
  errorCount: number;
  tests: TestReport;
  /** The sections changed from the base, with their effects; empty when the draft has errors or no base was asked about. */
  changed: ChangedSection[];
}

// ---- sections of a module ----

type Declaration = Module['declarations'][number];

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

function changedBetween(before: Module | undefined, after: Module): string[] {
  const a = sectionsOf(before);
  const b = sectionsOf(after);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

/** The sections that differ between two sources, by their ASTs; `before` undefined is an empty policy. */
export function changedSections(before: string | undefined, after: string): string[] {
  return changedBetween(before === undefined ? undefined : parse(before).value, parse(after).value);
}

// ---- the check ----

function failedTest(outcome: TestOutcome, scope: string): FailedTest {
  return {
    scope,
    name: outcome.name,
    line: outcome.range.start.line,
    column: outcome.range.start.column,
    failures: outcome.failures.map((f) => ({ line: f.range.start.line, column: f.range.start.column, expected: f.expected, actual: f.actual })),
    errors: outcome.errors.map((e) => ({ code: e.code, message: e.message })),
  };
}

/** The sections changed from the job's base, each with whose results it feeds in the draft's effective policy. */
function changedSectionsOf(job: DraftCheckJob, policy: EffectivePolicy | undefined, module: Module): ChangedSection[] {
  const effects = policy ? sectionEffects(policy) : new Map<string, SectionEffect>();
  return changedBetween(job.base ? parse(job.base).value : undefined, module).map((section) => {
    const effect = effects.get(section);
    const why: Partial<Record<ResultOwner, string>> = {};
    for (const owner of effect?.owners ?? []) {
      const steps = effect!.paths[owner] ?? [];
      if (steps.length > 0) why[owner] = describePath(steps);
    }
    return { section, owners: effect?.owners ?? [], why };
  });
}

export function runDraftCheck(job: DraftCheckJob): DraftCheckReport {
  const dependents = job.dependents.map((d) => ({ uri: d.uri, text: d.text }));
  const scopeOfUri = new Map([[job.uri, job.scope.id], ...job.dependents.map((d) => [d.uri, d.scopeId] as const)]);
  const run = runPolicyTests([...job.context, { uri: job.uri, text: job.source }, ...dependents], new Set(scopeOfUri.keys()));
  const errors: DraftError[] = [];
  const draftFile = run.check.workspace.files.find((f) => f.uri === job.uri);
  const module = draftFile?.module ?? parse(job.source).value;
  const header = module.header;
  if (header.name.text !== job.scope.id || header.level !== job.scope.kind) {
    errors.push({
      code: 'H422',
      message: `The draft declares \`${header.level} ${header.name.text}\`, but its scope is the ${job.scope.kind} '${job.scope.id}'.`,
      pointer: '/source',
      line: header.range.start.line,
      column: header.range.start.column,
    });
  }
  let errorCount = errors.length;
  for (const d of run.check.diagnostics) {
    if (d.severity !== 'error' || (d.uri !== undefined && d.uri !== job.uri)) continue;
    errorCount++;
    if (errors.length >= MAX_LISTED_ERRORS) continue;
    errors.push({ code: d.code, message: d.message, pointer: '/source', line: d.range.start.line, column: d.range.start.column, ...(d.help !== undefined ? { help: d.help } : {}) });
  }
  const tests: TestReport = { passed: 0, failed: [] };
  const changed = job.base === null ? [] : changedSectionsOf(job, run.check.policies.get(job.scope.id), module);
  if (errorCount > 0) return { errors, errorCount, tests, changed };

  for (const outcome of run.outcomes) {
    if (outcome.passed) tests.passed++;
    else tests.failed.push(failedTest(outcome, scopeOfUri.get(outcome.uri) ?? job.scope.id));
  }
  // A scope below that no longer compiles with the draft cannot run its tests: each such policy counts as one failure.
  const blocked = new Map<string, { code: string; message: string }[]>();
  for (const e of run.errors) {
    const scope = scopeOfUri.get(e.uri ?? '') ?? job.scope.id;
    blocked.set(scope, [...(blocked.get(scope) ?? []), { code: e.code, message: e.message }]);
  }
  for (const [scope, list] of blocked) tests.failed.push({ scope, name: `(the tests of ${scope} cannot run)`, line: 1, column: 1, failures: [], errors: list.slice(0, MAX_LISTED_ERRORS) });

  return { errors, errorCount, tests, changed };
}
