// Keystroke to marker in the policy editor, without the browser: the pure check
// the diagnostics web worker runs (admin-ui/src/language answer()) on the shipped
// 1,800-line group policy with a typo, plus the editor's debounce. The target is
// a marker within 300 ms of the keystroke; structured-clone and marker painting
// are not in these figures (the browser bench of issue 10 measures those).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { answer, DIAGNOSTICS_DEBOUNCE_MS, type DiagnosticsRequest } from '../admin-ui/src/language/index.js';
import { fmtMs, measure } from './measure.js';
import { shippedSources } from './engine.bench.js';

const root = fileURLToPath(new URL(import.meta.url.includes('/dist/bench/') ? '../..' : '..', import.meta.url));
const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');

const TARGET_MS = 300;

export interface EditorDiagnosticsRow {
  case: string;
  lines: number;
  checkMs: number;
  markers: number;
  baselineMs: number;
}

function typo(text: string): string {
  // The keystroke: one letter dropped from an event name in a clock, an unknown-name error.
  const at = text.indexOf('stop contacted');
  if (at < 0) throw new Error('the group policy no longer has `stop contacted`; pick another typo');
  return `${text.slice(0, at)}stop contcted${text.slice(at + 'stop contacted'.length)}`;
}

export function benchEditorDiagnostics(): EditorDiagnosticsRow[] {
  const group = read('policies/group.sla');
  // Every year's holiday table the group uses, as the policy page sends them.
  const calendars = shippedSources()
    .filter((f) => f.uri.startsWith('policies/calendars/'))
    .map((f) => ({ path: f.uri, text: f.text }));
  const property = read('policies/properties/jinxiu-garden.sla');
  const cases: [string, DiagnosticsRequest][] = [
    ['group.sla with a typo (the file being typed)', { seq: 1, path: 'policies/group.sla', text: typo(group), related: calendars, locale: 'zh-CN', role: 'manager' }],
    ['jinxiu-garden.sla, resolving extends and use', { seq: 1, path: 'policies/properties/jinxiu-garden.sla', text: `${property}\n`, related: [{ path: 'policies/group.sla', text: group }, ...calendars], locale: 'zh-CN', role: 'manager' }],
  ];
  return cases.map(([name, request]) => {
    // A fresh text each run, as each keystroke is: the analysis cache must not answer.
    let n = 0;
    const run = () => answer({ ...request, text: `${request.text}${' '.repeat(n++ % 2)}` });
    const markers = run().markers.filter((m) => m.severity === 'error').length;
    const check = measure(run, { warmups: 3, minRuns: 15, minTimeMs: 1500 });
    const json = JSON.stringify({ text: request.text.split('\n') });
    const baseline = measure(() => JSON.parse(json));
    return { case: name, lines: request.text.split('\n').length, checkMs: check.medianMs, markers, baselineMs: baseline.medianMs };
  });
}

export function reportEditorDiagnostics(rows: EditorDiagnosticsRow[]): string {
  const header = '| case | lines | check in worker ms | + debounce ms | error markers | JSON.parse same size ms | under 300 ms |';
  const body = rows.map(
    (r) => `| ${r.case} | ${r.lines} | ${fmtMs(r.checkMs)} | ${fmtMs(r.checkMs + DIAGNOSTICS_DEBOUNCE_MS)} | ${r.markers} | ${fmtMs(r.baselineMs)} | ${r.checkMs + DIAGNOSTICS_DEBOUNCE_MS < TARGET_MS ? 'yes' : 'NO'} |`,
  );
  return [header, '|---|---|---|---|---|---|---|', ...body].join('\n');
}
