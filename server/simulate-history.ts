// What POST /v1/simulate runs: the two policies (the property's active chain, and the
// same chain with a draft or an unsaved source in place of one level) and the history
// streamed through the engine's Simulation a page at a time, in creation order, so
// share and repeat conditions count as the engine's own simulate does and memory stays
// flat however long the period.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Simulation, type CompiledPolicy, type SimulationReport, type SourceFile, type Ticket } from '../engine/index.js';
import { HttpError, PolicyUnusableError, UnknownPropertyError } from './errors.js';
import { MIN_CONTEXT_DAYS } from './ledger.js';
import { compileChain, propertyLineage, sha256 } from './policies.js';
import { draftJob, DraftInvalidError } from './policy-versions.js';
import type { DraftChecker } from './draft-check-pool.js';
import type { ChainItem, SimulationSide } from './schemas/index.js';
import { NotFoundError, type Organisation, type PolicyVersion, type Repository } from './store/index.js';

/** Tickets read from the store per query, and between two progress reports. */
export const PAGE = 1000;

/** Code of a draft or scope outside the property's lineage (a 422, like a draft declaring the wrong scope). */
export const NOT_IN_LINEAGE = 'H422';

export interface SimulationTarget {
  property: string;
  /** A stored version id of the property, its branch or its group. */
  draft?: string;
  /** An unsaved text of `scope` (the property by default). */
  source?: string;
  scope?: string;
}

export interface SimulationPolicies {
  from: CompiledPolicy;
  to: CompiledPolicy;
  sides: { from: SimulationSide; to: SimulationSide };
  /** The property's households as the store records them (households() reads them; 0: unknown, E340). */
  households: number;
}

/** Stored tickets created in [from, to), or uploaded ones. */
export type History = { source: 'stored'; from: Date; to: Date } | { source: 'uploaded'; tickets: readonly Ticket[] };

const itemOf = (v: PolicyVersion, unsaved = false): ChainItem => ({ scope: v.scopeId, id: unsaved ? null : v.id, version: unsaved ? null : v.version, hash: v.hash });

function notInLineage(pointer: string, what: string, lineage: readonly Organisation[]): HttpError {
  const path = [...lineage].reverse().map((o) => o.id).join(' > ');
  const message = `${what} is not in the lineage of property '${lineage[0]?.id}' (${path}); only a version of one of those scopes can stand in for its active version.`;
  return new HttpError(422, 'not-in-lineage', 'Not in the property’s lineage', message, [{ pointer, code: NOT_IN_LINEAGE, message }]);
}


/** A stored version by id; 404 naming /draft. */
async function versionOf(repository: Repository, id: string): Promise<PolicyVersion> {
  try {
    return await repository.getVersion(id);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    const message = `There is no policy version '${id}'.`;
    throw new HttpError(404, 'not-found', 'No such policy version', message, [{ pointer: '/draft', code: 'H404', message }]);
  }
}

/**
 * Compiles both sides from one read of the lineage's active versions, so `from` and
 * `to` differ only in the substituted level. A source is checked like a new draft
 * (422 with line and column); a chain the draft breaks elsewhere is a 422 too, since
 * it is the draft, not the active policy, that cannot be used.
 */
export async function simulationPolicies(repository: Repository, libraries: readonly SourceFile[], target: SimulationTarget, author: string, now: Date, checker: DraftChecker): Promise<SimulationPolicies> {
  const lineage = await propertyLineage(repository, target.property, '/property');
  const rootFirst = [...lineage].reverse();
  const active = await Promise.all(rootFirst.map((o) => repository.activeVersion(o.id)));
  if (!active[active.length - 1]) throw new UnknownPropertyError(target.property, '/property', 'no-policy');

  let level: number;
  let substitute: PolicyVersion;
  const pointer = target.draft !== undefined ? '/draft' : '/source';
  if (target.draft !== undefined) {
    substitute = await versionOf(repository, target.draft);
    level = rootFirst.findIndex((o) => o.id === substitute.scopeId);
    if (level < 0) throw notInLineage('/draft', `Version '${substitute.id}' belongs to '${substitute.scopeId}', which`, lineage);
  } else {
    const scopeId = target.scope ?? target.property;
    level = rootFirst.findIndex((o) => o.id === scopeId);
    if (level < 0) throw notInLineage(target.scope !== undefined ? '/scope' : '/property', `'${scopeId}'`, lineage);
    const source = target.source ?? '';
    const ancestors = active.slice(0, level).filter((v): v is PolicyVersion => v !== null);
    // In the draft checker's worker, as drafts are: a megabyte of source must not hold up the event loop.
    const report = await checker.check(draftJob(rootFirst[level] as Organisation, source, null, { ancestors, own: active[level] ?? null }, libraries, []));
    if (report.errorCount > 0) throw new DraftInvalidError(report.errors, report.errorCount);
    const base = active[level] ?? null;
    substitute = { id: 'unsaved', scopeId, version: 0, hash: sha256(source), baseVersionId: base?.id ?? null, status: 'draft', createdBy: author, createdAt: now.toISOString(), comment: null, source };
  }

  const fromVersions = active.filter((v): v is PolicyVersion => v !== null);
  const toVersions = active.map((v, i) => (i === level ? substitute : v)).filter((v): v is PolicyVersion => v !== null);
  const from = compileChain(target.property, fromVersions, libraries);
  let to: CompiledPolicy;
  try {
    to = compileChain(target.property, toVersions, libraries);
  } catch (e) {
    if (!(e instanceof PolicyUnusableError)) throw e;
    const what = target.draft !== undefined ? `version '${substitute.id}' of '${substitute.scopeId}'` : `this source for '${substitute.scopeId}'`;
    throw new HttpError(422, 'policy-invalid', 'The policy with the draft does not check', `With ${what} in place, the policy of '${target.property}' cannot be compiled; each error is listed in errors.`, (e.errors ?? []).map((item) => ({ ...item, pointer })));
  }
  const side = (versions: PolicyVersion[], compiled: CompiledPolicy): SimulationSide => ({
    policy: compiled.id,
    property: target.property,
    chain: versions.map((v) => itemOf(v, v === substitute && target.draft === undefined)),
  });
  const own = lineage[0];
  const households = own?.kind === 'property' ? own.households : 0;
  return { from, to, sides: { from: side(fromVersions, from), to: side(toVersions, to) }, households };
}

/** Creation order as the store gives it: the instant, then the id. */
function byCreation(a: Ticket, b: Ticket): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The history in pages of at most PAGE tickets, in creation order. */
async function* pagesOf(repository: Repository, property: string, history: History): AsyncGenerator<readonly Ticket[]> {
  if (history.source === 'uploaded') {
    const sorted = [...history.tickets].sort(byCreation);
    for (let i = 0; i < sorted.length; i += PAGE) {
      yield sorted.slice(i, i + PAGE);
      // Uploaded tickets need no I/O: give other requests a turn between pages.
      await nextTurn();
    }
    return;
  }
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const page = await repository.listTickets({ propertyId: property, from: history.from, to: history.to, limit: PAGE, ...(after ? { after } : {}) });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    const last = page[page.length - 1] as Ticket;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/** How many tickets the history holds: a COUNT for stored ones. */
export async function historyTotal(repository: Repository, property: string, history: History): Promise<number> {
  return history.source === 'uploaded' ? history.tickets.length : repository.countTickets({ propertyId: property, from: history.from, to: history.to });
}

export interface RunOptions {
  examples?: number;
  /** After each page, with the tickets read so far; awaited (the caller may wait for a slow client). */
  onProgress?: (tickets: number) => Promise<void>;
  /** True once nobody waits for the answer: reading stops. */
  cancelled?: () => boolean;
}

/**
 * How far before a stored range its context reaches: the longest share window of the
 * two policies, and at least the span the service gives repeat conditions (ledger.ts).
 */
function lookbackMs(policies: SimulationPolicies): number {
  return Math.max(policies.from.shareWindowMinutes, policies.to.shareWindowMinutes, MIN_CONTEXT_DAYS * 24 * 60) * 60_000;
}

/** Streams the history through one Simulation; undefined when cancelled. */
export async function runSimulation(repository: Repository, property: string, policies: SimulationPolicies, history: History, at: string, options: RunOptions = {}): Promise<SimulationReport | undefined> {
  // The property's households from its record, the same for both sides: a draft cannot change them.
  const propertyHouseholds = (id: string): number | null => (id === property && policies.households > 0 ? policies.households : null);
  const simulation = new Simulation(policies.from, policies.to, at, { propertyHouseholds, ...(options.examples === undefined ? {} : { examples: options.examples }) });
  if (history.source === 'stored') {
    // The tickets just before the range, so the range's first tickets see the shares and repeats they saw live.
    const before: History = { source: 'stored', from: new Date(history.from.getTime() - lookbackMs(policies)), to: history.from };
    for await (const page of pagesOf(repository, property, before)) {
      if (options.cancelled?.()) return undefined;
      for (const ticket of page) simulation.observe(ticket);
    }
  }
  let done = 0;
  for await (const page of pagesOf(repository, property, history)) {
    if (options.cancelled?.()) return undefined;
    for (const ticket of page) simulation.add(ticket);
    done += page.length;
    await options.onProgress?.(done);
  }
  return simulation.result();
}
