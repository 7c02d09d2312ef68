// One-file group policies named `desk` for engine tests. Errors throw with their codes.
import { checkText, compile, type CompiledPolicy } from '../../../engine/index.js';

/** The policy `desk` of a whole file's text, compiled. */
export function compiledDesk(text: string): CompiledPolicy {
  const checked = checkText(text, 'desk.sla');
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n'));
  return compile(checked.policies.get('desk')!).value!;
}

/** A policy with one cell (category c, tier t), the events received and resolved, and whatever `body` declares. */
export function deskPolicy(body: string): CompiledPolicy {
  return compiledDesk(`group desk "测试集团"
zone "Asia/Shanghai"
categories { c "c" }
tiers { t "t" }
events { received "受理", resolved "处理完成" }
${body}
`);
}
