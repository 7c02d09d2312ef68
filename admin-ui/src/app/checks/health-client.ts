// The page's side of health.worker.ts: one worker, requests answered in turn.
import type { HealthRequest, PropertyHealth } from './property-health.js';

type Answer = { id: number; health: PropertyHealth } | { id: number; error: string };

export class HealthClient {
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<number, { ok: (h: PropertyHealth) => void; fail: (e: Error) => void }>();

  check(request: HealthRequest): Promise<PropertyHealth> {
    this.worker ??= this.start();
    const id = ++this.next;
    return new Promise((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      this.worker!.postMessage({ id, ...request });
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./health.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<Answer>) => {
      const waiting = this.waiting.get(e.data.id);
      this.waiting.delete(e.data.id);
      if ('health' in e.data) waiting?.ok(e.data.health);
      else waiting?.fail(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      for (const w of this.waiting.values()) w.fail(new Error(e.message || 'the check worker failed'));
      this.waiting.clear();
    };
    return worker;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const w of this.waiting.values()) w.fail(new Error('stopped'));
    this.waiting.clear();
  }
}
