// `npm run sample -- [--count N] [--seed S] [--out FILE] [--from 2026-01-01] [--months 6] [--policies DIR]`
// writes a seeded sample ticket history as NDJSON (one ticket a line) and prints a short
// summary. Streams: a million tickets use as little memory as ten. Only properties with a
// policy in --policies (./policies) get tickets, so the history imports and simulates whole.
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from '../grammar/index.js';
import { DEFAULT_PROPERTIES, generateTickets, sampleWindow, type PropertyProfile } from '../bench/sample/generate-tickets.js';

const USAGE = 'usage: npm run sample -- [--count N] [--seed S] [--out FILE] [--from YYYY-MM-DD] [--months M] [--policies DIR]';

/** The ids of the properties that have a policy under dir. */
function propertiesWithPolicy(dir: string): Set<string> {
  const ids = new Set<string>();
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!path.endsWith('.sla')) continue;
    const header = parse(readFileSync(join(dir, path), 'utf8')).value.header;
    if (header.level === 'property') ids.add(header.name.text);
  }
  return ids;
}

function profiles(dir: string): PropertyProfile[] {
  if (!existsSync(dir)) fail(`no policy folder at ${dir}: say where the policies are with --policies DIR`);
  const ids = propertiesWithPolicy(dir);
  const chosen = DEFAULT_PROPERTIES.filter((p) => ids.has(p.id));
  if (chosen.length === 0) fail(`none of the sample properties (${DEFAULT_PROPERTIES.map((p) => p.id).join(', ')}) has a policy in ${dir}`);
  return chosen;
}

function options(): { count: number; seed: number; out: string; from: string; months: number; properties: PropertyProfile[] } {
  let values;
  try {
    values = parseArgs({
      options: {
        count: { type: 'string', default: '20000' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string', default: 'sample/tickets.ndjson' },
        from: { type: 'string', default: '2026-01-01' },
        months: { type: 'string', default: '6' },
        policies: { type: 'string', default: 'policies' },
      },
    }).values;
  } catch (e) {
    return fail((e as Error).message);
  }
  const int = (name: string, text: string, min: number): number => {
    const n = Number(text);
    return Number.isInteger(n) && n >= min ? n : fail(`--${name} must be an integer >= ${min}, got '${text}'`);
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.from) || Number.isNaN(Date.parse(values.from))) fail(`--from must be a date like 2026-01-01, got '${values.from}'`);
  return {
    count: int('count', values.count, 0),
    seed: int('seed', values.seed, -(2 ** 31)),
    out: resolve(values.out),
    from: values.from,
    months: int('months', values.months, 1),
    properties: profiles(resolve(values.policies)),
  };
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const tally = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);
const list = (map: Map<string, number>): string => [...map].map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(' · ');

async function main(): Promise<void> {
  const opts = options();
  mkdirSync(dirname(opts.out), { recursive: true });
  const out = createWriteStream(opts.out);
  const started = performance.now();
  const properties = new Map<string, number>(), kinds = new Map<string, number>(), tiers = new Map<string, number>();
  let count = 0, bytes = 0, open = 0, reopened = 0, paused = 0, repeats = 0, flagged = 0, chunk = '';
  for (const ticket of generateTickets(opts)) {
    const line = JSON.stringify(ticket) + '\n';
    chunk += line;
    bytes += Buffer.byteLength(line);
    count++;
    tally(properties, ticket.property);
    tally(kinds, ticket.kind ?? '-');
    tally(tiers, ticket.priority);
    if (ticket.events[ticket.events.length - 1]?.type !== 'closed') open++;
    if (ticket.events.some((e) => e.type === 'reopened')) reopened++;
    if (ticket.events.some((e) => e.type === 'paused')) paused++;
    if (ticket.repeatCount) repeats++;
    if (ticket.flags) flagged++;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  const seconds = (performance.now() - started) / 1000, { start, end } = sampleWindow(opts);
  const shown = relative(process.cwd(), opts.out).startsWith('..') ? opts.out : relative(process.cwd(), opts.out);
  console.log(`wrote ${count.toLocaleString('en')} tickets to ${shown} (${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s`);
  console.log(`  seed ${opts.seed}, created from ${start} until ${end}`);
  console.log(`  properties  ${list(properties)}`);
  console.log(`  kinds       ${list(kinds)}`);
  console.log(`  tiers       ${list(tiers)}`);
  console.log(`  not closed ${open.toLocaleString('en')} · reopened ${reopened.toLocaleString('en')} · paused ${paused.toLocaleString('en')} · second complaints ${repeats.toLocaleString('en')} · flagged ${flagged.toLocaleString('en')}`);
}

await main();
