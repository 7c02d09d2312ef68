// Starts the simulation worker from TypeScript source (tsx), as bin/beacon.mjs does
// for the main thread; compiled builds start simulate-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./simulate-worker.ts');
