import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors, parse } from '../../../grammar/index.js';
import { applyEdits, type Edit } from '../../../admin-ui/src/form/edits.js';
import { editField, fieldValue } from '../../../admin-ui/src/form/form-edit.js';
import type { FieldRef } from '../../../admin-ui/src/form/fields.js';
import { buildFormModel, type FormModel } from '../../../admin-ui/src/form/model.js';
import { fixture, GROUP, JINXIU, XINGHE, type Fixture } from '../fixtures.js';

// Canonical spellings, as the form's inputs give them back.
const duration = fc
  .record({ d: fc.integer({ min: 0, max: 9 }), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) })
  .filter((r) => r.d + r.h + r.m > 0)
  .map((r) => `${r.d ? `${r.d}d` : ''}${r.h ? `${r.h}h` : ''}${r.m ? `${r.m}m` : ''}`);
const workdays = fc.integer({ min: 1, max: 30 }).map((n) => `${n} ${n === 1 ? 'workday' : 'workdays'}`);
const count = fc.integer({ min: 0, max: 100_000 }).map(String);
const percent = fc.integer({ min: 0, max: 1000 }).map((n) => `${n / 10}%`);
const points = fc.integer({ min: 0, max: 500 }).map((n) => n / 100).map((n) => `${n} ${n === 1 ? 'point' : 'points'}`);

function valueFor(model: FormModel, field: FieldRef): fc.Arbitrary<string> {
  switch (field.kind) {
    case 'target':
    case 'plan':
      return duration;
    case 'penalty':
      return points;
    case 'param': {
      const type = model.params.find((p) => p.name === field.name)?.type;
      return type === 'workdays' ? workdays : type === 'count' ? count : type === 'percent' ? percent : duration;
    }
    case 'threshold': {
      const kind = model.warnings.find((w) => w.name === field.warning)?.thresholds[field.index]?.kind;
      return kind === 'Percent' ? percent : kind === 'Workdays' ? workdays : kind === 'Number' ? count : duration;
    }
  }
}

function fieldsOf(model: FormModel): fc.Arbitrary<FieldRef> {
  const maybe = <T>(xs: T[]) => fc.option(fc.constantFrom(...xs), { nil: undefined });
  const target = fc
    .record({ clock: fc.constantFrom(...model.clocks.map((c) => c.name)), category: maybe(model.categories.map((c) => c.name)), tier: maybe(model.tiers.map((t) => t.name)) })
    .map((r): FieldRef => ({ kind: 'target', ...r }));
  const param = fc.constantFrom(...model.params.map((p): FieldRef => ({ kind: 'param', name: p.name })));
  const threshold = fc.constantFrom(...model.warnings.flatMap((w) => w.thresholds.map((t): FieldRef => ({ kind: 'threshold', warning: w.name, index: t.index }))));
  const plan = fc.constantFrom(...model.warnings.map((w): FieldRef => ({ kind: 'plan', warning: w.name })));
  const penalty = fc.constantFrom(...model.penalties.map((p): FieldRef => ({ kind: 'penalty', level: p.level })));
  return fc.oneof({ arbitrary: target, weight: 4 }, { arbitrary: param, weight: 2 }, threshold, plan, penalty);
}

const comments = (text: string): string[] => parse(text).comments.map((c) => c.image.trimEnd()).sort();

/** Old lines no edit replaces text in must all be in the new text, in order; a line with a replaced value keeps what is around it. */
function expectOtherLinesKept(before: string, after: string, edits: readonly Edit[]): void {
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  const touched = new Map<number, Edit>();
  for (const e of edits) {
    const atEnd = e.startLine === e.endLine && e.startColumn === e.endColumn && e.startColumn === (oldLines[e.startLine - 1] ?? '').length + 1;
    // A line may take several edits (a share threshold and its shareBefore partner): what precedes the first is kept.
    if (!atEnd) for (let l = e.startLine; l <= e.endLine; l++) if (!touched.has(l) || (touched.get(l) as Edit).startColumn > e.startColumn) touched.set(l, e);
  }
  let j = 0;
  oldLines.forEach((line, i) => {
    const edit = touched.get(i + 1);
    if (edit) {
      const prefix = line.slice(0, edit.startColumn - 1);
      while (j < newLines.length && !(newLines[j] as string).startsWith(prefix)) j++;
      expect(j, `line ${i + 1} lost its start`).toBeLessThan(newLines.length);
      j++;
      return;
    }
    while (j < newLines.length && newLines[j] !== line) j++;
    expect(j, `line ${i + 1} "${line}" is gone`).toBeLessThan(newLines.length);
    j++;
  });
}

function cellTexts(model: FormModel): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const clock of model.clocks) clock.cells.forEach((row, i) => row.forEach((cell, k) => out.set(`${clock.name} ${i} ${k}`, cell?.text)));
  for (const p of model.params) out.set(`param ${p.name}`, p.value);
  for (const w of model.warnings) {
    w.thresholds.forEach((t) => out.set(`threshold ${w.name} ${t.index}`, t.value));
    out.set(`plan ${w.name}`, w.plan?.value);
  }
  for (const p of model.penalties) out.set(`penalty ${p.level}`, p.value);
  return out;
}

function fieldKey(field: FieldRef): string {
  switch (field.kind) {
    case 'param':
      return `param ${field.name}`;
    case 'threshold':
      return `threshold ${field.warning} ${field.index}`;
    case 'plan':
      return `plan ${field.warning}`;
    case 'penalty':
      return `penalty ${field.level}`;
    case 'target':
      return `${field.clock} `;
  }
}

function roundTrip(f: Fixture, runs: number): void {
  const model = buildFormModel(f.path, f.text, f.related);
  const before = cellTexts(model);
  const field = fieldsOf(model).chain((field) => valueFor(model, field).map((value) => ({ field, value })));
  fc.assert(
    fc.property(field, ({ field, value }) => {
      const outcome = editField(model, field, value, 'admin');
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      if (!outcome.ok) return;
      const after = applyEdits(f.text, outcome.edits);
      expect(after).toBe(outcome.text);
      expect(hasErrors(parse(after).diagnostics)).toBe(false);
      const reread = buildFormModel(f.path, after, f.related);
      expect(fieldValue(reread, field)).toBe(value);
      expect(comments(after)).toEqual(comments(f.text));
      expectOtherLinesKept(f.text, after, outcome.edits);
      // Every other value reads as before; a target row may decide more cells of its own clock.
      const key = fieldKey(field);
      for (const [k, v] of cellTexts(reread)) {
        if (k === key || (field.kind === 'target' && k.startsWith(key) && v === value)) continue;
        expect(v, k).toBe(before.get(k));
      }
    }),
    { numRuns: runs },
  );
}

describe('form edits never lose text', () => {
  it('on the jinxiu-garden property', () => roundTrip(fixture(JINXIU), 100));
  it('on the xinghe-tower property', () => roundTrip(fixture(XINGHE), 60));
  it('on the group policy', () => roundTrip(fixture(GROUP), 40));
  it('on a copy with Windows line breaks and one-line blocks', () => {
    const f = fixture(JINXIU);
    const text = f.text.replace('clock contact {\n  target {\n    engineering/urgent: 10m\n  }\n}', 'clock contact { target { engineering/urgent: 10m } }').replace(/\n/g, '\r\n');
    roundTrip({ ...f, text }, 60);
  });
});
