// @vitest-environment happy-dom
// <beacon-timeline> in happy-dom: the active version's chart above the draft's, each mark's
// rule sent to the editor (a line of the draft as is, the active text's and another file's
// with their uri, and said where it is), a click on a chart's mark doing the same, the rows
// in the reader's language (drawn again on a switch), and the close button. ECharts itself is not drawn here (happy-dom has no canvas): drawChart is
// replaced by a recorder of the options and click handlers; the e2e test draws for real.
import { afterEach, describe, expect, it, vi } from 'vitest';

type Handler = (params: { seriesIndex: number; dataIndex: number }) => void;
const drawn: { id: string; option: unknown; handlers: Handler[] }[] = [];
vi.mock('../../../../admin-ui/src/panels/impact/impact-charts.js', () => ({
  drawChart: async (element: HTMLElement, option: unknown) => {
    const chart = { id: element.id, option, handlers: [] as Handler[] };
    drawn.push(chart);
    return { on: (_: string, h: Handler) => chart.handlers.push(h), dispose: () => {} };
  },
}));

const { BeaconTimeline } = await import('../../../../admin-ui/src/panels/timeline/timeline.js');
const { until } = await import('../../app/dom.js');

// desk.sla: contact's `*: 30m` on line 10, resolve on line 13.
const GROUP = `group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修" }
tiers { general "一般" }
events { received "受理", contacted "联系", resolved "处理完成" }
clock contact "联系报事人" {
  start received
  stop contacted
  target {
    *: 30m
  }
}
clock resolve "处理完成" { start received stop resolved target 4h }
`;
// p.sla: engineering/general on line 4.
const ACTIVE = `property p "P" extends desk
clock contact {
  target {
    engineering/general: 20m
  }
}
`;
const DRAFT = ACTIVE.replace('20m', '10m');
const TICKET = {
  id: 'T-9',
  property: 'p',
  unit: 'p/engineering',
  category: 'engineering',
  priority: 'general',
  createdAt: '2026-04-07T09:00:00+08:00',
  events: [{ type: 'received', at: '2026-04-07T09:00:00+08:00' }],
};

afterEach(() => {
  document.body.innerHTML = '';
  drawn.length = 0;
});

async function mount(draftText: string | null): Promise<InstanceType<typeof BeaconTimeline>> {
  const el = document.createElement('beacon-timeline');
  Object.assign(el, { ticket: TICKET, activeText: ACTIVE, draftText, path: 'p.sla', related: [{ path: 'desk.sla', text: GROUP }], at: Date.parse('2026-04-07T10:00:00+08:00') });
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const root = (el: HTMLElement): ShadowRoot => el.shadowRoot as ShadowRoot;
/** The rule button of the mark of `kind` in `side`'s table whose row names `clock`. */
function ruleButton(el: HTMLElement, side: string, kind: string, clock: string): HTMLButtonElement {
  const rows = Array.from(root(el).querySelectorAll(`figure[data-side="${side}"] tr[data-kind="${kind}"]`));
  const row = rows.find((r) => r.querySelector('th')?.textContent?.includes(clock));
  if (!row) throw new Error(`no ${kind} mark of ${clock} on the ${side} side`);
  return row.querySelector('button') as HTMLButtonElement;
}

describe('<beacon-timeline>', () => {
  it('draws the active version above the draft, over one window', async () => {
    const el = await mount(DRAFT);
    await until(() => drawn.length === 2, 'both charts');
    expect(drawn.map((d) => d.id)).toEqual(['chart-active', 'chart-draft']);
    expect(Array.from(root(el).querySelectorAll('figure[data-side]')).map((f) => f.getAttribute('data-side'))).toEqual(['active', 'draft']);
    const axis = (i: number) => (drawn[i]!.option as { xAxis: { min: number; max: number } }).xAxis;
    expect(axis(0)).toEqual(expect.objectContaining({ min: axis(1).min, max: axis(1).max }));
    expect(root(el).querySelector('h3')!.textContent).toBe('工单 T-9 的时间线');
  });

  it('draws the active side only where there is no draft', async () => {
    const el = await mount(null);
    await until(() => drawn.length === 1, 'one chart');
    expect(drawn[0]!.id).toBe('chart-active');
    expect(root(el).querySelectorAll('figure[data-side]')).toHaveLength(1);
  });

  it('sends each mark’s rule to the editor, and says where a rule is that the editor does not hold', async () => {
    const el = await mount(DRAFT);
    const reveals: unknown[] = [];
    document.addEventListener('beacon-reveal', (e) => reveals.push((e as CustomEvent).detail));
    const status = (): string => root(el).querySelector('[role="status"]')!.textContent ?? '';
    // The draft's own line: shown in the editor as it is.
    ruleButton(el, 'draft', 'due', '联系报事人').click();
    expect(reveals.pop()).toEqual({ line: 4 });
    await el.updateComplete;
    expect(status()).toBe('');
    // The same line of the active text: not the editor's.
    ruleButton(el, 'active', 'due', '联系报事人').click();
    expect(reveals.pop()).toEqual({ line: 4, uri: 'p.sla@active' });
    await el.updateComplete;
    expect(status()).toBe('该规则在生效版本的 p.sla 第 4 行（编辑器中是草稿）。');
    // The group's line.
    ruleButton(el, 'draft', 'due', '处理完成').click();
    expect(reveals.pop()).toEqual({ line: 13, uri: 'desk.sla' });
    await el.updateComplete;
    expect(status()).toBe('该规则在 desk.sla 第 13 行，不在编辑器中的文件里。');
  });

  it('opens a mark’s rule when the chart’s mark is clicked, and nothing for a bar', async () => {
    await mount(DRAFT);
    await until(() => drawn.length === 2, 'both charts');
    const reveals: unknown[] = [];
    document.addEventListener('beacon-reveal', (e) => reveals.push((e as CustomEvent).detail));
    const click = drawn[1]!.handlers[0]!;
    // Marks in order: contact start, due, breach; resolve start, due.
    click({ seriesIndex: 2, dataIndex: 1 });
    click({ seriesIndex: 1, dataIndex: 1 });
    click({ seriesIndex: 2, dataIndex: 4 });
    expect(reveals).toEqual([{ line: 4 }, { line: 13, uri: 'desk.sla' }]);
  });

  it('names the rows in the reader’s language, and draws again when it switches', async () => {
    await mount(null);
    await until(() => drawn.length === 1, 'one chart');
    const rows = (i: number) => (drawn[i]!.option as { yAxis: { data: string[] } }).yAxis.data;
    // 20 minutes from 09:00, not contacted by 10:00: breached; resolve (4 h) still runs.
    expect(rows(0)).toEqual(['联系报事人（超时）', '处理完成（计时中）']);
    localStorage.setItem('beacon.locale', 'en');
    try {
      window.dispatchEvent(new CustomEvent('beacon-locale-change'));
      await until(() => drawn.length === 2, 'the chart drawn again');
      expect(rows(1)).toEqual(['contact (breached)', 'resolve (running)']);
    } finally {
      localStorage.removeItem('beacon.locale');
    }
  });

  it('asks its host to close it', async () => {
    const el = await mount(DRAFT);
    const closed: unknown[] = [];
    el.addEventListener('beacon-timeline-close', (e) => closed.push(e.detail));
    (root(el).querySelector('button.close') as HTMLButtonElement).click();
    expect(closed).toEqual([{ id: 'T-9' }]);
  });
});
