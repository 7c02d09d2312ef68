// The AST as a layout tree: which nodes are one-line leaves, which are
// `head { ... }` blocks, and the text of every line. Comments and blank
// lines are added afterwards (comments.ts, spacing.ts).
import type * as A from '../ast.js';
import type { SourceText } from '../source-text.js';
import { block, leaf, type LayoutNode, type Leaf, type Origin, type Root } from './layout.js';
import { quote } from './literals.js';
import { displayWidth, padToWidth } from './text-width.js';
import { conditionLines, conditionText, targetValueText, valueText } from './values.js';

export function layoutModule(module: A.Module, source: SourceText): Root {
  const p = new Printer(source);
  return { children: [p.header(module.header), ...module.declarations.map((d) => p.declaration(d))], entries: [] };
}

function labelled(text: string, label: A.StringLit | undefined): string {
  return label ? `${text} ${quote(label.value)}` : text;
}

function names(list: readonly A.Name[]): string {
  return list.map((n) => n.text).join(', ');
}

/** A row's own scope, on the row's line. */
function scopeSuffix(scope: A.ScopeItem | undefined): string {
  return scope ? ` applies to ${conditionText(scope.condition)}` : '';
}

/** The end of a head that finishes with a name and an optional label. */
function endOf(name: A.Name | A.StringLit, label?: A.StringLit): number {
  return (label ?? name).range.end.offset;
}

class Printer {
  constructor(private readonly source: SourceText) {}

  private origin(range: A.Range): Origin {
    return { start: range.start.offset, end: range.end.offset, startLine: range.start.line, endLine: range.end.line };
  }

  private leaf(node: { range: A.Range }, text: string): Leaf {
    return leaf(this.origin(node.range), text);
  }

  /** `when a or b`, wrapped before each `or` when too wide. */
  private when(w: A.WhenItem): Leaf {
    const lines = conditionLines(w.condition);
    lines[0] = `when ${lines[0] ?? ''}`;
    return leaf(this.origin(w.range), `when ${conditionText(w.condition)}`, lines);
  }

  /** `applies to a and b`, wrapped like `when`. */
  private scope(s: A.ScopeItem): Leaf {
    const lines = conditionLines(s.condition);
    lines[0] = `applies to ${lines[0] ?? ''}`;
    return leaf(this.origin(s.range), `applies to ${conditionText(s.condition)}`, lines);
  }

  private block(node: { range: A.Range }, head: string, headEnd: number, children: LayoutNode[]): LayoutNode {
    return block(this.origin(node.range), head, headEnd, this.source.position(headEnd).line, children);
  }

  /** A block whose head is one keyword at the start of the node (`categories`, `target`, `ticket`). */
  private keywordBlock(node: { range: A.Range }, keyword: string, children: LayoutNode[]): LayoutNode {
    return this.block(node, keyword, node.range.start.offset + keyword.length, children);
  }

  header(h: A.Header): Leaf {
    const text = labelled(`${h.level} ${h.name.text}`, h.label);
    return this.leaf(h, h.extends ? `${text} extends ${h.extends.text}` : text);
  }

  declaration(d: A.Declaration): LayoutNode {
    switch (d.kind) {
      case 'Use':
        return this.leaf(d, `use ${names(d.names)}`);
      case 'Zone':
        return this.zone(d);
      case 'Calendar': {
        const head = labelled(`calendar ${d.name.text}`, d.label);
        if (d.always) return this.leaf(d, `${head} 24x7`);
        return this.block(d, head, endOf(d.name, d.label), d.items.map((i) => this.calendarItem(i)));
      }
      case 'Enum':
        return this.keywordBlock(d, d.what, d.members.map((m) => this.member(m)));
      case 'Attribute':
        return this.block(d, labelled(`attribute ${d.name.text}`, d.label), endOf(d.name, d.label), d.members.map((m) => this.member(m)));
      case 'Param': {
        const head = labelled(`param ${d.name.text}`, d.label);
        return this.leaf(d, `${d.final ? 'final ' : ''}${head}${d.type ? `: ${d.type.text}` : ''} = ${valueText(d.value)}`);
      }
      case 'Clock':
        return this.block(d, labelled(`clock ${d.name.text}`, d.label), endOf(d.name, d.label), d.items.map((i) => this.clockItem(i)));
      case 'Warning':
        return this.block(d, labelled(`warning ${d.name.text}`, d.label), endOf(d.name, d.label), d.items.map((i) => this.warningItem(i)));
      case 'Route':
        return this.block(d, labelled(`route ${d.name.text}`, d.label), endOf(d.name, d.label), d.items.map((i) => this.routeItem(i)));
      case 'Penalties':
        return this.labelledBlock(d, 'penalties', this.penaltyItems(d));
      case 'PauseLimit':
        return this.leaf(d, `pause at most ${valueText(d.value)}`);
      case 'PauseReasons':
        return this.block(d, 'pause reasons', d.range.start.offset + this.source.text.slice(d.range.start.offset).indexOf('reasons') + 'reasons'.length, d.members.map((m) => this.member(m)));
      case 'Compliance':
        return this.labelledBlock(
          d,
          'compliance',
          d.rows.map((r) => this.leaf(r, r.min ? `${r.light.text} >= ${valueText(r.min)}` : `${r.light.text} otherwise`)),
        );
      case 'Duty':
        return this.block(d, labelled(`duty ${d.name.text}`, d.label), endOf(d.name, d.label), d.items.map((i) => this.dutyItem(i)));
      case 'Test':
        return this.block(d, `test ${quote(d.name.value)}`, endOf(d.name), d.items.map((i) => this.testItem(i)));
      case 'Repeats': {
        const keyword = `${d.final ? 'final ' : ''}repeats`;
        const headEnd = d.label ? endOf(d.label) : d.range.start.offset + this.source.text.slice(d.range.start.offset).indexOf('repeats') + 'repeats'.length;
        return this.block(d, labelled(keyword, d.label), headEnd, d.items.map((i) => this.repeatsItem(i)));
      }
    }
  }

  private repeatsItem(i: A.RepeatsItem): Leaf {
    switch (i.kind) {
      case 'RepeatsCase':
        return this.leaf(i, `case ${names(i.fields)}`);
      case 'RepeatsWithin':
        return this.leaf(i, `within ${valueText(i.value)}`);
      case 'RepeatsWhileUnresolved':
        return this.leaf(i, 'while unresolved');
      case 'RepeatsMerge':
        return this.leaf(i, `merge same day ${names(i.channels)}`);
    }
  }

  /** Rows, the charge choice and voids, in the order written. */
  private penaltyItems(d: A.PenaltiesDecl): LayoutNode[] {
    const items: { at: number; node: LayoutNode }[] = d.rows.map((r) => ({ at: r.range.start.offset, node: this.leaf(r, `${r.level.text} ${valueText(r.value)}${scopeSuffix(r.scope)}`) }));
    for (const c of d.charges ?? []) items.push({ at: c.range.start.offset, node: this.leaf(c, `${c.final ? 'final ' : ''}charge ${c.mode.text} ${c.unit.text}`) });
    for (const v of d.voids ?? []) {
      const head = `void ${quote(v.zh.value)}${v.en ? ` ${quote(v.en.value)}` : ''} `;
      const lines = conditionLines(v.when.condition);
      lines[0] = `${head}when ${lines[0] ?? ''}`;
      items.push({ at: v.range.start.offset, node: leaf(this.origin(v.range), `${head}when ${conditionText(v.when.condition)}`, lines) });
    }
    return items.sort((a, b) => a.at - b.at).map((i) => i.node);
  }

  private labelledBlock(d: A.PenaltiesDecl | A.ComplianceDecl, keyword: string, rows: LayoutNode[]): LayoutNode {
    if (!d.label) return this.keywordBlock(d, keyword, rows);
    return this.block(d, labelled(keyword, d.label), endOf(d.label), rows);
  }

  private zone(z: A.ZoneDecl): Leaf {
    return this.leaf(z, `zone ${quote(z.zone.value)}`);
  }

  private member(m: A.Member): Leaf {
    return this.leaf(m, labelled(m.name.text, m.label));
  }

  private calendarItem(i: A.CalendarItem): Leaf {
    switch (i.kind) {
      case 'Zone':
        return this.zone(i);
      case 'Include':
        return this.leaf(i, `include ${names(i.names)}`);
      case 'Hours':
        return this.leaf(i, `${i.days.text} ${i.intervals.map((r) => `${r.from.text}-${r.to.text}`).join(', ')}`);
      case 'Holiday':
      case 'Workday': {
        const days = i.to ? `${i.from.text}..${i.to.text}` : i.from.text;
        return this.leaf(i, labelled(`${i.kind === 'Holiday' ? 'holiday' : 'workday'} ${days}`, i.label));
      }
    }
  }

  private clockItem(i: A.ClockItem): LayoutNode {
    switch (i.kind) {
      case 'ClockEvents':
        return this.leaf(i, `${i.role} ${names(i.events)}`);
      case 'ClockCalendar':
        return this.leaf(i, `calendar ${i.calendar ? i.calendar.text : '24x7'}`);
      case 'When':
        return this.when(i);
      case 'Scope':
        return this.scope(i);
      case 'Target':
        return this.target(i);
      case 'Advisory':
        return this.leaf(i, 'advisory');
      case 'PauseLimit':
        return this.leaf(i, `pause at most ${valueText(i.value)}`);
    }
  }

  private dutyItem(i: A.DutyItem): Leaf {
    switch (i.kind) {
      case 'DutySchedule': {
        const by = i.by ? ` by ${i.by.text}` : '';
        if (i.every === 'weekly') return this.leaf(i, `every ${i.weekday?.text ?? ''}${by}`);
        if (i.every === 'daily') return this.leaf(i, `daily${by}`);
        const day = i.dayWord && i.day ? ` by ${i.dayWord.text} ${valueText(i.day)}${i.by ? ` ${i.by.text}` : ''}` : '';
        return this.leaf(i, `monthly${day}`);
      }
      case 'DutyOwner':
        return this.leaf(i, `owner ${i.role.text}`);
      case 'DutyCalendar':
        return this.leaf(i, `calendar ${i.calendar.text}`);
      case 'DutyWarning':
        return this.leaf(i, `warning ${i.level.text}`);
      case 'Advisory':
        return this.leaf(i, 'advisory');
    }
  }

  /** A table aligns its values in one column, measured in display width. */
  private target(t: A.TargetItem): LayoutNode {
    if (!t.table) return this.leaf(t, t.value ? `target ${targetValueText(t.value)}` : 'target {}');
    const keys = t.rows.map((r) => `${r.category?.text ?? '*'}${r.tier ? `/${r.tier.text}` : ''}:`);
    const width = keys.reduce((w, k) => Math.max(w, displayWidth(k)), 0);
    const rows = t.rows.map((r, i) => this.leaf(r, `${padToWidth(keys[i] ?? '', width)} ${targetValueText(r.value)}${r.advisory ? ' advisory' : ''}${scopeSuffix(r.scope)}`));
    return this.keywordBlock(t, 'target', rows);
  }

  private warningItem(i: A.WarningItem): Leaf {
    switch (i.kind) {
      case 'When':
        return this.when(i);
      case 'Scope':
        return this.scope(i);
      case 'Notify':
        return this.leaf(i, `notify ${names(i.roles)}`);
      case 'Plan':
        return this.leaf(i, `plan within ${valueText(i.within)}${i.stop ? ` stop ${names(i.stop)}` : ''}`);
    }
  }

  private routeItem(i: A.RouteItem): Leaf {
    switch (i.kind) {
      case 'When':
        return this.when(i);
      case 'Scope':
        return this.scope(i);
      case 'RouteTo':
        return this.leaf(i, `to ${names(i.roles)}`);
    }
  }

  private testItem(i: A.TestItem): LayoutNode {
    switch (i.kind) {
      case 'Ticket':
        return this.keywordBlock(i, i.role, i.items.map((t) => this.ticketItem(t)));
      case 'At':
        return this.leaf(i, `at ${i.at.text}`);
      case 'ExpectClock':
        return this.leaf(i, `expect ${i.clock.text} ${i.state.text}${i.at ? ` ${i.at.text}` : ''}`);
      case 'ExpectWarning':
        return this.leaf(i, `expect warning ${i.level.text}`);
      case 'ExpectPenalty':
        return this.leaf(i, `expect penalty ${valueText(i.value)}`);
    }
  }

  private ticketItem(i: A.TicketItem): Leaf {
    if (i.kind === 'TicketEvent') return this.leaf(i, `event ${i.event.text} ${i.at.text}`);
    if (i.kind === 'TicketDeadline') return this.leaf(i, `deadline ${i.deadline.text} ${i.at.text}`);
    return this.leaf(i, `${i.name.text}: ${i.values.map(valueText).join(', ')}`);
  }
}
