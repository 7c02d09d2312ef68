// The report of POST /v1/simulate as the impact panel reads it: the engine's
// SimulationReport (one definition for both sides of the wire) with the history it ran over.
import type { SimulationReport } from '../../../../engine/index.js';

export type { ChangedTicket, ClockState } from '../../../../engine/index.js';
export type SideCounts = SimulationReport['counts']['from'];

export interface ImpactReport extends SimulationReport {
  history: { source: 'stored' | 'uploaded'; period?: string; from?: string; to?: string };
}
