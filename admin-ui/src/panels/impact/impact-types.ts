// The report of POST /v1/simulate as the impact panel reads it (server/schemas/simulate.ts
// simulateResponseSchema; the engine's SimulationReport with the versions on each side).
export type ClockState = 'not_started' | 'running' | 'paused' | 'met' | 'breached';

export interface SideCounts {
  clocks: Record<string, Partial<Record<ClockState, number>>>;
  warnings: Record<string, number>;
  points: number;
}

export interface ChangedTicket {
  ticketId: string;
  unit: string;
  from: { warning: string; points: number; clocks: Record<string, ClockState> };
  to: { warning: string; points: number; clocks: Record<string, ClockState> };
}

export interface ImpactReport {
  at: string;
  tickets: number;
  skipped: { count: number };
  counts: { from: SideCounts; to: SideCounts };
  penaltiesByUnit: { unit: string; from: number; to: number; delta: number }[];
  changed: { count: number; examples: ChangedTicket[] };
  history: { source: 'stored' | 'uploaded'; period?: string; from?: string; to?: string };
}
