// The bench workload as a GoRules JDM decision graph (@gorules/zen-engine): the 18-cell
// resolve-target table (category x tier), the lateness of the resolve clock, and the
// three warning levels with their points, each rule a row of a decision table. The
// first instants of `received` and `resolved` come in as input (see peers.ts).
import type { Vocabulary } from './engine-policies.js';
import { BENCH_TARGETS } from './engine-policies.js';

const DAY_MS = 86_400_000;
const node = (id: string, type: string, content?: object) => ({ id, type, name: id, position: { x: 0, y: 0 }, ...(content ? { content } : {}) });
const options = { passThrough: true, inputField: null, executionMode: 'single' };

export function zenGraph(v: Vocabulary): object {
  const targetRules = v.categories.flatMap((c) =>
    v.tiers.map((t, i) => ({ _id: `${c}/${t}`, category: `'${c}'`, priority: `'${t}'`, minutes: String(BENCH_TARGETS.resolve[Math.min(i, BENCH_TARGETS.resolve.length - 1)]) })),
  );
  const warning = (id: string, late: string, repeat: string, media: string, level: string, points: number) => ({ _id: id, late, repeat, media, level: `'${level}'`, points: String(points) });
  return {
    nodes: [
      node('ticket', 'inputNode'),
      node('resolve_target', 'decisionTableNode', {
        ...options,
        outputPath: null,
        hitPolicy: 'first',
        inputs: [
          { id: 'category', name: 'category', field: 'category' },
          { id: 'priority', name: 'tier', field: 'priority' },
        ],
        outputs: [{ id: 'minutes', name: 'target minutes', field: 'resolveMinutes' }],
        rules: targetRules,
      }),
      node('lateness', 'expressionNode', {
        ...options,
        outputPath: null,
        expressions: [{ id: 'late', key: 'lateMs', value: 'receivedMs == null ? 0 : (resolvedMs ?? atMs) - receivedMs - resolveMinutes * 60000' }],
      }),
      node('warnings', 'decisionTableNode', {
        ...options,
        outputPath: 'warnings',
        hitPolicy: 'collect',
        inputs: [
          { id: 'late', name: 'late ms', field: 'lateMs' },
          { id: 'repeat', name: 'repeat count', field: 'repeatCount' },
          { id: 'media', name: 'media risk', field: 'mediaRisk' },
        ],
        outputs: [
          { id: 'level', name: 'level', field: 'level' },
          { id: 'points', name: 'points', field: 'points' },
        ],
        // blue is "late 3 days or a repeat": two rows, which may both match; the caller counts a level once.
        rules: [
          warning('blue-late', `>= ${3 * DAY_MS}`, '', '', 'blue', 0.2),
          warning('blue-repeat', '', '>= 1', '', 'blue', 0.2),
          warning('yellow', `>= ${7 * DAY_MS}`, '', '', 'yellow', 0.5),
          warning('red-late', `>= ${15 * DAY_MS}`, '', '', 'red', 1),
          warning('red-media', '', '', 'true', 'red', 1),
        ],
      }),
      node('result', 'outputNode'),
    ],
    edges: [
      ['ticket', 'resolve_target'],
      ['resolve_target', 'lateness'],
      ['lateness', 'warnings'],
      ['warnings', 'result'],
    ].map(([sourceId, targetId]) => ({ id: `${sourceId}-${targetId}`, type: 'edge', sourceId, targetId })),
  };
}
