// `beacon import <file> [--url URL] [--key KEY] [--dry-run]`: sends an NDJSON or CSV file
// of tickets to a running service (POST /v1/tickets/import), streamed from disk, and
// prints the answer as it comes: rejected rows on stdout (so they can be kept in a file
// and fixed), the summary on stderr, and on a terminal a progress line.
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Problem, schemas } from '../../server/index.js';
import { parseArgs } from '../args.js';
import { textOf, UsageError, type Io } from '../io.js';
import { ProgressLine } from '../progress.js';

type ImportLine = schemas.ImportLine;
type ImportCounters = schemas.ImportCounters;

const TYPES: [RegExp, string][] = [
  [/\.csv$/i, 'text/csv'],
  [/\.(ndjson|jsonl)$/i, 'application/x-ndjson'],
];

const summary = (c: ImportCounters): string => `${c.lines} lines: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected; ${c.recorded} ledger entries recorded`;

/** One answer line, printed; returns the counters when it is the last. */
function print(line: ImportLine, io: Io, progress: (counters: ImportCounters) => void): ImportCounters | undefined {
  if ('progress' in line) progress(line.progress);
  else if ('done' in line) return line.done;
  else for (const e of line.errors) io.out(`line ${line.line}${line.ticketId === undefined ? '' : ` (${line.ticketId})`}: ${e.pointer || '/'} ${e.code} ${e.message}${e.help ? ` ${e.help}` : ''}\n`);
  return undefined;
}

export async function runImport(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const args = parseArgs(argv, { flags: ['dry-run'], options: ['url', 'key'], short: { u: 'url', k: 'key', n: 'dry-run' } }, t);
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new UsageError(t.oneFile);
  const type = TYPES.find(([ext]) => ext.test(file))?.[1];
  if (!type) throw new UsageError(t.importFormat(file));
  const key = args.options.get('key')?.at(-1) ?? process.env['BEACON_KEY'];
  if (!key) throw new UsageError(t.importKey);
  const url = new URL('/v1/tickets/import', args.options.get('url')?.at(-1) ?? 'http://127.0.0.1:8080');
  if (args.flags.has('dry-run')) url.searchParams.set('dryRun', 'true');
  const path = resolve(io.cwd, file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    io.err(`beacon import: cannot read ${file}\n`);
    return 1;
  }

  // Time left is told by the share of the file sent: rows differ in length, bytes do not.
  let sent = 0;
  const line = new ProgressLine(io, 'rows');
  const progress = (c: ImportCounters): void => line.update(c.lines, size > 0 ? sent / size : undefined);
  let res: Response;
  try {
    const stream = createReadStream(path);
    stream.on('data', (chunk) => (sent += chunk.length));
    const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    res = await fetch(url, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${key}` }, body, duplex: 'half' } as RequestInit);
  } catch (e) {
    io.err(`beacon import: cannot reach ${url.origin}: ${(e as Error).message}\n`);
    return 1;
  }
  if (!res.ok || !res.body) {
    const problem = (await res.json().catch(() => ({}))) as Partial<Problem>;
    io.err(`beacon import: ${res.status} ${problem.detail ?? problem.title ?? res.statusText}\n`);
    for (const e of problem.errors ?? []) io.err(`  ${e.pointer || '/'} ${e.code} ${e.message}${e.help ? ` ${e.help}` : ''}\n`);
    return 1;
  }

  let done: ImportCounters | undefined;
  let pending = '';
  const decoder = new TextDecoder();
  const take = (text: string): void => {
    if (text.trim() !== '') done = print(JSON.parse(text) as ImportLine, io, progress) ?? done;
  };
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(take);
    }
    take(pending + decoder.decode());
  } catch (e) {
    // The connection broke mid-answer (the service stopped, a proxy timed out): the rows answered so far were imported.
    line.end();
    io.err(`beacon import: the connection to ${url.origin} broke: ${((e as Error).cause as Error | undefined)?.message ?? (e as Error).message}\n`);
  }
  line.end();
  if (!done) {
    io.err('beacon import: the import stopped early (see the last line above); rows before it were imported, and importing the file again is safe\n');
    return 1;
  }
  io.err(`${args.flags.has('dry-run') ? 'dry run, nothing written: ' : ''}${summary(done)}\n`);
  return done.rejected > 0 ? 1 : 0;
}
