import { describe, expect, it, vi } from 'vitest';
import { answer, DiagnosticsClient, newest, type DiagnosticsRequest, type DiagnosticsResponse, type Timers } from '../../../admin-ui/src/language/index.js';
import { GROUP, GROUP_PATH, PROPERTY, PROPERTY_PATH, RELATED } from './fixtures.js';

const request = (text: string, seq = 1, locale: 'zh-CN' | 'en' = 'en'): DiagnosticsRequest => ({ seq, path: PROPERTY_PATH, text, related: RELATED, locale, role: 'admin' });

describe('the diagnostics answer (the worker core)', () => {
  it('finds nothing wrong in a clean property', () => {
    expect(answer(request(PROPERTY)).markers).toEqual([]);
  });

  it('marks a typo with code, message, help and range, resolving names through extends', () => {
    const text = PROPERTY.replace('expect contact breached', 'expect contakt breached');
    const { markers, seq } = answer(request(text, 7));
    expect(seq).toBe(7);
    expect(markers).toEqual([
      expect.objectContaining({ code: 'C201', severity: 'error', help: "Did you mean 'contact'?", startLine: 15, startColumn: 10, endLine: 15, endColumn: 17 }),
    ]);
  });

  it('puts the Chinese title first in zh-CN', () => {
    const text = PROPERTY.replace('expect contact breached', 'expect contakt breached');
    expect(answer(request(text, 1, 'zh-CN')).markers[0]?.message).toMatch(/^未定义的名称：/);
  });

  it("reports an unknown parent, and the group's own problems stay out of the property's markers", () => {
    // Without its parent the property's names are unknown too: every problem is reported, the cause first.
    const orphan = answer(request(PROPERTY.replace('extends demo-group', 'extends demo-grup'))).markers;
    expect(orphan[0]).toMatchObject({ code: 'C203', help: "Did you mean 'demo-group'?", startLine: 1 });
    // The group leaves a placeholder (C601 in group.sla): not the property's marker.
    expect(answer({ ...request(GROUP), path: GROUP_PATH, related: [] }).markers.map((m) => m.code)).toEqual(['C601']);
    expect(answer(request(PROPERTY)).markers.map((m) => m.code)).toEqual([]);
  });

  it('reports syntax errors as well as check errors, all of them', () => {
    const text = PROPERTY.replace('param contact_within = 30m', 'param contact_within = 30m\nclock { ').replace('expect contact breached', 'expect contakt breached');
    expect(answer(request(text)).markers.length).toBeGreaterThanOrEqual(2);
  });

  it("gives the sections the request's role may not change, from the same parse", () => {
    expect(answer({ ...request(GROUP), path: GROUP_PATH, related: [], role: 'manager' }).readOnly.map((r) => r.section)).toEqual(['warning blue', 'penalties']);
    expect(answer({ ...request(GROUP), path: GROUP_PATH, related: [], role: 'admin' }).readOnly).toEqual([]);
  });

  it('answers only the newest of the queued requests', () => {
    expect(newest([request('a', 3), request('b', 5), request('c', 4)])?.text).toBe('b');
    expect(newest([])).toBeUndefined();
  });
});

/** Timers the test fires by hand. */
function manualTimers(): Timers & { fire(): void; count(): number } {
  let queued: (() => void)[] = [];
  return {
    set: (fn) => {
      queued.push(fn);
      return fn;
    },
    clear: (h) => {
      queued = queued.filter((f) => f !== h);
    },
    fire() {
      const run = queued;
      queued = [];
      for (const f of run) f();
    },
    count: () => queued.length,
  };
}

describe('the diagnostics client (page side)', () => {
  function setup() {
    const posted: DiagnosticsRequest[] = [];
    const shown: DiagnosticsResponse[] = [];
    const timers = manualTimers();
    const client = new DiagnosticsClient((r) => posted.push(r), (r) => shown.push(r), 120, timers);
    return { client, posted, shown, timers };
  }

  it('debounces keystrokes into one request for the latest text', () => {
    const { client, posted, timers } = setup();
    client.request((seq) => request('a', seq));
    client.request((seq) => request('ab', seq));
    client.request((seq) => request('abc', seq));
    expect(posted).toEqual([]);
    expect(timers.count()).toBe(1);
    timers.fire();
    expect(posted.map((p) => [p.seq, p.text])).toEqual([[1, 'abc']]);
  });

  it('drops an answer to an older request (stale)', () => {
    const { client, posted, shown, timers } = setup();
    client.request((seq) => request('a', seq), true);
    client.request((seq) => request('ab', seq), true);
    expect(posted.map((p) => p.seq)).toEqual([1, 2]);
    expect(client.receive({ seq: 1, markers: [], readOnly: [], ms: 0 })).toBe(false);
    expect(client.receive({ seq: 2, markers: [], readOnly: [], ms: 0 })).toBe(true);
    expect(shown.map((s) => s.seq)).toEqual([2]);
    expect(timers.count()).toBe(0);
  });

  it('drops an answer that arrives while a newer keystroke waits to be sent', () => {
    const { client, shown, timers } = setup();
    client.request((seq) => request('a', seq), true);
    client.request((seq) => request('ab', seq));
    expect(client.receive({ seq: 1, markers: [], readOnly: [], ms: 0 })).toBe(false);
    timers.fire();
    expect(client.receive({ seq: 2, markers: [], readOnly: [], ms: 0 })).toBe(true);
    expect(shown).toHaveLength(1);
  });

  it('shows nothing after dispose', () => {
    const { client, shown, posted, timers } = setup();
    client.request((seq) => request('a', seq), true);
    client.request((seq) => request('ab', seq));
    client.dispose();
    timers.fire();
    expect(posted).toHaveLength(1);
    expect(client.receive({ seq: 1, markers: [], readOnly: [], ms: 0 })).toBe(false);
    expect(shown).toEqual([]);
  });

  it('uses real timers by default', () => {
    vi.useFakeTimers();
    try {
      const posted: DiagnosticsRequest[] = [];
      const client = new DiagnosticsClient((r) => posted.push(r), () => undefined, 100);
      client.request((seq) => request('a', seq));
      vi.advanceTimersByTime(99);
      expect(posted).toHaveLength(0);
      vi.advanceTimersByTime(1);
      expect(posted).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
