// <beacon-test-results>: runs the policy's `test` blocks in the browser and
// lists each pass or failure at its line; a line is a button that asks the
// page to reveal it ('beacon-reveal'). `failed` is readable after a run, and
// 'beacon-tests-run' tells the page (activation is refused while any fails).
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { emit, type RevealDetail, type TestsRunDetail } from '../../form/events.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { RelatedFile } from '../../form/policy-context.js';
import { tp } from '../../i18n/panels.js';
import { runTests, type ProblemLine, type TestReport } from './run-tests.js';
import { testResultsStyles } from './test-results.styles.js';

export class BeaconTestResults extends LitElement {
  static override styles = testResultsStyles;
  static override properties = {
    text: {},
    path: {},
    related: { attribute: false },
    report: { state: true },
    running: { state: true },
  };

  declare text: string;
  declare path: string;
  declare related: RelatedFile[];
  declare report: TestReport | undefined;
  declare running: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.text = '';
    this.path = 'policy.sla';
    this.related = [];
    this.report = undefined;
    this.running = false;
  }

  /** Failed tests of the last run (0 before any). */
  get failed(): number {
    return this.report?.failed ?? 0;
  }

  /** Runs the tests of the current text; resolves with the report. */
  async run(): Promise<TestReport> {
    this.running = true;
    // Let "running…" paint before the engine takes the main thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      this.report = runTests(this.path, this.text, this.related);
    } finally {
      this.running = false;
    }
    emit<TestsRunDetail>(this, 'beacon-tests-run', { passed: this.report.passed, failed: this.report.failed });
    return this.report;
  }

  private lineButton(line: number, uri?: string): TemplateResult {
    const detail: RevealDetail = uri ? { line, uri } : { line };
    return html`<button type="button" class="link" title=${tp('tests.reveal', { line })} @click=${() => emit(this, 'beacon-reveal', detail)}>
      ${tp('tests.line', { line })}
    </button>`;
  }

  private problem(p: ProblemLine): TemplateResult {
    return html`<li class="problem"><code>${p.code}</code> ${p.message} ${p.line !== undefined ? this.lineButton(p.line, p.uri) : nothing}</li>`;
  }

  private results(report: TestReport): TemplateResult {
    if (report.tests.length === 0) return html`<p class="muted">${tp('tests.none')}</p>`;
    return html`<p role="status">${tp('tests.summary', { passed: report.passed, failed: report.failed })}</p>
      ${report.problems.length > 0 ? html`<p class="problem">${tp('tests.cannotRun')}</p><ul>${report.problems.map((p) => this.problem(p))}</ul>` : nothing}
      <ul>
        ${report.tests.map(
          (t) => html`<li>
            <span class=${t.passed ? 'pass' : 'fail'}>${t.passed ? '✓' : '✗'} ${tp(t.passed ? 'tests.passed' : 'tests.failed')}</span>
            ${t.name} ${this.lineButton(t.line)}
            ${t.failures.map((f) => html`<div class="failure fail">${this.lineButton(f.line)} ${tp('tests.expected', { expected: f.expected, actual: f.actual })}</div>`)}
          </li>`,
        )}
      </ul>`;
  }

  override render(): TemplateResult {
    return html`<section aria-labelledby="h-tests">
      <h2 id="h-tests">${tp('tests.title')}</h2>
      <button type="button" ?disabled=${this.running} @click=${() => void this.run()}>${this.running ? tp('tests.running') : tp('tests.run')}</button>
      ${this.report ? this.results(this.report) : nothing}
    </section>`;
  }
}
