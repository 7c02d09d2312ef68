// CST -> AST for the module and its declarations. The visitor builds the AST
// and nothing else; it tolerates the partial nodes that error recovery leaves.
import type { CstNode } from 'chevrotain';
import type * as A from './ast.js';
import type * as C from './cst.generated.js';
import { Ranges, ValueBuilder } from './build-values.js';
import type { SourceText } from './source-text.js';

export function buildModule(cst: CstNode, source: SourceText): A.Module {
  return new AstBuilder(source).module(cst as C.FileCstNode);
}

const LEVELS: Record<string, A.ModuleLevel> = { group: 'group', branch: 'branch', property: 'property', library: 'library' };
const ENUMS: Record<string, A.EnumWhat> = { categories: 'categories', tiers: 'tiers', events: 'events', roles: 'roles', flags: 'flags', deadlines: 'deadlines' };
const ROLES: Record<string, A.ClockEventRole> = {
  start: 'start',
  stop: 'stop',
  pause: 'pause',
  resume: 'resume',
  restart: 'restart',
  update: 'update',
};

class AstBuilder {
  private readonly r: Ranges;
  private readonly v: ValueBuilder;

  constructor(source: SourceText) {
    this.r = new Ranges(source);
    this.v = new ValueBuilder(this.r);
  }

  module(node: C.FileCstNode): A.Module {
    const range = this.r.source.range(0, this.r.source.text.length);
    const header = this.header(node.children.header?.[0], range);
    const declarations = (node.children.declaration ?? [])
      .map((d) => this.declaration(d))
      .filter((d): d is A.Declaration => d !== undefined);
    return { kind: 'Module', header, declarations, range };
  }

  private header(node: C.HeaderCstNode | undefined, fallback: A.Range): A.Header {
    const c = node?.children;
    const levelTok = c?.ModuleLevel?.[0];
    // Without its keyword the header is missing: an empty range at the start of the file.
    const range = levelTok && !Number.isNaN(levelTok.startOffset) ? this.r.ofNode(node) : { start: fallback.start, end: fallback.start };
    const header: A.Header = {
      kind: 'Header',
      level: LEVELS[levelTok?.image ?? ''] ?? 'group',
      name: this.v.name(c?.NameLike?.[0], range),
      range,
    };
    const label = this.v.string(c?.StringLike?.[0]);
    if (label) header.label = label;
    if (c?.Kw_extends) header.extends = this.v.name(c.parent?.[0], range);
    return header;
  }

  private declaration(node: C.DeclarationCstNode): A.Declaration | undefined {
    const c = node.children;
    if (c.useDecl?.[0]) return { kind: 'Use', names: this.v.names(c.useDecl[0].children.nameList?.[0]), range: this.r.ofNode(c.useDecl[0]) };
    if (c.zoneDecl?.[0]) return this.zone(c.zoneDecl[0]);
    if (c.calendarDecl?.[0]) return this.calendar(c.calendarDecl[0]);
    if (c.enumDecl?.[0]) return this.enumDecl(c.enumDecl[0]);
    if (c.attributeDecl?.[0]) return this.attribute(c.attributeDecl[0]);
    if (c.paramDecl?.[0]) return this.param(c.paramDecl[0]);
    if (c.clockDecl?.[0]) return this.clock(c.clockDecl[0]);
    if (c.warningDecl?.[0]) return this.warning(c.warningDecl[0]);
    if (c.routeDecl?.[0]) return this.route(c.routeDecl[0]);
    if (c.penaltiesDecl?.[0]) return this.penalties(c.penaltiesDecl[0]);
    if (c.complianceDecl?.[0]) return this.compliance(c.complianceDecl[0]);
    if (c.dutyDecl?.[0]) return this.duty(c.dutyDecl[0]);
    if (c.testDecl?.[0]) return this.test(c.testDecl[0]);
    if (c.pauseDecl?.[0]) return this.pauseDecl(c.pauseDecl[0]);
    if (c.repeatsDecl?.[0]) return this.repeats(c.repeatsDecl[0]);
    return undefined;
  }

  private repeats(node: C.RepeatsDeclCstNode): A.RepeatsDecl {
    const c = node.children;
    const range = this.r.ofNode(node);
    const items = (c.repeatsItem ?? []).map((i): A.RepeatsItem => {
      const ic = i.children;
      const r = this.r.ofNode(i);
      if (ic.Kw_case) return { kind: 'RepeatsCase', fields: this.v.names(ic.fields?.[0]), range: r };
      if (ic.Kw_within) return { kind: 'RepeatsWithin', value: this.v.value(ic.value?.[0], r), range: r };
      if (ic.Kw_merge) return { kind: 'RepeatsMerge', channels: this.v.names(ic.channels?.[0]), range: r };
      return { kind: 'RepeatsWhileUnresolved', range: r };
    });
    const decl: A.RepeatsDecl = { kind: 'Repeats', items, range };
    if (c.Kw_final) decl.final = true;
    return this.withLabel(decl, c.StringLike?.[0]);
  }

  private pauseDecl(node: C.PauseDeclCstNode): A.PauseLimit | A.PauseReasonsDecl {
    const c = node.children;
    const range = this.r.ofNode(node);
    if (c.pauseLimit?.[0]) return this.pauseLimit(c.pauseLimit[0], range);
    return { kind: 'PauseReasons', members: this.members(c.memberBlock?.[0]), range };
  }

  /** `pause at most 3d`; `range` is the whole item, `pause` included. */
  private pauseLimit(node: C.PauseLimitCstNode, range: A.Range): A.PauseLimit {
    return { kind: 'PauseLimit', value: this.v.value(node.children.value?.[0], range), range };
  }

  private withLabel<T extends { label?: A.StringLit }>(node: T, tok: Parameters<ValueBuilder['string']>[0]): T {
    const label = this.v.string(tok);
    if (label) node.label = label;
    return node;
  }

  private zone(node: C.ZoneDeclCstNode): A.ZoneDecl {
    const range = this.r.ofNode(node);
    return { kind: 'Zone', zone: this.v.string(node.children.StringLike?.[0]) ?? { kind: 'String', value: '', range: this.r.missing(range) }, range };
  }

  private calendar(node: C.CalendarDeclCstNode): A.CalendarDecl {
    const c = node.children;
    const range = this.r.ofNode(node);
    const decl: A.CalendarDecl = {
      kind: 'Calendar',
      name: this.v.name(c.NameLike?.[0], range),
      always: Boolean(c.TwentyFourSeven),
      items: (c.calendarItem ?? []).map((i) => this.calendarItem(i)).filter((i): i is A.CalendarItem => i !== undefined),
      range,
    };
    return this.withLabel(decl, c.StringLike?.[0]);
  }

  private calendarItem(node: C.CalendarItemCstNode): A.CalendarItem | undefined {
    const c = node.children;
    if (c.zoneDecl?.[0]) return this.zone(c.zoneDecl[0]);
    if (c.includeItem?.[0]) {
      return { kind: 'Include', names: this.v.names(c.includeItem[0].children.nameList?.[0]), range: this.r.ofNode(c.includeItem[0]) };
    }
    if (c.specialDay?.[0]) {
      const s = c.specialDay[0].children;
      const range = this.r.ofNode(c.specialDay[0]);
      const day: A.SpecialDay = { kind: s.Kw_workday ? 'Workday' : 'Holiday', from: this.v.date(s.from?.[0], range), range };
      if (s.to?.[0]) day.to = this.v.date(s.to[0], range);
      return this.withLabel(day, s.StringLike?.[0]);
    }
    if (c.hoursItem?.[0]) {
      const h = c.hoursItem[0].children;
      return {
        kind: 'Hours',
        days: h.Kw_daily?.[0] ? this.v.nameFromToken(h.Kw_daily[0]) : this.v.name(h.NameLike?.[0]),
        intervals: (h.timeRange ?? []).map((t): A.TimeRange => {
          const range = this.r.ofNode(t, this.r.ofNode(c.hoursItem?.[0]));
          return { kind: 'TimeRange', from: this.v.time(t.children.from?.[0], range), to: this.v.time(t.children.to?.[0], range), range };
        }),
        range: this.r.ofNode(c.hoursItem[0]),
      };
    }
    return undefined;
  }

  private members(block: C.MemberBlockCstNode | undefined): A.Member[] {
    return (block?.children.member ?? []).map((m) => {
      const member: A.Member = { kind: 'Member', name: this.v.name(m.children.NameLike?.[0]), range: this.r.ofNode(m) };
      const label = this.v.string(m.children.StringLike?.[0]);
      if (label) {
        member.label = label;
        member.range = this.r.span(member.name.range, label.range);
      } else {
        member.range = member.name.range;
      }
      return member;
    });
  }

  private enumDecl(node: C.EnumDeclCstNode): A.EnumDecl {
    const c = node.children;
    return {
      kind: 'Enum',
      what: ENUMS[c.EnumKeyword?.[0]?.image ?? ''] ?? 'categories',
      members: this.members(c.memberBlock?.[0]),
      range: this.r.ofNode(node),
    };
  }

  private attribute(node: C.AttributeDeclCstNode): A.AttributeDecl {
    const c = node.children;
    const range = this.r.ofNode(node);
    const decl: A.AttributeDecl = { kind: 'Attribute', name: this.v.name(c.NameLike?.[0], range), members: this.members(c.memberBlock?.[0]), range };
    return this.withLabel(decl, c.StringLike?.[0]);
  }

  private param(node: C.ParamDeclCstNode): A.ParamDecl {
    const c = node.children;
    const range = this.r.ofNode(node);
    const decl: A.ParamDecl = { kind: 'Param', name: this.v.name(c.NameLike?.[0], range), value: this.v.value(c.value?.[0], range), range };
    const typeTok = c.TypeKeyword?.[0] ?? c.Identifier?.[0];
    if (c.Colon && typeTok) decl.type = this.v.nameFromToken(typeTok, range);
    if (c.Kw_final) decl.final = true;
    return this.withLabel(decl, c.StringLike?.[0]);
  }

  private clock(node: C.ClockDeclCstNode): A.ClockDecl {
    const c = node.children;
    const range = this.r.ofNode(node);
    const decl: A.ClockDecl = {
      kind: 'Clock',
      name: this.v.name(c.NameLike?.[0], range),
      items: (c.clockItem ?? []).map((i) => this.clockItem(i)).filter((i): i is A.ClockItem => i !== undefined),
      range,
    };
    return this.withLabel(decl, c.StringLike?.[0]);
  }

  private clockItem(node: C.ClockItemCstNode): A.ClockItem | undefined {
    const c = node.children;
    const range = this.r.ofNode(node);
    if (c.pauseLimit?.[0]) return this.pauseLimit(c.pauseLimit[0], range);
    const roleTok = c.ClockEventRole?.[0];
    if (roleTok) return { kind: 'ClockEvents', role: ROLES[roleTok.image] ?? 'start', events: (c.events ?? []).map((e) => this.v.name(e)).filter((n) => n.text !== ''), range };
    if (c.Kw_calendar) {
      const item: A.ClockCalendar = { kind: 'ClockCalendar', range };
      if (c.NameLike?.[0]) item.calendar = this.v.name(c.NameLike[0], range);
      return item;
    }
    if (c.whenItem?.[0]) return this.when(c.whenItem[0]);
    if (c.scopeItem?.[0]) return this.scope(c.scopeItem[0]);
    if (c.targetItem?.[0]) return this.target(c.targetItem[0]);
    if (c.Kw_advisory) return { kind: 'Advisory', range };
    return undefined;
  }

  private when(node: C.WhenItemCstNode): A.WhenItem {
    const range = this.r.ofNode(node);
    return { kind: 'When', condition: this.v.condition(node.children.condition?.[0], range), range };
  }

  private scope(node: C.ScopeItemCstNode): A.ScopeItem {
    const range = this.r.ofNode(node);
    return { kind: 'Scope', condition: this.v.condition(node.children.condition?.[0], range), range };
  }

  private target(node: C.TargetItemCstNode): A.TargetItem {
    const c = node.children;
    const range = this.r.ofNode(node);
    const item: A.TargetItem = { kind: 'Target', rows: [], table: Boolean(c.LCurly), range };
    if (c.targetValue?.[0]) item.value = this.v.targetValue(c.targetValue[0], range);
    for (const row of c.targetRow ?? []) {
      const rc = row.children;
      const rowRange = this.r.ofNode(row, range);
      const targetRow: A.TargetRow = { kind: 'TargetRow', value: this.v.targetValue(rc.targetValue?.[0], rowRange), range: rowRange };
      const category = rc.category?.[0];
      const tier = rc.tier?.[0];
      if (category) targetRow.category = this.v.name(category);
      if (tier) targetRow.tier = this.v.name(tier);
      if (rc.scopeItem?.[0]) targetRow.scope = this.scope(rc.scopeItem[0]);
      if (rc.Kw_advisory) targetRow.advisory = true;
      item.rows.push(targetRow);
    }
    return item;
  }

  private warning(node: C.WarningDeclCstNode): A.WarningDecl {
    const c = node.children;
    const items: A.WarningItem[] = [];
    for (const i of c.warningItem ?? []) {
      const ic = i.children;
      const range = this.r.ofNode(i);
      if (ic.whenItem?.[0]) items.push(this.when(ic.whenItem[0]));
      else if (ic.scopeItem?.[0]) items.push(this.scope(ic.scopeItem[0]));
      else if (ic.Kw_notify) items.push({ kind: 'Notify', roles: this.v.names(ic.nameList?.[0]), range });
      else if (ic.Kw_plan) {
        const plan: A.PlanItem = { kind: 'Plan', within: this.v.value(ic.value?.[0], range), range };
        if (ic.Kw_stop) plan.stop = this.v.names(ic.planStop?.[0]);
        items.push(plan);
      }
    }
    const range = this.r.ofNode(node);
    const decl: A.WarningDecl = { kind: 'Warning', name: this.v.name(c.NameLike?.[0], range), items, range };
    return this.withLabel(decl, c.StringLike?.[0]);
  }

  private route(node: C.RouteDeclCstNode): A.RouteDecl {
    const c = node.children;
    const items: A.RouteItem[] = [];
    for (const i of c.routeItem ?? []) {
      const ic = i.children;
      const range = this.r.ofNode(i);
      if (ic.whenItem?.[0]) items.push(this.when(ic.whenItem[0]));
      else if (ic.scopeItem?.[0]) items.push(this.scope(ic.scopeItem[0]));
      else if (ic.Kw_to) items.push({ kind: 'RouteTo', roles: this.v.names(ic.nameList?.[0]), range });
    }
    const range = this.r.ofNode(node);
    const decl: A.RouteDecl = { kind: 'Route', name: this.v.name(c.NameLike?.[0], range), items, range };
    return this.withLabel(decl, c.StringLike?.[0]);
  }

  private penalties(node: C.PenaltiesDeclCstNode): A.PenaltiesDecl {
    const c = node.children;
    const rows = (c.penaltyRow ?? []).map((row): A.PenaltyRow => {
      const range = this.r.ofNode(row);
      const out: A.PenaltyRow = { kind: 'PenaltyRow', level: this.v.name(row.children.NameLike?.[0], range), value: this.v.value(row.children.value?.[0], range), range };
      if (row.children.scopeItem?.[0]) out.scope = this.scope(row.children.scopeItem[0]);
      return out;
    });
    const decl: A.PenaltiesDecl = { kind: 'Penalties', rows, range: this.r.ofNode(node) };
    if (c.chargeItem) {
      decl.charges = c.chargeItem.map((charge): A.ChargeItem => {
        const range = this.r.ofNode(charge);
        const item: A.ChargeItem = { kind: 'Charge', mode: this.v.name(charge.children.mode?.[0], range), unit: this.v.name(charge.children.unit?.[0], range), range };
        if (charge.children.Kw_final) item.final = true;
        return item;
      });
    }
    if (c.voidItem) {
      decl.voids = c.voidItem.map((v): A.VoidItem => {
        const range = this.r.ofNode(v);
        const item: A.VoidItem = {
          kind: 'Void',
          zh: this.v.string(v.children.zh?.[0]) ?? { kind: 'String', value: '', range: this.r.missing(range) },
          when: v.children.whenItem?.[0] ? this.when(v.children.whenItem[0]) : { kind: 'When', condition: this.v.condition(undefined, range), range },
          range,
        };
        const en = this.v.string(v.children.en?.[0]);
        if (en) item.en = en;
        return item;
      });
    }
    return this.withLabel(decl, c.StringLike?.[0]);
  }

  private compliance(node: C.ComplianceDeclCstNode): A.ComplianceDecl {
    const c = node.children;
    const rows = (c.complianceRow ?? []).map((row) => {
      const range = this.r.ofNode(row);
      const out: A.ComplianceRow = { kind: 'ComplianceRow', light: this.v.name(row.children.NameLike?.[0], range), range };
      if (row.children.GreaterEq) out.min = this.v.value(row.children.value?.[0], range);
      return out;
    });
    return this.withLabel({ kind: 'Compliance', rows, range: this.r.ofNode(node) } as A.ComplianceDecl, c.StringLike?.[0]);
  }

  private duty(node: C.DutyDeclCstNode): A.DutyDecl {
    const c = node.children;
    const range = this.r.ofNode(node);
    const items = (c.dutyItem ?? []).map((i) => this.dutyItem(i)).filter((i): i is A.DutyItem => i !== undefined);
    return this.withLabel({ kind: 'Duty', name: this.v.name(c.NameLike?.[0], range), items, range } as A.DutyDecl, c.StringLike?.[0]);
  }

  private dutyItem(node: C.DutyItemCstNode): A.DutyItem | undefined {
    const c = node.children;
    const range = this.r.ofNode(node);
    const time = c.TimeLiteral?.[0];
    if (c.Kw_every || c.Kw_daily || c.Kw_monthly) {
      const every = c.Kw_every ? 'weekly' : c.Kw_daily ? 'daily' : 'monthly';
      const item: A.DutyScheduleItem = { kind: 'DutySchedule', every, range };
      if (c.Kw_every) item.weekday = this.v.name(c.weekday?.[0], range);
      if (c.dayWord?.[0]) {
        item.dayWord = this.v.name(c.dayWord[0], range);
        item.day = this.v.value(c.value?.[0], range);
      }
      if (time) item.by = this.v.time(time, range);
      return item;
    }
    if (c.Kw_owner) return { kind: 'DutyOwner', role: this.v.name(c.role?.[0], range), range };
    if (c.Kw_calendar) return { kind: 'DutyCalendar', calendar: this.v.name(c.calendar?.[0], range), range };
    if (c.Kw_warning) return { kind: 'DutyWarning', level: this.v.name(c.level?.[0], range), range };
    if (c.Kw_advisory) return { kind: 'Advisory', range };
    return undefined;
  }

  private test(node: C.TestDeclCstNode): A.TestDecl {
    const c = node.children;
    const range = this.r.ofNode(node);
    const items: A.TestItem[] = [];
    for (const i of c.testItem ?? []) {
      const ic = i.children;
      const itemRange = this.r.ofNode(i);
      if (ic.ticketBlock?.[0]) items.push(this.ticket(ic.ticketBlock[0]));
      else if (ic.Kw_at) items.push({ kind: 'At', at: this.v.dateTime(ic.DateTimeLiteral?.[0], itemRange), range: itemRange });
      else if (ic.expectItem?.[0]) items.push(this.expect(ic.expectItem[0]));
    }
    return { kind: 'Test', name: this.v.string(c.StringLike?.[0]) ?? { kind: 'String', value: '', range: this.r.missing(range) }, items, range };
  }

  private ticket(node: C.TicketBlockCstNode): A.TicketBlock {
    const c = node.children;
    const items: A.TicketItem[] = (c.ticketItem ?? []).map((i) => {
      const ic = i.children;
      const range = this.r.ofNode(i);
      if (ic.Kw_deadline) return { kind: 'TicketDeadline', deadline: this.v.name(ic.deadline?.[0], range), at: this.v.dateTime(ic.DateTimeLiteral?.[0], range), range };
      if (ic.Kw_event) return { kind: 'TicketEvent', event: this.v.name(ic.NameLike?.[0], range), at: this.v.dateTime(ic.DateTimeLiteral?.[0], range), range };
      return { kind: 'TicketField', name: this.v.name(ic.field?.[0], range), values: (ic.value ?? []).map((v) => this.v.value(v, range)), range };
    });
    return { kind: 'Ticket', role: c.Kw_related ? 'related' : 'ticket', items, range: this.r.ofNode(node) };
  }

  private expect(node: C.ExpectItemCstNode): A.ExpectItem {
    const c = node.children;
    const range = this.r.ofNode(node);
    if (c.Kw_warning) return { kind: 'ExpectWarning', level: this.v.name(c.level?.[0], range), range };
    if (c.Kw_penalty) return { kind: 'ExpectPenalty', value: this.v.value(c.value?.[0], range), range };
    const item: A.ExpectClock = { kind: 'ExpectClock', clock: this.v.name(c.clock?.[0], range), state: this.v.name(c.state?.[0], range), range };
    if (c.DateTimeLiteral?.[0]) item.at = this.v.dateTime(c.DateTimeLiteral[0]);
    return item;
  }
}
