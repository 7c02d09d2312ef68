// `npm run bench`: every benchmark in one run, so ratios compare figures taken
// on the same machine at the same moment.
import { benchCalendar, reportCalendar } from './calendar.bench.js';
import { reportBars, type BarLine } from './bars.js';
import { benchEditorDiagnostics, reportEditorDiagnostics } from './editor-diagnostics.bench.js';
import { benchCliStartup, reportCliStartup, STARTUP_BAR_MS } from './cli-startup.bench.js';
import { benchEngine, reportEngine } from './engine.bench.js';
import { benchHttp, httpFailures, reportHttp } from './http.bench.js';
import { benchParseCheck, PARSE_CHECK_BAR_MS, reportParseCheck } from './parse-check.bench.js';
import { benchPeersAlone, CORE_BAR, FULL_BAR, reportPeers } from './peers.bench.js';
import { benchSimulation, reportSimulation, SIMULATE_BAR_MB, SIMULATE_BAR_MS } from './simulate.bench.js';
import { benchUi, reportUi } from './ui.bench.js';
import { benchUiKeystroke, keystrokeFailures, reportUiKeystroke } from './ui-keystroke.bench.js';
import { benchUiImpact, IMPACT_BAR_MS, impactFailures, impactP95, reportUiImpact } from './ui-impact.bench.js';

const only = process.argv[2];
let failed = false;
const bars: BarLine[] = [];

if (!only || only === 'parse') {
  const rows = benchParseCheck([1_000, 10_000]);
  console.log('## Parse + check of generated policies\n');
  console.log(reportParseCheck(rows));
  const big = rows.find((r) => r.lines >= 10_000);
  if (big) {
    bars.push({ figure: `parse + check of a ${big.lines.toLocaleString('en')}-line policy, from scratch`, value: `${big.checkMs.toFixed(1)} ms`, bar: `under ${PARSE_CHECK_BAR_MS} ms`, met: big.checkMs < PARSE_CHECK_BAR_MS });
    bars.push({ figure: `re-check of that policy after each keystroke of typing into a value (incremental parse, as the editor runs it)`, value: `${big.editMs.toFixed(1)} ms`, bar: `under ${PARSE_CHECK_BAR_MS} ms`, met: big.editMs < PARSE_CHECK_BAR_MS });
  }
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

if (!only || only === 'ui' || only === 'impact') {
  console.log('\n## Impact of a draft: last keystroke to the new impact in the browser (the policy page, Chromium)\n');
  // A browser run that breaks must not take the sections after it (and the bars) down with it.
  try {
    const result = await benchUiImpact();
    console.log(reportUiImpact(result));
    const failures = impactFailures(result);
    if (failures.length > 0) {
      console.error(`\nThe impact run is void.\n${failures.map((f) => `  ${f}`).join('\n')}`);
      failed = true;
    } else if (typeof result !== 'string') {
      const p95 = impactP95(result);
      bars.push({ figure: `impact of a draft change over ${result.tickets.toLocaleString('en')} tickets of one property's month: last keystroke to charts shown, p95 (800 ms of it the panel's debounce)`, value: `${(p95 / 1000).toFixed(2)} s`, bar: `under ${IMPACT_BAR_MS / 1000} s`, met: p95 < IMPACT_BAR_MS });
    }
  } catch (e) {
    console.error(`The impact run FAILED: ${(e as Error).message.split('\n')[0]}`);
    failed = true;
  }
}

if (!only || only === 'engine') {
  console.log('\n## Engine throughput (20,000 sample tickets)\n');
  const engine = await benchEngine();
  console.log(reportEngine(engine));
  if (engine.mismatches > 0) failed = true;
}

if (!only || only === 'peers') {
  console.log('\n## Beacon beside its peers (bench-24x7 policy: 18-cell resolve table, 3/7/15-day warnings; 100,000 tickets)\n');
  const peers = await benchPeersAlone();
  console.log(reportPeers(peers));
  const [hand, core, full] = peers;
  if (hand && core && full) {
    const coreX = hand.ticketsPerSecond / core.ticketsPerSecond;
    const fullX = hand.ticketsPerSecond / full.ticketsPerSecond;
    bars.push({ figure: 'Beacon core vs the hand-written function (time per ticket)', value: `${coreX.toFixed(2)}x (GC ${(100 * core.gcShare).toFixed(0)}% of its time)`, bar: `≤ ${CORE_BAR}x`, met: coreX <= CORE_BAR });
    bars.push({ figure: 'Beacon evaluate() vs the hand-written function', value: `${fullX.toFixed(2)}x (GC ${(100 * full.gcShare).toFixed(0)}%)`, bar: `≤ ${FULL_BAR}x`, met: fullX <= FULL_BAR });
  }
  if (peers.some((r) => r.mismatches > 0)) failed = true;
}

if (!only || only === 'simulate') {
  console.log('\n## Simulation of 1,000,000 sample tickets under two policies\n');
  const sim = await benchSimulation();
  console.log(reportSimulation(sim));
  const cpuUs = (sim.cpuMs * 1000) / sim.tickets;
  bars.push({ figure: `simulate ${sim.tickets.toLocaleString('en')} tickets, two policies (wall; CPU ${cpuUs.toFixed(1)} µs per ticket)`, value: `${(sim.ms / 1000).toFixed(1)} s`, bar: `under ${SIMULATE_BAR_MS / 1000} s`, met: sim.ms < SIMULATE_BAR_MS });
  bars.push({ figure: 'simulate: peak memory', value: `${Math.round(sim.peakRssMb)} MiB`, bar: `under ${SIMULATE_BAR_MB} MiB`, met: sim.peakRssMb < SIMULATE_BAR_MB });
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
  // A browser run that breaks must not take the sections after it (and the bars) down with it.
  try {
    console.log(reportUi(await benchUi()));
  } catch (e) {
    console.error(`The UI run FAILED: ${(e as Error).message.split('\n')[0]}`);
    failed = true;
  }
}

if (!only || only === 'cli') {
  console.log('\n## Start-up of the command line\n');
  const cli = benchCliStartup();
  console.log(reportCliStartup(cli));
  bars.push({ figure: `\`beacon --help\` start-up (\`node -e 0\`: ${cli.nodeMs.toFixed(0)} ms)`, value: `${cli.helpMs.toFixed(0)} ms (${(cli.helpMs / cli.nodeMs).toFixed(2)}x)`, bar: `under ${STARTUP_BAR_MS} ms`, met: cli.helpMs < STARTUP_BAR_MS });
  bars.push({ figure: '`beacon check policies`', value: `${cli.checkMs.toFixed(0)} ms`, bar: 'under 1000 ms', met: cli.checkMs < 1000 });
}

if (bars.length > 0) {
  console.log('\n## Issue 13: each figure beside its bar\n');
  console.log(reportBars(bars));
}

if (failed) process.exitCode = 1;
