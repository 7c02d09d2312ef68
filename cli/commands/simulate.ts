// `beacon simulate --from <policy> --to <policy> <tickets.ndjson> [--at <instant>] [--json]`
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SimulationReport } from '../../engine/index.js';
import { parseArgs } from '../args.js';
import { textOf, UsageError, type Io } from '../io.js';
import { loadPolicy } from '../policy-loader.js';
import { ProgressLine } from '../progress.js';
import { simulateShards } from '../simulate-shards.js';

export function report(r: SimulationReport): string {
  const lines = [`Simulated ${r.tickets} tickets at ${r.at}: ${r.from.policy} -> ${r.to.policy}`];
  if (r.skipped.count) lines.push(`skipped ${r.skipped.count} tickets the policies cannot read`);
  lines.push('', 'warnings (from -> to):');
  const levels = new Set([...Object.keys(r.counts.from.warnings), ...Object.keys(r.counts.to.warnings)]);
  for (const l of levels) lines.push(`  ${l}: ${r.counts.from.warnings[l] ?? 0} -> ${r.counts.to.warnings[l] ?? 0}`);
  lines.push('', 'clocks (from -> to):');
  const clocks = new Set([...Object.keys(r.counts.from.clocks), ...Object.keys(r.counts.to.clocks)]);
  for (const c of clocks) {
    const states = new Set([...Object.keys(r.counts.from.clocks[c] ?? {}), ...Object.keys(r.counts.to.clocks[c] ?? {})]);
    const parts = [...states].map((s) => `${s} ${(r.counts.from.clocks[c] as Record<string, number> | undefined)?.[s] ?? 0}->${(r.counts.to.clocks[c] as Record<string, number> | undefined)?.[s] ?? 0}`);
    lines.push(`  ${c}: ${parts.join(', ')}`);
  }
  lines.push('', `penalty points: ${r.counts.from.points} -> ${r.counts.to.points}`);
  for (const u of r.penaltiesByUnit.slice(0, 15)) lines.push(`  ${u.unit}: ${u.from} -> ${u.to} (${u.delta >= 0 ? '+' : ''}${u.delta})`);
  lines.push('', 'by category x tier:');
  for (const c of r.penaltiesByCell.slice(0, 15)) lines.push(`  ${c.category}/${c.priority}: ${c.from} -> ${c.to} (${c.delta >= 0 ? '+' : ''}${c.delta})`);
  lines.push('', `changed tickets: ${r.changed.count}`);
  for (const t of r.changed.examples.slice(0, 10)) {
    lines.push(`  ${t.ticketId}: ${t.from.warning} ${t.from.points} -> ${t.to.warning} ${t.to.points}`);
    for (const reason of t.explanation.to.slice(0, 3)) lines.push(`    ${reason.en}`);
  }
  return `${lines.join('\n')}\n`;
}

/** About how many lines the file has, from its size and the lines in its first 64 KiB: for time left. */
export function estimateLines(path: string): number {
  const size = statSync(path).size;
  const head = Buffer.alloc(Math.min(size, 1 << 16));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  let lines = 0;
  for (let i = head.indexOf(10); i >= 0; i = head.indexOf(10, i + 1)) lines++;
  return lines === 0 ? 1 : Math.round((size * lines) / head.length);
}

export async function runSimulate(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const args = parseArgs(argv, { flags: ['json'], options: ['from', 'to', 'at', 'with', 'examples', 'workers'], short: { f: 'from', t: 'to', a: 'at', w: 'workers', j: 'json' } }, t);
  const fromFile = args.options.get('from')?.[0];
  const toFile = args.options.get('to')?.[0];
  const ticketsFile = args.positionals[0];
  if (!fromFile || !toFile || !ticketsFile) throw new UsageError(t.simulateNeeds);
  const path = resolve(io.cwd, ticketsFile);
  if (!existsSync(path)) throw new UsageError(t.noSuchFile(ticketsFile));
  const withDirs = args.options.get('with') ?? [];
  const from = loadPolicy(io, fromFile, withDirs);
  const to = loadPolicy(io, toFile, withDirs);
  if (!from || !to) return 1;
  // The command line is the edge of the system: here, and only here, "now" may come from the clock.
  const at = args.options.get('at')?.[0] ?? new Date().toISOString();
  const examples = Number(args.options.get('examples')?.[0] ?? 50);
  if (!Number.isInteger(examples) || examples < 0) throw new UsageError(t.examples);
  const workers = args.options.has('workers') ? Number(args.options.get('workers')?.[0]) : undefined;
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) throw new UsageError(t.workers);
  const progress = new ProgressLine(io, 'tickets');
  const expected = io.errIsTTY ? estimateLines(path) : 0;
  const result = await simulateShards(
    { from: { sources: from.sources, id: from.policy.id }, to: { sources: to.sources, id: to.policy.id }, file: path, at, examples },
    {
      ...(workers !== undefined ? { workers } : {}),
      onProgress: (n) => progress.update(n, expected > 0 ? n / expected : undefined),
    },
  );
  progress.end();
  for (const b of result.badLines.slice(0, 10)) io.err(`${ticketsFile}:${b.line}: ${b.errors.map((e) => `${e.code} ${e.message}`).join('; ')}\n`);
  if (result.badCount > 10) io.err(`${t.badLines(ticketsFile, result.badCount - 10)}\n`);
  io.out(args.flags.has('json') ? `${JSON.stringify({ ...result.report, badLines: result.badCount }, null, 2)}\n` : report(result.report));
  return 0;
}
