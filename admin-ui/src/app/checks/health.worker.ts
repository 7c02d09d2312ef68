// Computes property health off the page's thread: one request, one answer, in order.
import { propertyHealth, type HealthRequest } from './property-health.js';

self.onmessage = (e: MessageEvent<HealthRequest & { id: number }>) => {
  const { id, ...request } = e.data;
  try {
    self.postMessage({ id, health: propertyHealth(request) });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
