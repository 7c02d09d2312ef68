// The one catalogue of diagnostic codes. The letter is the phase (P = parse,
// C = check); the hundreds group related codes. Tests assert codes and ranges,
// never the prose, so messages may be improved freely.
import type { Range } from './ast.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: Range;
  /** What to do about it, e.g. "did you mean `onsite`?". */
  help?: string;
  /** The file the range points into, when the diagnostic concerns a workspace. */
  uri?: string;
}

interface Entry {
  severity: Severity;
  title: string;
  zh: string;
}

export const catalogue = {
  C101: { severity: 'warning', title: 'Rule with a cost has no scope', zh: '有扣分或预警的规则未限定适用范围' },
  C102: { severity: 'error', title: 'Scope reads more than the ticket', zh: '适用范围只能依据工单本身' },
  C103: { severity: 'error', title: 'Final value overridden', zh: '锁定的值不能被覆盖' },
  C110: { severity: 'error', title: 'Invalid duty schedule', zh: '职责周期无效' },
  C111: { severity: 'warning', title: 'Advisory duty has a warning', zh: '建议性职责不会触发预警' },
  C112: { severity: 'info', title: 'Clocks overlap on the same events', zh: '多个时限在同一事件上重叠' },
  C113: { severity: 'warning', title: 'Condition waits for an advisory clock', zh: '条件依赖建议性时限，永不成立' },
  C120: { severity: 'error', title: 'Invalid deadline fallback', zh: '期限的备用时限无效' },

  C130: { severity: 'error', title: 'Unknown charge choice', zh: '扣分方式无法识别' },
  C131: { severity: 'error', title: 'Void without a reason in both languages', zh: '作废规则缺少中英文理由' },
  C132: { severity: 'error', title: 'Pause limit is not a duration', zh: '暂停上限必须是时长' },
  C133: { severity: 'warning', title: 'Pause limit on a clock that never pauses', zh: '该计时没有暂停事件，暂停上限无效' },
  C134: { severity: 'warning', title: 'Pause without a limit', zh: '暂停没有上限' },

  C140: { severity: 'warning', title: 'Household count set by the policy', zh: '总户数应取自项目档案，而非策略中的数值' },
  C141: { severity: 'error', title: 'Calendar test on a value that is not an instant', zh: '只有时间字段可以判断是否在日历时段内' },
  C142: { severity: 'error', title: 'Route without a role', zh: '转派规则缺少接收角色' },
  C143: { severity: 'error', title: 'Share filter reads more than the reporting ticket', zh: '累计条件只能依据报事工单本身的字段' },
  C144: { severity: 'warning', title: 'shareBefore counts other reports than its share', zh: 'shareBefore 与 share 的计入范围不一致' },

  C150: { severity: 'error', title: 'Repeat window is not a positive duration', zh: '重复投诉的时间窗必须是正的时长' },

  P101: { severity: 'error', title: 'Unexpected character', zh: '无法识别的字符' },
  P102: { severity: 'error', title: 'Unterminated string', zh: '字符串缺少结束引号' },
  P103: { severity: 'error', title: 'Unexpected token', zh: '语法错误' },
  P104: { severity: 'error', title: 'Missing token', zh: '缺少符号' },
  P105: { severity: 'error', title: 'Unexpected end of file', zh: '文件意外结束' },
  P106: { severity: 'error', title: 'Reserved word used as a name', zh: '保留字不能作名称' },

  C201: { severity: 'error', title: 'Unknown name', zh: '未定义的名称' },
  C202: { severity: 'error', title: 'Duplicate name', zh: '名称重复' },
  C203: { severity: 'error', title: 'Unknown policy', zh: '找不到引用的策略' },
  C204: { severity: 'error', title: 'Cycle in extends', zh: '继承关系成环' },
  C205: { severity: 'error', title: 'Duplicate policy id', zh: '策略标识重复' },
  C206: { severity: 'error', title: 'Wrong kind of policy referenced', zh: '引用的策略类型不符' },
  C207: { severity: 'error', title: 'Declaration not allowed here', zh: '此处不允许该声明' },
  C208: { severity: 'error', title: 'Missing clause', zh: '缺少必需的子句' },
  C209: { severity: 'error', title: 'Clause given twice', zh: '子句重复' },

  C301: { severity: 'error', title: 'Type mismatch', zh: '类型不匹配' },
  C302: { severity: 'error', title: 'Working days on a 24x7 clock', zh: '全天候计时不能用工作日' },
  C303: { severity: 'error', title: 'Unknown type', zh: '未知的参数类型' },
  C304: { severity: 'error', title: 'Invalid date or time', zh: '日期或时间无效' },
  C305: { severity: 'error', title: 'Invalid target', zh: '时限设置无效' },
  C306: { severity: 'error', title: 'Unknown weekday', zh: '无法识别的星期' },
  C307: { severity: 'error', title: 'Empty service interval', zh: '服务时段为空' },
  C308: { severity: 'error', title: 'Unknown time zone', zh: '未知的时区' },
  C309: { severity: 'error', title: 'Value out of range', zh: '取值超出范围' },
  C310: { severity: 'error', title: 'Parameters refer to each other', zh: '参数循环引用' },

  C401: { severity: 'error', title: 'Table names an undeclared category', zh: '时限表引用了未定义的分类' },
  C402: { severity: 'error', title: 'Table names an undeclared tier', zh: '时限表引用了未定义的优先级' },
  C403: { severity: 'warning', title: 'No target for a category and tier', zh: '分类与优先级组合缺少时限' },
  C404: { severity: 'error', title: 'Table cell given twice', zh: '时限表单元格重复' },

  C501: { severity: 'error', title: 'Warning levels do not escalate', zh: '预警级别未逐级升高' },
  C502: { severity: 'error', title: 'Negative penalty', zh: '扣分不能为负' },
  C503: { severity: 'error', title: 'Compliance thresholds out of order', zh: '达标率阈值顺序错误' },

  C601: { severity: 'warning', title: 'Placeholder left for properties to fill', zh: '待项目填写的占位符' },
  C602: { severity: 'error', title: 'Placeholder not filled', zh: '占位符未填写' },
  C603: { severity: 'error', title: 'Placeholder would undo a filled value', zh: '不能把已填写的值改回占位符' },

  C701: { severity: 'error', title: 'Overlapping service intervals', zh: '服务时段重叠' },
  C702: { severity: 'error', title: 'Date is both holiday and make-up working day', zh: '同一天既是节假日又是调休工作日' },
  C703: { severity: 'error', title: 'Calendars include each other', zh: '日历互相包含' },
  C704: { severity: 'warning', title: 'Year without a holiday table', zh: '该年份没有节假日表' },

  C801: { severity: 'error', title: 'Override changes the type', zh: '覆盖时改变了类型' },

  C901: { severity: 'error', title: 'Incomplete test', zh: '测试用例不完整' },
} as const satisfies Record<string, Entry>;

export type DiagnosticCode = keyof typeof catalogue;

export const diagnosticCodes = Object.keys(catalogue) as DiagnosticCode[];

export function diagnostic(
  code: DiagnosticCode,
  range: Range,
  message: string,
  options: { help?: string; severity?: Severity; uri?: string } = {},
): Diagnostic {
  const d: Diagnostic = { code, severity: options.severity ?? catalogue[code].severity, message, range };
  if (options.help !== undefined) d.help = options.help;
  if (options.uri !== undefined) d.uri = options.uri;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts by file, then position, then code, so output is stable for people and tests. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      compareText(a.uri ?? '', b.uri ?? '') ||
      a.range.start.offset - b.range.start.offset ||
      compareText(a.code, b.code),
  );
}

/** localeCompare, without its cost when the two are the same string (most pairs: one file, a few codes). */
function compareText(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}
