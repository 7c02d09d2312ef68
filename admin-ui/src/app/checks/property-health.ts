// What the properties page shows for a property beyond its versions: how many [X] of its
// lineage it leaves unfilled, and how many of its own tests fail. Computed in the browser
// with the same grammar and engine the server checks drafts with, from the texts the API
// serves (the lineage's active versions, the property's open draft or active version, the
// libraries). Runs in a worker (health.worker.ts): the tests of a property take a while.
import { checkSources, runPolicyTests, type SourceFile } from '../../../../engine/index.js';

export interface HealthRequest {
  /** The lineage's texts and the libraries; the property's own text among them at `uri`. */
  sources: SourceFile[];
  uri: string;
}

export interface PropertyHealth {
  /** Values its lineage leaves as [X] that the property does not fill (C602). */
  placeholders: number;
  /** Errors other than unfilled placeholders: the policy does not check. */
  errors: number;
  tests: number;
  /** Tests that failed, or could not run because the policy does not check. */
  failed: number;
  /** Why the tests could not run at all in this browser (the engine threw). */
  testsError?: string;
}

export function propertyHealth({ sources, uri }: HealthRequest): PropertyHealth {
  const own = checkSources(sources).diagnostics.filter((d) => d.uri === uri && d.severity === 'error');
  const placeholders = own.filter((d) => d.code === 'C602').length;
  const health: PropertyHealth = { placeholders, errors: own.length - placeholders, tests: 0, failed: 0 };
  try {
    const run = runPolicyTests(sources, new Set([uri]));
    health.tests = run.outcomes.length;
    health.failed = run.outcomes.filter((o) => !o.passed).length + (run.errors.length > 0 ? 1 : 0);
  } catch (e) {
    // Placeholders are still worth showing when the tests cannot run.
    health.testsError = e instanceof Error ? e.message : String(e);
  }
  return health;
}
