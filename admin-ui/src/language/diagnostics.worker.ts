// The diagnostics web worker: a thin shell around `answer`. Requests that queued
// up while a check ran are coalesced to the newest; older ones are never checked.
import { answer, newest, type DiagnosticsRequest } from './diagnostics-protocol.js';

const queue: DiagnosticsRequest[] = [];
let scheduled = false;

function drain(): void {
  scheduled = false;
  const request = newest(queue);
  queue.length = 0;
  if (request) postMessage(answer(request));
}

self.onmessage = (event: MessageEvent<DiagnosticsRequest>) => {
  queue.push(event.data);
  if (!scheduled) {
    scheduled = true;
    // Yield once so messages already waiting are all queued before one check runs.
    setTimeout(drain, 0);
  }
};

// Warm up: the parser's self-analysis costs more than a check; pay it before the first keystroke.
answer({ seq: 0, path: 'warm-up.sla', text: 'group warm_up\n', related: [], locale: 'en', role: 'admin' });
