// Section ownership in the editor: the ranges the signed-in role may not change.
// The server decides (server/policy-versions.ts ownerOf, over the ASTs); this is the
// same rule shown early, and a test holds the two together. Quality owns warnings,
// penalties and compliance; managers and admins own everything else; tests belong
// to anyone; viewers change nothing; admins change everything.
import type { Declaration, Module } from '../../../grammar/index.js';
import type { EditorRange } from './types.js';
import { editorRange } from './types.js';

export type Role = 'admin' | 'quality' | 'manager' | 'viewer';
export type Owner = 'quality' | 'manager' | 'anyone';

export interface OwnedRange extends EditorRange {
  startOffset: number;
  endOffset: number;
  owner: Owner;
  /** The section as the server names it ("warning red", "penalties", "header"). */
  section: string;
}

export function ownerOfDeclaration(d: Declaration): Owner {
  if (d.kind === 'Penalties' || d.kind === 'Compliance' || d.kind === 'Warning') return 'quality';
  if (d.kind === 'Test') return 'anyone';
  return 'manager';
}

function sectionOf(d: Declaration): string {
  const named = d as { name?: { text?: string; value?: string } };
  const name = named.name?.text ?? named.name?.value;
  return name === undefined ? d.kind.toLowerCase() : `${d.kind.toLowerCase()} ${name}`;
}

function owned(node: { range: Module['range'] }, owner: Owner, section: string): OwnedRange {
  return { ...editorRange(node.range), startOffset: node.range.start.offset, endOffset: node.range.end.offset, owner, section };
}

/** The ranges `role` may not change, in source order. A viewer gets the whole module. */
export function readOnlyRanges(module: Module, role: Role): OwnedRange[] {
  if (role === 'admin') return [];
  if (role === 'viewer') return [owned(module, 'manager', 'all')];
  const mine: Owner = role === 'manager' ? 'manager' : 'quality';
  const out: OwnedRange[] = [];
  if (mine !== 'manager') out.push(owned(module.header, 'manager', 'header'));
  for (const d of module.declarations) {
    const owner = ownerOfDeclaration(d);
    if (owner !== 'anyone' && owner !== mine) out.push(owned(d, owner, sectionOf(d)));
  }
  return out;
}

/**
 * The read-only range an edit of [start, end) would change, if any. Inserting at a
 * section's very edge (a blank line before `warning`) changes nothing in it; deleting
 * or replacing any of its characters, or inserting inside it, does.
 */
export function blockingRange(ranges: readonly OwnedRange[], start: number, end: number): OwnedRange | undefined {
  return ranges.find((r) => (start === end ? r.startOffset < start && start < r.endOffset : start < r.endOffset && end > r.startOffset));
}
