// Strings of the editor and its language services, zh-CN first.
import { currentLocale, type Locale } from './locale.js';

const zh = {
  declaredIn: '声明于 {file} 第 {line} 行',
  effectiveValue: '生效值：{value}',
  setBy: '由 {module}（{file} 第 {line} 行）设置',
  inheritedFrom: '继承自 {module}',
  ownedByQuality: '此段由品质部维护（预警、扣分、达标率），你的角色不能修改。',
  ownedByManager: '此段由项目经理和管理员维护（计时、时限、参数等），你的角色不能修改。',
  viewerReadOnly: '只读：你的角色不能修改策略。',
  quickFixReplace: '改为 “{name}”',
  kind_category: '分类',
  kind_tier: '优先级',
  kind_event: '事件',
  kind_role: '角色',
  kind_flag: '标记',
  kind_calendar: '日历',
  kind_param: '参数',
  kind_clock: '计时',
  kind_warning: '预警',
  kind_attribute: '属性',
  kind_member: '属性值',
  kind_policy: '策略',
  kind_test: '测试',
  kind_field: '工单字段',
  kind_function: '函数',
  keyword: '关键字',
  loading: '正在加载编辑器…',
} as const;

export type EditorStringKey = keyof typeof zh;

const en: Record<EditorStringKey, string> = {
  declaredIn: 'Declared in {file}, line {line}',
  effectiveValue: 'Effective value: {value}',
  setBy: 'Set by {module} ({file}, line {line})',
  inheritedFrom: 'Inherited from {module}',
  ownedByQuality: 'This section belongs to the quality department (warnings, penalties, compliance); your role cannot change it.',
  ownedByManager: 'This section belongs to property managers and admins (clocks, targets, parameters…); your role cannot change it.',
  viewerReadOnly: 'Read-only: your role cannot change policies.',
  quickFixReplace: "Change to '{name}'",
  kind_category: 'category',
  kind_tier: 'tier',
  kind_event: 'event',
  kind_role: 'role',
  kind_flag: 'flag',
  kind_calendar: 'calendar',
  kind_param: 'parameter',
  kind_clock: 'clock',
  kind_warning: 'warning',
  kind_attribute: 'attribute',
  kind_member: 'attribute value',
  kind_policy: 'policy',
  kind_test: 'test',
  kind_field: 'ticket field',
  kind_function: 'function',
  keyword: 'keyword',
  loading: 'Loading the editor…',
};

export const editorStrings: Record<Locale, Record<EditorStringKey, string>> = { 'zh-CN': zh, en };

/** The string in the given (default: current) locale with `{name}` placeholders filled. */
export function et(key: EditorStringKey, params: Record<string, string | number> = {}, locale: Locale = currentLocale()): string {
  return editorStrings[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
