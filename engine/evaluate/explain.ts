// Plain-language reasons (Chinese and English) and the trace: for each
// decision, the rule's place in the .sla source, what it saw and what it decided.
import type { CompiledCondition, CompiledPolicy, CompiledWarning, ConditionEnv, SourceRef } from '../compile/types.js';
import type { Reason, TraceEntry } from '../ticket.js';
import type { ClockOutcome } from './clock.js';
import { scopedRow, type CoreResult } from './core.js';
import { dayInZone, lengthText, shortInZone } from './format.js';

export function sourceText(ref: SourceRef): string {
  return `${ref.uri}:${ref.range.start.line}:${ref.range.start.column}`;
}

/** Runs of non-service days between two instants, e.g. "10-01 to 10-07 skipped as holidays (国庆节)". */
function skippedText(o: ClockOutcome): Reason | null {
  const cal = o.clock.calendar;
  if (cal.always || o.startMs === null || o.dueMs === null || !cal.skippedDays) return null;
  const runs = cal.skippedDays(o.startMs, o.dueMs, 'holiday');
  if (runs.length === 0) return null;
  const en = runs.map((r) => `${dayInZone(r.from)}${r.to !== r.from ? ` to ${dayInZone(r.to)}` : ''} skipped as holidays${r.label ? ` (${r.label})` : ''}`);
  const zh = runs.map((r) => `${dayInZone(r.from)}${r.to !== r.from ? ` 至 ${dayInZone(r.to)}` : ''} 为节假日${r.label ? `（${r.label}）` : ''}，不计时`);
  return { en: en.join('; '), zh: zh.join('；') };
}

export function clockReason(o: ClockOutcome, zone: string, atMs: number): Reason {
  const name = o.clock.label ?? o.clock.name;
  let r: Reason;
  if (o.state === 'not_started') {
    const waits = [...o.clock.start].join('/');
    r = { en: `${o.clock.name}: not started, waits for ${waits}`, zh: `${name}：未开始，等待「${waits}」` };
  } else if (o.target?.kind === 'every' || o.target?.kind === 'daily') {
    const due = o.dueMs !== null ? shortInZone(o.dueMs, zone, atMs) : null;
    const missed = o.missedUpdates;
    r = {
      en: `${o.clock.name} (${o.target.text}): ${missed ? `${missed} update${missed === 1 ? '' : 's'} missed` : 'every update on time'}${due ? `; next update due ${due}` : ''}`,
      zh: `${name}（${o.target.text}）：${missed ? `漏报 ${missed} 次` : '均按时通报'}${due ? `；下次应于 ${due} 前通报` : ''}`,
    };
  } else if (o.dueMs === null) {
    const why = !o.target ? 'no target for this category and tier' : o.target.kind === 'unfilled' ? 'its target is still [X]' : o.target.kind === 'relative' ? `the ticket has no ${o.target.anchor}` : o.target.kind === 'deadline' ? `the ticket carries no deadline ${o.target.name}` : 'paused before it fell due';
    const whyZh = !o.target ? '该分类与优先级未设时限' : o.target.kind === 'unfilled' ? '时限尚未填写' : o.target.kind === 'relative' ? `工单没有 ${o.target.anchor}` : o.target.kind === 'deadline' ? `工单未携带期限 ${o.target.name}` : '在到期前已挂起';
    const state = o.state === 'paused' && o.pausedSinceMs !== null ? `paused since ${shortInZone(o.pausedSinceMs, zone, atMs)}` : o.state;
    const stateZh = o.state === 'paused' && o.pausedSinceMs !== null ? `自 ${shortInZone(o.pausedSinceMs, zone, atMs)} 起挂起` : o.state === 'met' ? '已完成' : '计时中';
    const left = o.remaining !== null ? lengthText(o.remaining) : null;
    r = {
      en: `${o.clock.name}: ${state}, no due time (${why})${left ? `; ${left.en} left when it resumes` : ''}`,
      zh: `${name}：${stateZh}，无到期时间（${whyZh}）${left ? `；恢复后剩余 ${left.zh}` : ''}`,
    };
  } else {
    const due = shortInZone(o.dueMs, zone, atMs);
    if (o.stopMs !== null) {
      const diff = lengthText(Math.abs(o.stopMs - o.dueMs) / 60_000);
      const late = o.stopMs > o.dueMs;
      const done = shortInZone(o.stopMs, zone, atMs);
      r = {
        en: `${o.clock.name}: due ${due}, done ${done}: ${diff.en} ${late ? 'late' : 'early'}`,
        zh: `${name}：应于 ${due} 前完成，实际 ${done} 完成，${late ? '超时' : '提前'} ${diff.zh}`,
      };
    } else if (o.state === 'breached' || o.state === 'late') {
      const late = lengthText(o.overdueMinutes ?? 0);
      r = { en: `${o.clock.name}: due ${due}, still open: ${late.en} late`, zh: `${name}：应于 ${due} 前完成，仍未完成，已超时 ${late.zh}` };
    } else {
      const left = lengthText(o.remaining ?? 0);
      const paused = o.state === 'paused' && o.pausedSinceMs !== null;
      r = {
        en: `${o.clock.name}: due ${due}, ${paused ? `paused since ${shortInZone(o.pausedSinceMs as number, zone, atMs)}, ` : ''}${left.en} of service time left`,
        zh: `${name}：应于 ${due} 前完成，${paused ? `自 ${shortInZone(o.pausedSinceMs as number, zone, atMs)} 起挂起，` : ''}剩余服务时间 ${left.zh}`,
      };
    }
    if (o.cycles > 1) {
      r = { en: `${r.en} (reopened: ${o.cycles} cycles)`, zh: `${r.zh}（重开，共 ${o.cycles} 轮）` };
    }
  }
  if (o.advisory) r = { en: `${r.en} (advisory: reported, never breached or charged)`, zh: `${r.zh}（建议性规定：只作提示，不计违约、不预警、不扣分）` };
  const skipped = skippedText(o);
  return skipped ? { en: `${r.en}; ${skipped.en}`, zh: `${r.zh}；${skipped.zh}` } : r;
}

export function warningReasons(w: CompiledWarning, core: CoreResult): { reason: Reason; since: number } {
  const detail = w.when.explain(core.env);
  let en = '';
  let zh = '';
  for (const p of detail.parts) {
    if (!p.holds) continue;
    const words = p.detail;
    en = en ? `${en}; ${words.en}` : words.en;
    zh = zh ? `${zh}；${words.zh}` : words.zh;
  }
  return { since: detail.since, reason: { en: `${w.name}: ${en}`, zh: `${w.label ?? w.name}：${zh}` } };
}

/**
 * Whether a rule's `applies to` admitted the ticket, with the ticket's values:
 * "applies to kind = complaint (actually suggestion): excluded".
 */
export function scopeEntry(rule: string, scope: CompiledCondition, env: ConditionEnv): TraceEntry {
  const detail = scope.explain(env);
  const text = detail.parts.map((p) => p.detail);
  const outcome = detail.holds ? 'admitted' : 'excluded';
  return {
    rule: `${rule} applies to`,
    source: sourceText(scope.source),
    inputs: Object.fromEntries(detail.parts.map((p) => [p.text, p.holds])),
    outcome,
    reason: {
      en: `${rule}: applies to ${text.map((t) => t.en).join('; ')}: ${detail.holds ? 'the ticket is in scope' : 'the ticket is outside the scope, the rule does not apply'}`,
      zh: `${rule}：适用范围 ${text.map((t) => t.zh).join('；')}：${detail.holds ? '工单在适用范围内' : '工单不在适用范围内，本规则不适用'}`,
    },
  };
}

export function trace(policy: CompiledPolicy, core: CoreResult, zone: string): TraceEntry[] {
  const entries: TraceEntry[] = [];
  const ticket = core.read.ticket;
  for (const clock of policy.clocks) {
    const o = core.outcomes[clock.index];
    if (clock.scope) entries.push(scopeEntry(`clock ${clock.name}`, clock.scope, core.env));
    if (clock.when && (!clock.scope || clock.scope.test(core.env))) {
      const applies = o !== null;
      entries.push({
        rule: `clock ${clock.name} when`,
        source: sourceText(clock.when.source),
        inputs: { kind: ticket.kind ?? null, category: ticket.category, priority: ticket.priority, channel: ticket.channel ?? null },
        outcome: applies ? 'applies' : 'does not apply',
      });
    }
    if (!o) continue;
    const cell = policy.cellOf(ticket.category, ticket.priority);
    const row = clock.scopedTargets ? scopedRow(clock.scopedTargets[cell], core.env) : undefined;
    if (row?.scope) entries.push(scopeEntry(`clock ${clock.name} target ${row.key}`, row.scope, core.env));
    const entry: TraceEntry = {
      rule: `clock ${clock.name}`,
      source: o.target ? sourceText(o.target.source) : sourceText(clock.source),
      inputs: {
        category: ticket.category,
        priority: ticket.priority,
        target: o.target?.text ?? null,
        calendar: clock.calendarName ?? '24x7',
        start: [...clock.start],
        stop: [...clock.stop],
      },
      outcome: o.state,
      reason: clockReason(o, zone, core.read.atMs),
    };
    entries.push(entry);
  }
  for (const w of policy.warnings) {
    if (w.scope) {
      entries.push(scopeEntry(`warning ${w.name}`, w.scope, core.env));
      if (!w.scope.test(core.env)) continue;
    }
    const detail = w.when.explain(core.env);
    entries.push({
      rule: `warning ${w.name}`,
      source: sourceText(w.when.source),
      inputs: Object.fromEntries(w.when.explain(core.env).parts.map((p) => [p.text, p.holds])),
      outcome: detail.holds ? 'raised' : 'not raised',
      ...(detail.holds ? { reason: warningReasons(w, core).reason } : {}),
    });
    if (detail.holds && w.scopedPoints) {
      const paid = w.scopedPoints.find((r) => r.scope.test(core.env));
      if (paid) entries.push(scopeEntry(`penalty ${w.name}`, paid.scope, core.env));
    }
  }
  return entries;
}
