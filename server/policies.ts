// The policies the service evaluates with: each property's active policy, compiled from
// the active versions of its lineage (group, branch, property) and the libraries. Two
// caches: compiled policies by the hash of those versions, and each property's resolved
// policy, emptied whenever any instance activates a version (the store's notifications),
// so a request costs no store round trip. And the first-start import of the shipped
// `policies/` folder into an empty store.
import { createHash } from 'node:crypto';
import type { PropertyRecord } from './property-input.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Logger } from 'pino';
import { checkSources, compile, type CompiledPolicy, type EngineError, type SourceFile } from '../engine/index.js';
import { parse, type ModuleLevel } from '../grammar/index.js';
import { notifiedCache } from './cache.js';
import { PolicyUnusableError, UnknownPropertyError } from './errors.js';
import type { PolicyRef } from './schemas/index.js';
import { CHANNELS, ConflictError, NotFoundError, type Organisation, type PolicyVersion, type Repository } from './store/index.js';

export interface ActivePolicy {
  ref: PolicyRef;
  compiled: CompiledPolicy;
  /** The units registered under the property (PUT /v1/properties/{id}/units), by id: who its tickets may charge. */
  units: readonly string[];
  /** The property's record in the store, for evaluation (property-input.ts): its households are the store's, never a parameter the property sets. */
  property: PropertyRecord;
}

export interface PolicyService {
  /** The property's active policy; UnknownPropertyError (404) or PolicyUnusableError (409) otherwise. `pointer` names the property field in the request. */
  forProperty(propertyId: string, pointer?: string): Promise<ActivePolicy>;
  /** Compiled policies held in the cache. */
  readonly cached: number;
  /** True while the resolved policies are cached (change notifications are heard). */
  readonly live: boolean;
  /** Stops hearing change notifications. */
  close(): void;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The files of a folder of .sla files, recursively, in a stable order; `uri` relative to `dir`. */
export function readPolicyFolder(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sla')) out.push({ uri: relative(dir, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** The file beside the policies that seeds the properties' records (households) into an empty store. */
export const PROPERTY_RECORDS_FILE = 'organisations.json';
const MAX_RECORDS_BYTES = 1_000_000;

/**
 * Households by property id from `<dir>/organisations.json` (`{"properties": {"<id>": {"households": 1860}}}`),
 * empty when there is no such file. 004 counts its 5% against the property's 总住户: a
 * record the store keeps, seeded from here, never a parameter of the property's policy.
 * A malformed file stops the start with a message naming the entry.
 */
export function readPropertyRecords(dir: string): Map<string, number> {
  const path = join(dir, PROPERTY_RECORDS_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  if (text.length > MAX_RECORDS_BYTES) throw new Error(`${path}: larger than ${MAX_RECORDS_BYTES} bytes.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message}).`);
  }
  const properties = (parsed as { properties?: unknown } | null)?.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) throw new Error(`${path}: expected {"properties": {"<property id>": {"households": <whole number>}}}.`);
  const out = new Map<string, number>();
  for (const [id, record] of Object.entries(properties)) {
    const households = (record as { households?: unknown } | null)?.households;
    if (typeof households !== 'number' || !Number.isInteger(households) || households < 0) throw new Error(`${path}: /properties/${id}/households must be a whole number ≥ 0.`);
    out.set(id, households);
  }
  return out;
}

interface Header {
  level: ModuleLevel;
  id: string;
  label: string | undefined;
  extends: string | undefined;
}

function headerOf(text: string): Header {
  const h = parse(text).value.header;
  return { level: h.level, id: h.name.text, label: h.label?.value, extends: h.extends?.text };
}

/** Libraries (holiday tables) of a folder: the store has no scope for them, so they come with the service. */
export function librariesOf(files: readonly SourceFile[]): SourceFile[] {
  return files.filter((f) => headerOf(f.text).level === 'library');
}

const MAX_CACHED = 64;

function toErrorItems(errors: readonly EngineError[]): { pointer: string; message: string; code: string }[] {
  return errors.map((e) => ({ pointer: e.pointer ?? '', message: e.uri ? `${e.uri}${e.range ? `:${e.range.start.line}:${e.range.start.column}` : ''}: ${e.message}` : e.message, code: e.code }));
}

/** Compiles the property's effective policy from its chain's sources; errors as PolicyUnusableError. */
export function compileChain(propertyId: string, versions: readonly PolicyVersion[], libraries: readonly SourceFile[]): CompiledPolicy {
  const sources = [...libraries.map((l) => ({ uri: `library:${l.uri}`, text: l.text })), ...versions.map((v) => ({ uri: `${v.scopeId}@${v.version}.sla`, text: v.source }))];
  const result = checkSources(sources);
  const effective = result.policies.get(propertyId);
  if (!effective || effective.level !== 'property') {
    throw new PolicyUnusableError(propertyId, [{ pointer: '', code: 'E103', message: `The active version of '${propertyId}' does not declare \`property ${propertyId}\`.` }]);
  }
  const chain = new Set(effective.chain.map((f) => f.uri));
  const blocking = result.diagnostics.filter((d) => d.severity === 'error' && d.uri !== undefined && (chain.has(d.uri) || d.uri.startsWith('library:')));
  if (blocking.length > 0) {
    throw new PolicyUnusableError(
      propertyId,
      blocking.map((d) => ({ pointer: '', code: 'E101', message: `${d.uri}:${d.range.start.line}:${d.range.start.column}: ${d.code} ${d.message}` })),
    );
  }
  const compiled = compile(effective);
  if (!compiled.value) throw new PolicyUnusableError(propertyId, toErrorItems(compiled.errors));
  return compiled.value;
}

/** The property's lineage, self first ([property, branch, group]); UnknownPropertyError naming `pointer` when it is not a property. */
export async function propertyLineage(repository: Repository, propertyId: string, pointer: string): Promise<Organisation[]> {
  try {
    const lineage = await repository.lineage(propertyId);
    if (lineage[0]?.kind === 'property') return lineage;
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
  }
  throw new UnknownPropertyError(propertyId, pointer, 'unknown');
}

export interface PolicyServiceOptions {
  /** Called with each policy served (the active-version gauge). */
  onLoad?: (ref: PolicyRef) => void;
  /** Told when hearing change notifications fails; until it works, every request reads the store. */
  onListenError?: (err: unknown) => void;
}

export function createPolicyService(repository: Repository, libraries: readonly SourceFile[], options: PolicyServiceOptions = {}): PolicyService {
  const onLoad = options.onLoad ?? (() => undefined);
  const resolved = notifiedCache<ActivePolicy>({
    listen: (channel, fn) => repository.listen(channel, fn),
    channel: CHANNELS.policy,
    max: 256,
    ...(options.onListenError ? { onListenError: options.onListenError } : {}),
  });
  const libraryDigest = libraries.map((l) => `${l.uri}:${sha256(l.text)}`).join('\n');
  // Compiled policies by effective hash; Map order is insertion order, refreshed on use (LRU).
  const compiled = new Map<string, Promise<CompiledPolicy>>();

  return {
    get cached() {
      return compiled.size;
    },
    get live() {
      return resolved.live;
    },
    close: () => resolved.close(),
    async forProperty(propertyId, pointer = '/ticket/property') {
      let active: ActivePolicy;
      try {
        active = await resolved.get(propertyId, () => resolve(propertyId, pointer));
      } catch (e) {
        // A lookup in flight is shared by concurrent requests: its refusal names this caller's field.
        if (e instanceof UnknownPropertyError) throw new UnknownPropertyError(propertyId, pointer, e.why);
        throw e;
      }
      onLoad(active.ref);
      return active;
    },
  };

  async function resolve(propertyId: string, pointer: string): Promise<ActivePolicy> {
    const lineage = await propertyLineage(repository, propertyId, pointer);
    // Root first: group, branch, property. A level without an active version adds nothing.
    const active = await Promise.all([...lineage].reverse().map((o) => repository.activeVersion(o.id)));
    const own = active[active.length - 1];
    if (!own) throw new UnknownPropertyError(propertyId, pointer, 'no-policy');
    const versions = active.filter((v): v is PolicyVersion => v !== null);
    const hash = sha256(`${versions.map((v) => `${v.scopeId}@${v.version}:${v.hash}`).join('\n')}\n--\n${libraryDigest}`);
    let pending = compiled.get(hash);
    if (pending) {
      compiled.delete(hash);
    } else {
      pending = Promise.resolve().then(() => compileChain(propertyId, versions, libraries));
      // A policy that does not compile is not kept: the next request tries again and reports the errors.
      pending.catch(() => compiled.delete(hash));
    }
    compiled.set(hash, pending);
    while (compiled.size > MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
    const ref: PolicyRef = {
      property: propertyId,
      version: own.version,
      hash,
      chain: versions.map((v) => ({ scope: v.scopeId, version: v.version, hash: v.hash })),
    };
    const own0 = lineage[0]!;
    const property: PropertyRecord = { id: propertyId, households: own0.kind === 'property' ? own0.households : 0 };
    return { ref, compiled: await pending, units: own0.kind === 'property' ? own0.units.map((u) => u.id) : [], property };
  }
}

export interface ImportReport {
  imported: boolean;
  organisations: string[];
  /** Scopes given an active version. */
  versions: { scope: string; version: number; file: string }[];
  libraries: string[];
}

const DEFAULT_BRANCH = 'default';
const DEFAULT_ZONE = 'Asia/Shanghai';

/** Households (from the records file, 0 when it has none) and time zone (the effective policy's `zone`) of each property. */
function propertyFacts(files: readonly SourceFile[], households: ReadonlyMap<string, number>): Map<string, { households: number; timeZone: string }> {
  const result = checkSources(files);
  const facts = new Map<string, { households: number; timeZone: string }>();
  for (const [id, policy] of result.policies) {
    if (policy.level !== 'property') continue;
    facts.set(id, { households: households.get(id) ?? 0, timeZone: policy.zone?.node.value ?? DEFAULT_ZONE });
  }
  return facts;
}

/**
 * Imports a folder's policies into an EMPTY store, in one transaction: the groups, their
 * branches (a branch `default` under a group for properties that extend the group
 * directly), the properties (households from `households`, read by readPropertyRecords;
 * zone from their policies), and one active
 * version per scope with the file's text. A store with any organisation is left alone,
 * so a restart (or a second instance racing this one) imports nothing.
 */
export async function importPolicies(repository: Repository, files: readonly SourceFile[], logger?: Logger, households: ReadonlyMap<string, number> = new Map()): Promise<ImportReport> {
  const report: ImportReport = { imported: false, organisations: [], versions: [], libraries: [] };
  if ((await repository.listOrganisations()).length > 0) return report;
  const entries = files.map((file) => ({ file, header: headerOf(file.text) }));
  const facts = propertyFacts(files, households);
  const byLevel = (level: ModuleLevel) => entries.filter((e) => e.header.level === level && e.header.id !== '');
  const groups = byLevel('group');
  const branches = byLevel('branch');
  const properties = byLevel('property');
  report.libraries = byLevel('library').map((e) => e.header.id);
  const groupIds = new Set(groups.map((g) => g.header.id));
  const branchIds = new Set(branches.map((b) => b.header.id));
  try {
    await repository.transaction(async (repo) => {
      const created = (id: string) => report.organisations.push(id);
      const activate = async (scope: string, file: SourceFile): Promise<void> => {
        const draft = await repo.createDraft({ scopeId: scope, baseVersionId: null, source: file.text, hash: sha256(file.text), author: 'system' });
        await repo.activate(draft.id, 'system');
        report.versions.push({ scope, version: draft.version, file: file.uri });
      };
      for (const { file, header } of groups) {
        await repo.createOrganisation({ kind: 'group', id: header.id, name: header.label ?? header.id });
        created(header.id);
        await activate(header.id, file);
      }
      for (const { file, header } of branches) {
        if (!header.extends || !groupIds.has(header.extends)) {
          logger?.warn({ file: file.uri }, `branch ${header.id} does not extend a shipped group; not imported`);
          continue;
        }
        await repo.createOrganisation({ kind: 'branch', id: header.id, name: header.label ?? header.id, parentId: header.extends });
        created(header.id);
        await activate(header.id, file);
      }
      const defaultBranches = new Map<string, string>();
      for (const { file, header } of properties) {
        let parent = header.extends && branchIds.has(header.extends) ? header.extends : undefined;
        if (!parent && header.extends && groupIds.has(header.extends)) {
          parent = defaultBranches.get(header.extends);
          if (!parent) {
            parent = groups.length === 1 ? DEFAULT_BRANCH : `${header.extends}-${DEFAULT_BRANCH}`;
            await repo.createOrganisation({ kind: 'branch', id: parent, name: '默认分公司 (default branch)', parentId: header.extends });
            created(parent);
            defaultBranches.set(header.extends, parent);
          }
        }
        if (!parent) {
          logger?.warn({ file: file.uri }, `property ${header.id} does not extend a shipped group or branch; not imported`);
          continue;
        }
        const { households, timeZone } = facts.get(header.id) ?? { households: 0, timeZone: DEFAULT_ZONE };
        await repo.createOrganisation({ kind: 'property', id: header.id, name: header.label ?? header.id, parentId: parent, households, timeZone });
        created(header.id);
        await activate(header.id, file);
      }
    });
  } catch (e) {
    // Another instance imported first: its import stands.
    if (e instanceof ConflictError && (await repository.listOrganisations()).length > 0) return { ...report, organisations: [], versions: [] };
    throw e;
  }
  report.imported = true;
  return report;
}
