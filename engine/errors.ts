// Errors of the compile and evaluate phases: a code, a message a manager or an
// integrator can act on, and where — a JSON pointer into the ticket, or a
// source range for policy problems. Codes: E1xx compile, E2xx ticket input,
// E3xx notes on a result that was computed but rests on missing data.
import type { Diagnostic, Range } from '../grammar/index.js';

export const evaluateCatalogue = {
  E101: { title: 'Policy has errors', zh: '策略有错误，无法编译' },
  E102: { title: 'Placeholder not filled', zh: '占位符未填写，无法计算' },
  E103: { title: 'Unknown policy', zh: '找不到策略' },
  E201: { title: 'Ticket does not match the contract', zh: '工单格式不符合约定' },
  E202: { title: 'Unknown category', zh: '未定义的分类' },
  E203: { title: 'Unknown priority tier', zh: '未定义的优先级' },
  E204: { title: 'Unknown attribute value', zh: '未定义的属性值' },
  E205: { title: 'Unknown event type', zh: '未定义的事件类型' },
  E206: { title: 'Unknown flag', zh: '未定义的标记' },
  E207: { title: 'Invalid instant', zh: '时间无效' },
  E208: { title: 'Instant outside the supported range', zh: '时间超出支持范围（1970–2199 年）' },
  E209: { title: 'Impossible event history', zh: '事件顺序不可能发生' },
  E301: { title: 'Due time in a year without a holiday table', zh: '时限所在年份没有节假日表' },
  E320: { title: 'Unknown deadline', zh: '未定义的期限名称' },
  // E330 refuses the ticket (an input error, like the E2xx); E331 is a note on a computed result.
  E330: { title: 'Pause reason not declared', zh: '暂停原因未在策略中声明' },
  E331: { title: 'Pause counted only up to its limit', zh: '暂停超过上限，超出部分照常计时' },
  E340: { title: "Property's household count unknown", zh: '项目总户数未知，无法按户数比例判断' },
} as const;

export type EvaluateCode = keyof typeof evaluateCatalogue;

export interface EngineError {
  code: EvaluateCode;
  message: string;
  /** JSON pointer into the input (RFC 6901), e.g. /ticket/events/2/type. */
  pointer?: string;
  /** For policy problems: where in which file. */
  uri?: string;
  range?: Range;
  help?: string;
}

export function engineError(code: EvaluateCode, message: string, where: { pointer?: string; uri?: string; range?: Range; help?: string } = {}): EngineError {
  return { code, message, ...where };
}

/** Policy diagnostics carried into the evaluate phase. */
export function fromDiagnostic(d: Diagnostic): EngineError {
  const e: EngineError = { code: 'E101', message: `${d.code} ${d.message}` };
  if (d.uri !== undefined) e.uri = d.uri;
  e.range = d.range;
  if (d.help !== undefined) e.help = d.help;
  return e;
}

/** Escapes one reference token of a JSON pointer. */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}
