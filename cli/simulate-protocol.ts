// What the simulation's main thread and its workers say to each other.
import type { MessagePort } from 'node:worker_threads';
import type { EngineError, ExamplePositions, SimulationReport, SourceFile } from '../engine/index.js';

export interface PolicyInput {
  sources: SourceFile[];
  id: string;
}

export interface ShardJob {
  from: PolicyInput;
  to: PolicyInput;
  at: string;
  examples: number;
}

/**
 * A line's place in the file as segment * POSITION_SEGMENT + its line within the segment:
 * workers know no line numbers (they never see the segments before theirs), and the main
 * thread turns positions into line numbers from the segments' line counts at the end.
 */
export const POSITION_SEGMENT = 2 ** 32;

export interface WorkerSetup {
  job: ShardJob;
  file: string;
  shard: number;
  shards: number;
  segmentBytes: number;
  /** A port to each other worker, by its number; null at this worker's own. */
  peers: (MessagePort | null)[];
}

/** The lines of one segment that a worker owns, as UTF-8 bytes (not yet decoded), each ended by \n, and their places in it. */
export interface PeerBatch {
  segment: number;
  bytes: Uint8Array<ArrayBuffer>;
  at: Uint32Array<ArrayBuffer>;
}

export interface WorkerResult {
  report: SimulationReport;
  positions: ExamplePositions;
  badLines: { at: number; errors: EngineError[] }[];
  badCount: number;
  /** Lines in each segment this worker read, in its order (segments shard, shard + shards, ...). */
  lineCounts: number[];
}

export type WorkerMessage = { progress: number } | { result: WorkerResult } | { failure: string };
