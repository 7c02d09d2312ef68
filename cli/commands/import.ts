// `beacon import <file> [--url URL] [--key KEY] [--dry-run]`: sends an NDJSON or CSV file
// of tickets to a running service (POST /v1/tickets/import), streamed from disk, and
// prints the answer as it comes: rejected rows on stdout (so they can be kept in a file
// and fixed), progress and the summary on stderr.
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Problem, schemas } from '../../server/index.js';
import { parseArgs } from '../args.js';
import { UsageError, type Io } from '../io.js';

export const importUsage = `beacon import <file.ndjson|file.csv> [--url URL] [--key KEY] [--dry-run]
  Imports tickets into a running service, printing each rejected row (line, ticket,
  pointer, code, message) and the progress. The file's extension says its format
  (.csv; .ndjson or .jsonl). --url: http://127.0.0.1:8080 by default. The API key comes
  from --key or BEACON_KEY (which keeps it out of the process list). --dry-run checks and
  counts without writing. Exit code 1 when a row was rejected or the import stopped early.`;

type ImportLine = schemas.ImportLine;
type ImportCounters = schemas.ImportCounters;

const TYPES: [RegExp, string][] = [
  [/\.csv$/i, 'text/csv'],
  [/\.(ndjson|jsonl)$/i, 'application/x-ndjson'],
];

const summary = (c: ImportCounters): string => `${c.lines} lines: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected; ${c.recorded} ledger entries recorded`;

/** One answer line, printed; returns the counters when it is the last. */
function print(line: ImportLine, io: Io): ImportCounters | undefined {
  if ('progress' in line) io.err(`… ${summary(line.progress)}\n`);
  else if ('done' in line) return line.done;
  else for (const e of line.errors) io.out(`line ${line.line}${line.ticketId === undefined ? '' : ` (${line.ticketId})`}: ${e.pointer || '/'} ${e.code} ${e.message}${e.help ? ` ${e.help}` : ''}\n`);
  return undefined;
}

export async function runImport(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { flags: ['dry-run'], options: ['url', 'key'] });
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new UsageError('give exactly one file');
  const type = TYPES.find(([ext]) => ext.test(file))?.[1];
  if (!type) throw new UsageError(`say the format by the file's extension: .csv, .ndjson or .jsonl, not '${file}'`);
  const key = args.options.get('key')?.at(-1) ?? process.env['BEACON_KEY'];
  if (!key) throw new UsageError('give an API key: --key KEY or BEACON_KEY');
  const url = new URL('/v1/tickets/import', args.options.get('url')?.at(-1) ?? 'http://127.0.0.1:8080');
  if (args.flags.has('dry-run')) url.searchParams.set('dryRun', 'true');
  const path = resolve(io.cwd, file);
  try {
    statSync(path);
  } catch {
    io.err(`beacon import: cannot read ${file}\n`);
    return 1;
  }

  let res: Response;
  try {
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
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
    if (text.trim() !== '') done = print(JSON.parse(text) as ImportLine, io) ?? done;
  };
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(take);
  }
  take(pending + decoder.decode());
  if (!done) {
    io.err('beacon import: the import stopped early (see the last line above); rows before it were imported, and importing the file again is safe\n');
    return 1;
  }
  io.err(`${args.flags.has('dry-run') ? 'dry run, nothing written: ' : ''}${summary(done)}\n`);
  return done.rejected > 0 ? 1 : 0;
}
