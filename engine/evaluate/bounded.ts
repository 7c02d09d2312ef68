// What a presented result says about the rules that bound a ticket's cost: the
// levels a `void` rule voids (listed with why; server/voids.ts reverses their ledger
// entries), and the pauses `pause at most` cut short (E331 notes, also in the
// clock's reason and the trace). Called from `present` only.
import type { CompiledPolicy } from '../compile/types.js';
import type { EvaluationResult, PauseLimitNote } from '../ticket.js';
import type { CoreResult } from './core.js';
import { sourceText } from './explain.js';
import { isoInZone, lengthText, shortInZone } from './format.js';

export function addVoided(policy: CompiledPolicy, core: CoreResult, result: EvaluationResult, explain: boolean): void {
  const rule = core.voidedBy;
  if (rule && core.reached.length > 0) result.voided = core.reached.map((w) => ({ level: w.name, reason: rule.reason }));
  if (!explain || !result.trace || !policy.voids || core.reached.length === 0) return;
  for (const v of policy.voids) {
    const holds = v === rule;
    result.trace.push({
      rule: 'void',
      source: sourceText(v.source),
      inputs: { levels: core.reached.map((w) => w.name) },
      outcome: holds ? 'voided' : v.when.test(core.env) ? 'not used (an earlier void applies)' : 'not voided',
      reason: holds ? v.reason : { en: `does not hold: ${v.reason.en}`, zh: `不成立：${v.reason.zh}` },
    });
  }
}

export function addPauseNotes(core: CoreResult, result: EvaluationResult, zone: string): void {
  const atMs = core.read.atMs;
  let at = -1;
  for (const o of core.outcomes) {
    if (!o) continue;
    const clock = result.clocks[++at];
    if (!clock || o.cappedPauses.length === 0) continue;
    const limit = lengthText(o.clock.maxPauseMinutes ?? 0);
    for (const p of o.cappedPauses) {
      const t = (ms: number) => shortInZone(ms, zone, atMs);
      const ended = p.to === null ? { en: 'never resumed', zh: '一直未恢复' } : { en: `resumed ${t(p.to)}`, zh: `${t(p.to)} 才恢复` };
      const note: PauseLimitNote = {
        code: 'E331',
        pointer: `/clocks/${at}`,
        pausedAt: isoInZone(p.from, zone) as string,
        resumedAt: isoInZone(p.to, zone),
        countedUntil: isoInZone(p.countedUntil, zone) as string,
        message: {
          en: `${o.clock.name} paused ${t(p.from)}, ${ended.en}: a cycle may pause at most ${limit.en}, so it runs again from ${t(p.countedUntil)}.`,
          zh: `${o.clock.label ?? o.clock.name}自 ${t(p.from)} 暂停，${ended.zh}；每轮最多暂停 ${limit.zh}，自 ${t(p.countedUntil)} 起照常计时。`,
        },
      };
      (result.notes ??= []).push(note);
      clock.reason = { en: `${clock.reason.en}; note E331: ${note.message.en}`, zh: `${clock.reason.zh}；提示 E331：${note.message.zh}` };
      result.trace?.push({ rule: `pause at most (E331)`, source: null, inputs: { pointer: note.pointer, pausedAt: note.pausedAt, resumedAt: note.resumedAt, countedUntil: note.countedUntil }, outcome: 'note', reason: note.message });
    }
  }
}
