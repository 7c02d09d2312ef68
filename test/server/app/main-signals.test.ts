// runUntilSignal keeps its signal handlers while it stops: Ctrl-C under `npm start` sends
// SIGINT twice, and a second signal with no handler would kill the process mid-shutdown.
import { dirname } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig, runUntilSignal } from '../../../server/index.js';
import { POLICIES } from './helper.js';

describe('runUntilSignal', () => {
  it('still handles SIGINT and SIGTERM while stopping, and lets go of them once stopped', async () => {
    const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
    const config = loadConfig({ memory: true, port: '0', policies: POLICIES }, { SWEEP_INTERVAL_MS: '0' });
    const done = runUntilSignal(config, { logger: pino({ level: 'silent' }), cwd: dirname(POLICIES) });
    await vi.waitFor(() => expect(process.listenerCount('SIGINT')).toBe(before.SIGINT + 1), { timeout: 30_000, interval: 20 });
    process.emit('SIGINT', 'SIGINT');
    // The first signal starts the stop; until the store is closed a second one must find a handler.
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT + 1);
    expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM + 1);
    process.emit('SIGTERM', 'SIGTERM');
    await done;
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT);
    expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM);
  });
});
