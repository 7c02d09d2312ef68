import { describe, expect, it } from 'vitest';
import { dutyOccurrence, judgeOccurrence } from '../../../engine/index.js';
import { duty, ms } from './helpers.js';

const friday = duty({ every: 'weekly', weekday: 5, by: 17 * 60 });
const occ = dutyOccurrence(friday, 'Asia/Shanghai', '2026-12-04')!;
const due = ms('2026-12-04T17:00:00+08:00');

describe('judgeOccurrence', () => {
  it('is met when done at the due minute, late one minute after', () => {
    expect(judgeOccurrence(friday, occ, due, due + 3_600_000)).toEqual({ state: 'met', lateMinutes: 0, breached: false });
    expect(judgeOccurrence(friday, occ, due + 60_000, due + 3_600_000)).toEqual({ state: 'late', lateMinutes: 1, breached: true });
  });

  it('is pending until the due time passes undone, then missing by the minutes since', () => {
    expect(judgeOccurrence(friday, occ, null, due)).toEqual({ state: 'pending', lateMinutes: 0, breached: false });
    expect(judgeOccurrence(friday, occ, null, due + 90 * 60_000)).toEqual({ state: 'missing', lateMinutes: 90, breached: true });
  });

  it('does not know at `at` of a fulfilment recorded after it', () => {
    expect(judgeOccurrence(friday, occ, due - 60_000, due - 120_000).state).toBe('pending');
    expect(judgeOccurrence(friday, occ, due + 600_000, due + 300_000).state).toBe('missing');
  });

  it('never breaches an advisory duty, though it reports it late', () => {
    const advice = { ...friday, advisory: true };
    expect(judgeOccurrence(advice, occ, null, due + 60_000)).toEqual({ state: 'missing', lateMinutes: 1, breached: false });
  });
});
