// Starts the draft checker's thread from TypeScript source (tsx), as bin/beacon.mjs does
// for the main thread; compiled builds start draft-check-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./draft-check-worker.ts');
