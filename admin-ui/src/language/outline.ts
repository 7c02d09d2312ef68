// The outline (document symbols) of a policy: its calendars, parameters, clocks,
// warnings and tests, each with its label, so a 1,800-line group policy can be walked.
import type { Declaration, Module } from '../../../grammar/index.js';
import { editorRange, type EditorRange } from './types.js';

export type OutlineKind = 'module' | 'calendar' | 'param' | 'clock' | 'warning' | 'penalties' | 'compliance' | 'test';

export interface OutlineItem {
  name: string;
  detail: string;
  kind: OutlineKind;
  range: EditorRange;
  /** The name itself, which the outline selects. */
  selectionRange: EditorRange;
}

function item(d: Declaration): OutlineItem | undefined {
  switch (d.kind) {
    case 'Calendar':
    case 'Param':
    case 'Clock':
    case 'Warning':
      return { name: d.name.text, detail: d.label?.value ?? '', kind: d.kind.toLowerCase() as OutlineKind, range: editorRange(d.range), selectionRange: editorRange(d.name.range) };
    case 'Penalties':
    case 'Compliance':
      return { name: d.kind.toLowerCase(), detail: d.label?.value ?? '', kind: d.kind.toLowerCase() as OutlineKind, range: editorRange(d.range), selectionRange: editorRange(d.range) };
    case 'Test':
      return { name: d.name.value, detail: '', kind: 'test', range: editorRange(d.range), selectionRange: editorRange(d.name.range) };
    default:
      return undefined;
  }
}

export function outline(module: Module): OutlineItem[] {
  return module.declarations.map(item).filter((i): i is OutlineItem => i !== undefined && i.name !== '');
}
