// `npm run bench`: every benchmark in one run, so ratios compare figures taken
// on the same machine at the same moment.
import { benchCalendar, reportCalendar } from './calendar.bench.js';
import { benchEditorDiagnostics, reportEditorDiagnostics } from './editor-diagnostics.bench.js';
import { benchCliStartup, reportCliStartup } from './cli-startup.bench.js';
import { benchEngine, reportEngine } from './engine.bench.js';
import { benchHttp, httpFailures, reportHttp } from './http.bench.js';
import { benchParseCheck, reportParseCheck } from './parse-check.bench.js';
import { benchSimulation, reportSimulation } from './simulate.bench.js';
import { benchUi, reportUi } from './ui.bench.js';
import { benchUiKeystroke, keystrokeFailures, reportUiKeystroke } from './ui-keystroke.bench.js';

const only = process.argv[2];
let failed = false;

if (!only || only === 'parse') {
  const rows = benchParseCheck([1_000, 10_000]);
  console.log('## Parse + check of generated policies\n');
  console.log(reportParseCheck(rows));
  if (rows.some((r) => r.errors > 0)) {
    console.error('\nThe generated policy has check errors: the figures are not representative.');
    failed = true;
  }
}

if (!only || only === 'editor') {
  console.log('\n## Editor: keystroke to marker (the diagnostics worker\'s check, in node)\n');
  const rows = benchEditorDiagnostics();
  console.log(reportEditorDiagnostics(rows));
  if (rows[0]?.markers !== 1) {
    console.error('\nThe group policy typo should give exactly one error marker: the figures are not representative.');
    failed = true;
  }
}

if (!only || only === 'calendar') {
  console.log('\n## Working days over long spans (closed form)\n');
  console.log(reportCalendar(benchCalendar()));
}

if (!only || only === 'editor' || only === 'ui') {
  console.log('\n## Editor: keystroke to marker in the browser (the policy page, Chromium)\n');
  const result = await benchUiKeystroke();
  console.log(reportUiKeystroke(result));
  const failures = keystrokeFailures(result);
  if (failures.length > 0) {
    console.error(`\nThe browser run missed markers: the figures are void.\n${failures.map((f) => `  ${f}`).join('\n')}`);
    failed = true;
  }
}

if (!only || only === 'engine') {
  console.log('\n## Engine throughput (20,000 sample tickets)\n');
  const engine = await benchEngine();
  console.log(reportEngine(engine));
  if (engine.mismatches > 0) failed = true;
}

if (!only || only === 'simulate') {
  console.log('\n## Simulation of 1,000,000 sample tickets under two policies\n');
  console.log(reportSimulation(await benchSimulation()));
}

if (!only || only === 'http') {
  console.log('\n## Evaluation over HTTP (server in a child process on loopback, autocannon)\n');
  const http = await benchHttp();
  console.log(reportHttp(http));
  const failures = httpFailures(http);
  if (failures.length > 0) {
    console.error(`\nThe HTTP run failed: the figures are void.\n${failures.map((f) => `  ${f}`).join('\n')}`);
    failed = true;
  }
}

if (!only || only === 'ui') {
  console.log('\n## The admin UI: JavaScript fetched on a first load (Chromium, empty cache)\n');
  console.log(reportUi(await benchUi()));
}

if (!only || only === 'cli') {
  console.log('\n## Start-up of the command line\n');
  console.log(reportCliStartup(benchCliStartup()));
}

if (failed) process.exitCode = 1;
