// The policy's own names: what kind of name stands in a given place (a slot), and
// where in the effective policy (any file of the chain) each name is declared.
// Completion, hover and go-to-definition all read this one table.
import { FUNCTIONS, TICKET_FIELDS, type EffectivePolicy, type From } from '../../../engine/index.js';
import type { AnyNode, Range, StringLit } from '../../../grammar/index.js';

export type SymbolKind =
  | 'category' | 'tier' | 'event' | 'role' | 'flag' | 'calendar' | 'param' | 'clock'
  | 'warning' | 'attribute' | 'member' | 'policy' | 'field' | 'function';

export interface PolicySymbol {
  kind: SymbolKind;
  name: string;
  /** The Chinese (or whatever the writer gave) label. */
  label?: string;
  /** Where it is declared; absent for built-ins (ticket fields, functions). */
  uri?: string;
  module?: string;
  range?: Range;
  /** Extra text for hovers: a built-in's documentation. */
  doc?: string;
}

/** The kinds of name that may stand in a slot, most likely first. */
export type Slot = SymbolKind[];

const ANY: Slot = ['param', 'clock', 'calendar', 'warning', 'category', 'tier', 'event', 'role', 'flag', 'attribute', 'member', 'field', 'function', 'policy'];

/** What a name written as `field` of a `parent` node refers to. */
export function slotOf(parent: AnyNode, field: string): Slot {
  switch (parent.kind) {
    case 'Header':
      return field === 'extends' ? ['policy'] : [];
    case 'Use':
      return ['policy'];
    case 'Include':
      return ['calendar', 'policy'];
    case 'Calendar':
    case 'ClockCalendar':
      return ['calendar'];
    case 'Param':
      return field === 'name' ? ['param'] : [];
    case 'Clock':
    case 'ExpectClock':
      return field === 'state' ? [] : ['clock'];
    case 'ClockEvents':
    case 'TicketEvent':
      return ['event'];
    case 'TargetRow':
      return field === 'tier' ? ['tier'] : ['category'];
    case 'Relative':
      return ['field'];
    case 'Warning':
    case 'PenaltyRow':
    case 'ExpectWarning':
      return ['warning'];
    case 'Notify':
      return ['role'];
    case 'Call':
      return ['function'];
    case 'TicketField':
      return ['field', 'attribute'];
    case 'Attribute':
      return ['attribute'];
    case 'Member':
      return ['category', 'tier', 'event', 'role', 'flag', 'member'];
    default:
      return ANY;
  }
}

function declared(kind: SymbolKind, name: string, at: From<{ range: Range }>, label?: From<StringLit>): PolicySymbol {
  const s: PolicySymbol = { kind, name, uri: at.uri, module: at.module, range: at.node.range };
  if (label) s.label = label.node.value;
  return s;
}

const ENUM_KINDS = { categories: 'category', tiers: 'tier', events: 'event', roles: 'role', flags: 'flag' } as const;

/** Every name the effective policy declares, plus the built-in fields and functions. */
export function symbolsOf(policy: EffectivePolicy | undefined, policies: Iterable<{ id: string; uri: string; range: Range; label?: string }> = []): PolicySymbol[] {
  const out: PolicySymbol[] = [];
  if (policy) {
    for (const p of policy.params.values()) out.push(declared('param', p.name, p.decl, p.label));
    for (const c of policy.clocks.values()) out.push(declared('clock', c.name, c.decl, c.label));
    for (const c of policy.calendars.values()) out.push(declared('calendar', c.name, c.decl, c.label));
    for (const w of policy.warnings.values()) out.push(declared('warning', w.name, w.decl, w.label));
    for (const [what, kind] of Object.entries(ENUM_KINDS) as [keyof typeof ENUM_KINDS, SymbolKind][]) {
      for (const [name, m] of policy.enums[what]) out.push(declared(kind, name, m, m.node.label ? { ...m, node: m.node.label } : undefined));
    }
    for (const [name, a] of policy.attributes) {
      out.push(declared('attribute', name, a.decl, a.decl.node.label ? { ...a.decl, node: a.decl.node.label } : undefined));
      for (const [m, member] of a.members) out.push(declared('member', m, member, member.node.label ? { ...member, node: member.node.label } : undefined));
    }
  }
  for (const p of policies) {
    const s: PolicySymbol = { kind: 'policy', name: p.id, uri: p.uri, module: p.id, range: p.range };
    if (p.label !== undefined) s.label = p.label;
    out.push(s);
  }
  for (const field of Object.keys(TICKET_FIELDS)) out.push({ kind: 'field', name: field, doc: `${TICKET_FIELDS[field]}` });
  for (const [name, f] of Object.entries(FUNCTIONS)) out.push({ kind: 'function', name, doc: f.doc });
  return out;
}

/** The symbol a name refers to in a slot: the first kind of the slot that declares it. */
export function resolve(symbols: readonly PolicySymbol[], slot: Slot, name: string): PolicySymbol | undefined {
  for (const kind of slot) {
    const found = symbols.find((s) => s.kind === kind && s.name === name);
    if (found) return found;
  }
  return undefined;
}
