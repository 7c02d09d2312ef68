// The effective policy as a list a manager can read: every value that decides
// an outcome, and the file and line that set it (the group, a branch, or the
// property itself).
import { conditionText, targetValueText, valueText } from '../grammar/index.js';
import type * as A from '../grammar/index.js';
import type { EffectivePolicy, From } from './effective.js';

export interface ProvenanceRow {
  /** Where the value sits, e.g. "param contact_within", "clock contact target engineering/urgent". */
  path: string;
  /** The value as written. */
  value: string;
  /** The policy id and file that set it. */
  module: string;
  uri: string;
  line: number;
}

function row(path: string, value: string, from: From<{ range: A.Range }>): ProvenanceRow {
  return { path, value, module: from.module, uri: from.uri, line: from.node.range.start.line };
}


/** Every deciding value of the effective policy with the file and line that set it, in reading order. */
export function provenanceOf(policy: EffectivePolicy, sourceOf: (uri: string, range: A.Range) => string): ProvenanceRow[] {
  const rows: ProvenanceRow[] = [];
  if (policy.zone) rows.push(row('zone', JSON.stringify(policy.zone.node.value), policy.zone));
  for (const cal of policy.calendars.values()) {
    if (cal.always) rows.push(row(`calendar ${cal.name}`, '24x7', cal.decl));
    for (const h of cal.hours) rows.push(row(`calendar ${cal.name} hours ${h.node.days.text}`, h.node.intervals.map((i) => `${i.from.text}-${i.to.text}`).join(', '), h));
    for (const d of cal.days) rows.push(row(`calendar ${cal.name} ${d.node.kind.toLowerCase()}`, `${d.node.from.text}${d.node.to ? `..${d.node.to.text}` : ''}${d.node.label ? ` ${JSON.stringify(d.node.label.value)}` : ''}`, d));
    for (const inc of cal.includes) rows.push(row(`calendar ${cal.name} include`, inc.node.text, inc));
  }
  for (const p of policy.params.values()) rows.push(row(`param ${p.name}`, valueText(p.value.node), p.value));
  for (const clock of policy.clocks.values()) {
    for (const [role, events] of Object.entries(clock.events)) if (events) rows.push(row(`clock ${clock.name} ${role}`, events.node.events.map((e) => e.text).join(', '), events));
    if (clock.calendar) rows.push(row(`clock ${clock.name} calendar`, clock.calendar.node.calendar?.text ?? '24x7', clock.calendar));
    if (clock.when) rows.push(row(`clock ${clock.name} when`, sourceOf(clock.when.uri, clock.when.node.condition.range), clock.when));
    if (clock.scope) rows.push(row(`clock ${clock.name} applies to`, conditionText(clock.scope.node.condition), clock.scope));
    for (const [key, cell] of clock.scopedCells) if (cell.node.value) rows.push(row(`clock ${clock.name} target ${key}`, targetValueText(cell.node.value), cell));
    for (const [key, cell] of clock.cells) if (cell.node.value) rows.push(row(`clock ${clock.name} target ${key === '*/*' ? '*' : key}`, targetValueText(cell.node.value), cell));
  }
  for (const w of policy.warnings.values()) {
    if (w.when) rows.push(row(`warning ${w.name} when`, sourceOf(w.when.uri, w.when.node.condition.range), w.when));
    if (w.scope) rows.push(row(`warning ${w.name} applies to`, conditionText(w.scope.node.condition), w.scope));
    if (w.notify) rows.push(row(`warning ${w.name} notify`, w.notify.node.roles.map((r) => r.text).join(', '), w.notify));
    if (w.plan) rows.push(row(`warning ${w.name} plan within`, valueText(w.plan.node.within), w.plan));
  }
  for (const [level, p] of policy.penalties) rows.push(row(`penalty ${level}`, valueText(p.node.value), p));
  for (const [key, p] of policy.scopedPenalties) rows.push(row(`penalty ${key}`, valueText(p.node.value), p));
  for (const c of policy.compliance) rows.push(row(`compliance ${c.node.light.text}`, c.node.min ? `>= ${valueText(c.node.min)}` : 'otherwise', c));
  return rows;
}
