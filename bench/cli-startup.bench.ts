// How long `beacon` takes to answer, against a bare `node -e 0` started the same way in the
// same run: `beacon --help` (start-up alone) and `beacon check policies` (start-up, the
// parser and the checks on the shipped policies). Runs alternate, so a busy moment of the
// machine weighs on both sides; medians of wall time.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)); // dist/bench/ -> the repository
const BIN = fileURLToPath(new URL('../../bin/beacon.mjs', import.meta.url));
export const STARTUP_BAR_MS = 500;

export interface CliStartup {
  nodeMs: number;
  helpMs: number;
  checkMs: number;
  runs: number;
  /** False when dist/ was stale and the sources ran through tsx: the figures are then not the shipped command's. */
  compiled: boolean;
}

function wallMs(args: string[]): { ms: number; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return { ms, stderr: r.stderr };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export function benchCliStartup(runs = 11): CliStartup {
  const node: number[] = [];
  const help: number[] = [];
  const check: number[] = [];
  let compiled = true;
  // One untimed round first: the file system cache, not start-up, is what a first run measures.
  wallMs(['-e', '0']);
  wallMs([BIN, '--help']);
  for (let i = 0; i < runs; i++) {
    node.push(wallMs(['-e', '0']).ms);
    const h = wallMs([BIN, '--help']);
    if (h.stderr.includes('through tsx')) compiled = false;
    help.push(h.ms);
    check.push(wallMs([BIN, 'check', 'policies']).ms);
  }
  return { nodeMs: median(node), helpMs: median(help), checkMs: median(check), runs, compiled };
}

export function reportCliStartup(r: CliStartup): string {
  const rows = [
    '| what | median wall time | against `node -e 0` | bar |',
    '| --- | --- | --- | --- |',
    `| \`node -e 0\` | ${r.nodeMs.toFixed(0)} ms | 1x | — |`,
    `| \`beacon --help\` | ${r.helpMs.toFixed(0)} ms | ${(r.helpMs / r.nodeMs).toFixed(2)}x | under ${STARTUP_BAR_MS} ms: ${r.helpMs < STARTUP_BAR_MS ? 'met' : 'MISSED'} |`,
    `| \`beacon check policies\` | ${r.checkMs.toFixed(0)} ms | ${(r.checkMs / r.nodeMs).toFixed(2)}x | under 1 s: ${r.checkMs < 1000 ? 'met' : 'MISSED'} |`,
  ];
  const note = r.compiled ? '' : '\n\ndist/ was older than the sources, so beacon ran them through tsx: run `npm run build:cli` for the figures of the compiled command.';
  return `${rows.join('\n')}\n\n(${r.runs} alternating runs of each.)${note}`;
}
