// Starts the diagnostics web worker as a module worker. The URL is written out
// here, beside the worker, so Vite bundles it (and its grammar and engine) as a
// worker chunk served from our own origin.
export function startDiagnosticsWorker(): Worker {
  return new Worker(new URL('./diagnostics.worker.ts', import.meta.url), { type: 'module', name: 'beacon-sla-diagnostics' });
}
