// Keystroke to impact in the browser (issue 12 item 1: for one property's month, a few
// thousand tickets, the new impact shows within 2 s of the last keystroke). A month of
// seeded sample tickets of jinxiu-garden (bench/sample) is stored; its policy page opens in
// headless Chromium with the built UI and the impact panel runs once for that month. Then
// real key presses go to Monaco on the line `engineering/urgent: 10m`: Delete and a digit
// turn it into 15m (the draft now differs from the active policy) and back into 10m (the
// same as the active one). Each time runs from the digit's `keydown` (the last keystroke)
// to the DOM mutation that shows the new report in the panel (its tables; then the frame
// with its charts' canvas). The panel's debounce (IMPACT_DEBOUNCE_MS: typing is not a run
// per keystroke), the draft's trip to the server, the simulation of both policies over the
// stored month and the rendering are all in it. A report for a stale text would say so: the
// 15m drafts must change some outcomes and the 10m ones none, or the run is void.
import type { Page } from 'playwright-core';
import { DEFAULT_PROPERTIES, generateTickets } from './sample/generate-tickets.js';
import { fmtMs } from './measure.js';
import { browserMissing, openUiSession, setUpFirstAdmin } from './ui-session.js';
import { quantile } from './ui-keystroke.bench.js';

export const IMPACT_BAR_MS = 2000;
const PROPERTY = 'jinxiu-garden';
const PERIOD = '2026-03';
const LINE = 'engineering/urgent: 10m';
/** Sample tickets generated over March for jinxiu-garden alone: a property's month, "a few thousand". */
const TICKETS = 3000;
/** Edits (15m, then 10m, …) measured, after warm-up edits whose times are dropped. */
const EDITS = 8;
const WARMUP_EDITS = 2;
/** A pause after each report, so each edit starts from an idle page. */
const PAUSE_MS = 400;

export interface ImpactSample {
  /** The digit typed: `5` (15m) or `0` (10m). */
  digit: string;
  /** keydown → the mutation that shows the new report's tables. */
  shownMs: number;
  /** keydown → the mutation that adds its first chart's canvas. */
  chartMs: number;
  /** The POST /v1/simulate that brought it, request to last byte (Resource Timing): the server's and the wire's share. */
  simulateMs: number;
  /** The report's summary line, as shown. */
  summary: string;
}

export interface ImpactResult {
  tickets: number;
  samples: ImpactSample[];
}

interface Recorder {
  keydownAt: number;
  digit: string;
  shownAt: number;
  simulateMs: number;
  summary: string;
  samples: ImpactSample[];
}

/** Installs the in-page recorder on the policy page's <beacon-impact>. */
async function installRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const policy = document.querySelector('beacon-app')?.shadowRoot?.querySelector('beacon-policy-page');
    const root = policy?.shadowRoot?.querySelector('beacon-impact')?.shadowRoot;
    if (!root) throw new Error('no <beacon-impact> on the policy page');
    const rec: Recorder = { keydownAt: 0, digit: '', shownAt: 0, simulateMs: 0, summary: '', samples: [] };
    (window as unknown as { beaconImpact: Recorder }).beaconImpact = rec;
    // Capture on window: Monaco's textarea is inside a shadow root, its keydown is composed.
    window.addEventListener('keydown', (e) => {
      if (e.key !== '5' && e.key !== '0') return;
      rec.keydownAt = e.timeStamp;
      rec.digit = e.key;
      rec.shownAt = 0;
    }, true);
    new MutationObserver(() => {
      if (rec.keydownAt === 0) return;
      const now = performance.now();
      // #chart-breaches is rendered only with a finished report (impact.component.ts).
      const chart = root.querySelector('#chart-breaches');
      if (!chart) return;
      if (rec.shownAt === 0) {
        rec.shownAt = now;
        rec.summary = (chart.closest('section')?.querySelector('p[role=status]')?.textContent ?? '').trim();
        const simulate = performance.getEntriesByType('resource').filter((r) => r.name.includes('/v1/simulate')).at(-1);
        rec.simulateMs = simulate ? simulate.duration : Number.NaN;
      }
      if (!chart.querySelector('canvas')) return;
      rec.samples.push({ digit: rec.digit, shownMs: rec.shownAt - rec.keydownAt, chartMs: now - rec.keydownAt, simulateMs: rec.simulateMs, summary: rec.summary });
      rec.keydownAt = 0;
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
}

async function samplesSoFar(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { beaconImpact: Recorder }).beaconImpact.samples.length);
}

export async function benchUiImpact(): Promise<ImpactResult | string> {
  const missing = browserMissing();
  if (missing) return missing;
  const session = await openUiSession();
  try {
    const { page, running } = session;
    const profile = DEFAULT_PROPERTIES.find((p) => p.id === PROPERTY)!;
    let stored = 0;
    for (const t of generateTickets({ count: TICKETS, seed: 12, from: `${PERIOD}-01`, months: 1, properties: [profile] })) {
      await running.store.repository.upsertTicket(t);
      stored++;
    }
    await setUpFirstAdmin(session);
    await page.goto(`${running.url}/policy/${PROPERTY}`);
    const editor = page.locator('beacon-editor');
    await editor.locator('.view-line').first().waitFor({ timeout: 60_000 });
    const impact = page.locator('beacon-impact');
    await impact.locator('input[type=month]').fill(PERIOD);
    await impact.locator('button', { hasText: /^(运行|Run)$/ }).click();
    await impact.locator('#chart-breaches canvas').waitFor({ timeout: 120_000 });
    const text = await editor.evaluate((e) => (e as unknown as { getValue(): string }).getValue());
    const line = text.split('\n').findIndex((l) => l.trim() === LINE) + 1;
    if (line === 0) throw new Error(`the jinxiu-garden policy no longer has the line \`${LINE}\`; pick another edit`);
    await editor.evaluate((e, n) => (e as unknown as { revealLine(line: number): void }).revealLine(n), line);
    // After the `1` of `10m`: each edit deletes the digit after it and types the other one.
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await installRecorder(page);
    for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
      const before = await samplesSoFar(page);
      if (i > 0) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Delete');
      await page.keyboard.press(i % 2 === 0 ? '5' : '0');
      await page.waitForFunction((n) => (window as unknown as { beaconImpact: Recorder }).beaconImpact.samples.length > n, before, { timeout: 60_000 });
      await page.waitForTimeout(PAUSE_MS);
    }
    const samples = await page.evaluate(() => (window as unknown as { beaconImpact: Recorder }).beaconImpact.samples);
    return { tickets: stored, samples: samples.slice(WARMUP_EDITS) };
  } finally {
    await session.close();
  }
}

/** The number of changed tickets a summary line states (`…，N 张结果改变，…` or `N with another outcome`). */
function changedOf(summary: string): number | undefined {
  const m = /(\d+)\s*张结果改变/.exec(summary) ?? /(\d+) with another outcome/.exec(summary);
  return m ? Number(m[1]) : undefined;
}

/** Whether the run measured what it says: a report per edit, each for the text typed. */
export function impactFailures(result: ImpactResult | string): string[] {
  if (typeof result === 'string') return [];
  const out: string[] = [];
  if (result.samples.length !== EDITS) out.push(`${result.samples.length} edits showed a report, expected ${EDITS}`);
  for (const s of result.samples) {
    const changed = changedOf(s.summary);
    if (changed === undefined) out.push(`no changed count in "${s.summary}"`);
    else if (s.digit === '5' && changed === 0) out.push(`the 15m draft changed nothing: "${s.summary}" (a stale report?)`);
    else if (s.digit === '0' && changed !== 0) out.push(`the 10m draft (the active target) changed ${changed}: "${s.summary}" (a stale report?)`);
  }
  return out;
}

export function impactP95(result: ImpactResult): number {
  return quantile(result.samples.map((s) => s.chartMs), 0.95);
}

export function reportUiImpact(result: ImpactResult | string): string {
  if (typeof result === 'string') return result;
  const row = (name: string, samples: ImpactSample[]): string => {
    const shown = samples.map((s) => s.shownMs);
    const chart = samples.map((s) => s.chartMs);
    return `| ${name} | ${samples.length} | ${fmtMs(quantile(samples.map((s) => s.simulateMs), 0.5))} | ${fmtMs(quantile(shown, 0.5))} | ${fmtMs(quantile(chart, 0.5))} | ${fmtMs(quantile(chart, 0.95))} | ${quantile(chart, 0.95) < IMPACT_BAR_MS ? 'yes' : 'NO'} |`;
  };
  return [
    `${result.tickets.toLocaleString('en')} stored tickets of ${PROPERTY}, ${PERIOD}, in headless Chromium; the last keystroke's keydown to the frame that shows the new impact (the panel waits 800 ms after typing stops, then runs).`,
    '',
    '| edit | edits | POST /v1/simulate median ms | to tables median ms | to charts median ms | to charts p95 ms | p95 under 2 s |',
    '|---|---:|---:|---:|---:|---:|---|',
    row('10m → 15m (outcomes change)', result.samples.filter((s) => s.digit === '5')),
    row('15m → 10m (as the active policy)', result.samples.filter((s) => s.digit === '0')),
    row('all', result.samples),
  ].join('\n');
}
