// The effective diff: what changes for a property between two versions of a
// policy file, whichever file changed. Target cells are compared as the form
// shows them (category x tier, with a parameter's value resolved), every other
// deciding value as engine's provenance lists it. An edit of the group shows
// up for each property among the related files that extends it.
import { provenanceOf, type ProvenanceRow } from '../../../../engine/index.js';
import { formModelOf, type FormModel, type Origin } from '../../form/model.js';
import { policyContext, type PolicyContext, type RelatedFile } from '../../form/policy-context.js';

export interface Where {
  uri: string;
  module: string;
  line: number;
}

export interface DiffRow {
  /** "clock contact", "param households", "warning red when", "penalty blue". */
  path: string;
  /** For a target cell. */
  clock?: string;
  category?: string;
  tier?: string;
  /** Absent when the value is new (before) or gone (after). */
  before?: string;
  after?: string;
  beforeFrom?: Where;
  afterFrom?: Where;
}

export interface PolicyDiff {
  /** The policy id whose effective values these are. */
  policy: string;
  path: string;
  rows: DiffRow[];
}

export interface DiffInput {
  /** The file that changed. */
  path: string;
  before: string;
  after: string;
  /** The files it extends and uses, and any that extend it (the properties under a group). */
  related: readonly RelatedFile[];
  /** The related files as they were for `before`, when they differ (a property compared across group versions). */
  beforeRelated?: readonly RelatedFile[];
}

interface CellValue {
  value: string;
  from: Where;
}

const where = (o: Origin | ProvenanceRow): Where => ({ uri: o.uri, module: o.module, line: o.line });

/** Every target cell, keyed "clock category/tier", with a parameter resolved to its value (where that value is set). */
function cellValues(model: FormModel): Map<string, CellValue> {
  const params = new Map(model.params.map((p) => [p.name, p]));
  const out = new Map<string, CellValue>();
  for (const clock of model.clocks) {
    for (const row of clock.cells) {
      for (const cell of row) {
        if (!cell) continue;
        const param = cell.resolved !== undefined ? params.get(cell.text) : undefined;
        const value = param ? `${param.value} (${cell.text})` : cell.text;
        out.set(`${clock.name}\u0000${cell.category}/${cell.tier}`, { value, from: where(param ? param.origin : cell.origin) });
      }
    }
  }
  return out;
}

function otherValues(context: PolicyContext): Map<string, CellValue> {
  const files = [...context.chain, ...context.effective.libraries];
  const sourceOf = (uri: string, range: { start: { offset: number }; end: { offset: number } }): string =>
    files.find((f) => f.uri === uri)?.parsed.source.text.slice(range.start.offset, range.end.offset).replace(/\s+/g, ' ') ?? '';
  const out = new Map<string, CellValue>();
  for (const row of provenanceOf(context.effective, sourceOf)) {
    if (/^clock \S+ target /.test(row.path)) continue;
    // Several rows may share a path (a calendar's holidays): their values together are the value.
    const known = out.get(row.path);
    out.set(row.path, known ? { value: `${known.value}; ${row.value}`, from: known.from } : { value: row.value, from: where(row) });
  }
  return out;
}

function compare(before: Map<string, CellValue>, after: Map<string, CellValue>, toRow: (key: string) => DiffRow): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    if (a?.value === b?.value) continue;
    const row = toRow(key);
    if (a) Object.assign(row, { before: a.value, beforeFrom: a.from });
    if (b) Object.assign(row, { after: b.value, afterFrom: b.from });
    rows.push(row);
  }
  return rows;
}

function diffOf(before: PolicyContext, after: PolicyContext): DiffRow[] {
  const cells = compare(cellValues(formModelOf(before)), cellValues(formModelOf(after)), (key) => {
    const [clock = '', cell = ''] = key.split('\u0000');
    const [category = '', tier = ''] = cell.split('/');
    return { path: `clock ${clock}`, clock, category, tier };
  });
  return [...cells, ...compare(otherValues(before), otherValues(after), (path) => ({ path }))];
}

/** The files that extend `id`, directly or through a branch, among the related ones. */
function dependants(id: string, path: string, related: readonly RelatedFile[], text: string): RelatedFile[] {
  return related.filter((r) => r.path !== path && policyContext(r.path, r.text, [...related, { path, text }]).chain.some((f) => f.id === id && f.uri === path));
}

export function effectiveDiff(input: DiffInput): PolicyDiff[] {
  const beforeRelated = input.beforeRelated ?? input.related;
  const before = policyContext(input.path, input.before, beforeRelated);
  const after = policyContext(input.path, input.after, input.related);
  const diffs: PolicyDiff[] = [{ policy: after.file.id, path: input.path, rows: diffOf(before, after) }];
  for (const sub of dependants(after.file.id, input.path, input.related, input.after)) {
    const others = (list: readonly RelatedFile[], text: string): RelatedFile[] => [...list.filter((r) => r.path !== sub.path), { path: input.path, text }];
    const old = beforeRelated.find((r) => r.path === sub.path) ?? sub;
    const a = policyContext(sub.path, old.text, others(beforeRelated, input.before));
    const b = policyContext(sub.path, sub.text, others(input.related, input.after));
    diffs.push({ policy: b.file.id, path: sub.path, rows: diffOf(a, b) });
  }
  return diffs;
}

/** Rows as a reader takes them in: the cells of one clock that change alike (same old, new and source) are one row. */
export interface DiffGroup extends Omit<DiffRow, 'category' | 'tier'> {
  /** "engineering · urgent" for each cell; empty for a value that is not a cell. */
  cells: string[];
}

export function groupRows(rows: readonly DiffRow[]): DiffGroup[] {
  const groups: DiffGroup[] = [];
  const byKey = new Map<string, DiffGroup>();
  for (const row of rows) {
    const { category, tier, ...rest } = row;
    if (!row.clock) {
      groups.push({ ...rest, cells: [] });
      continue;
    }
    const key = JSON.stringify([row.clock, row.before, row.after, row.beforeFrom, row.afterFrom]);
    const known = byKey.get(key);
    if (known) {
      known.cells.push(`${category} · ${tier}`);
      continue;
    }
    const group: DiffGroup = { ...rest, cells: [`${category} · ${tier}`] };
    byKey.set(key, group);
    groups.push(group);
  }
  return groups;
}
