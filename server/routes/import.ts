// POST /v1/tickets/import: many tickets at once, as NDJSON (one per line) or CSV (a
// header, one per row), each judged and stored as PUT /v1/tickets/{id} does. The body is
// read as it arrives and the answer streams back as NDJSON: a progress line every 1,000
// tickets, a line for each rejected row, and `done` with the counters. A bad row never
// stops the import; a line past the limit or an internal error ends the stream with an
// error line (the answer has started, so there is no status left to say it with).
import { ndjsonWriter } from './ndjson-writer.js';
import { Router, type Request, type Response } from 'express';
import { callerOf, notViewer, propertiesOf, requireCaller } from '../auth/index.js';
import { InvalidRequestError, refuseContentEncoding, UnsupportedMediaTypeError } from '../errors.js';
import type { PolicyService } from '../policies.js';
import { check, importQuerySchema, type ImportLine, type ImportQuery } from '../schemas/index.js';
import type { Repository } from '../store/index.js';
import { createImporter, type Importer } from '../tickets-import/importer.js';
import { MAX_LINE_BYTES } from '../tickets-import/lines.js';
import { csvRows, ndjsonRows, type SourceItem } from '../tickets-import/sources.js';

export interface ImportRouteOptions {
  repository: Repository;
  policies: PolicyService;
  now: () => Date;
}

/** A progress line after every so many tickets: often enough to show life, rarely enough to stay small beside the work. */
export const PROGRESS_EVERY = 1000;

const FORMATS = { 'application/x-ndjson': 'ndjson', 'text/csv': 'csv' } as const;
type Format = (typeof FORMATS)[keyof typeof FORMATS];

function formatOf(req: Request): Format {
  const type = req.is(Object.keys(FORMATS));
  const wanted = `Send ${Object.keys(FORMATS).join(' or ')} (UTF-8, uncompressed)`;
  if (!type || !(type in FORMATS)) throw new UnsupportedMediaTypeError(`${wanted}, not ${req.get('content-type') ?? 'no content type'}.`);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) throw new UnsupportedMediaTypeError(`${wanted}, not charset ${charset}.`);
  refuseContentEncoding(req.get('content-encoding'), wanted);
  return FORMATS[type as keyof typeof FORMATS];
}

/** Beside each ticket's own entry, one summary per property written: who imported how many of its tickets, under which request id. */
async function summarise(repository: Repository, writer: { actor: string; detail: Record<string, unknown> }, format: Format, importer: Importer): Promise<void> {
  for (const [property, counts] of importer.written) {
    await repository.audit({ actor: writer.actor, action: 'tickets.import', scopeId: property, detail: { format, ...counts, ...writer.detail } });
  }
}

export function importRoutes(options: ImportRouteOptions): Router {
  const { repository, policies, now } = options;
  const router = Router();

  router.post('/v1/tickets/import', requireCaller({ keys: true }), notViewer, async (req, res) => {
    const format = formatOf(req);
    const query = check<ImportQuery>(importQuerySchema, { ...req.query });
    if (!query.ok) throw new InvalidRequestError('The query has mistakes; `dryRun` is the only parameter.', query.errors.map((e) => ({ ...e, pointer: `?${e.pointer.slice(1)}` })));
    const dryRun = query.value.dryRun === 'true';
    const caller = callerOf(req);
    // Leaving the loop early must not destroy the request before the answer is out: it is ended explicitly below.
    const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
    let source: AsyncIterable<SourceItem>;
    try {
      source = format === 'csv' ? await csvRows(chunks) : ndjsonRows(chunks);
    } catch (e) {
      // Refused at the header, the rest of the body is not read: close the connection after the problem.
      res.setHeader('Connection', 'close');
      throw e;
    }
    const writer = { actor: caller.user.id, detail: { via: 'import', requestId: String(req.id), ...(caller.kind === 'key' ? { keyId: caller.key.id } : {}) } };
    const importer = createImporter({ repository, policies, now, dryRun, audit: writer, allowed: propertiesOf(caller) }); // as PUT: a manager writes their own properties only
    res.status(200).type('application/x-ndjson');
    res.flushHeaders();
    try {
      await streamImport(req, res, source, importer);
    } finally {
      if (!dryRun) await summarise(repository, writer, format, importer).catch((e: unknown) => req.log?.error({ err: e }, 'import summary audit failed'));
    }
  });

  return router;
}

async function streamImport(req: Request, res: Response, source: AsyncIterable<SourceItem>, importer: Importer): Promise<void> {
  const write: (line: ImportLine) => Promise<void> = ndjsonWriter(res);
  // The rest of the body is not wanted: drop the connection once the last line is out.
  const stop = (): void => void res.end(() => req.destroy());
  const { counters } = importer;
  let tickets = 0;
  let line = 1;
  try {
    for await (const item of source) {
      line = item.line;
      if (item.tooLong) {
        await write({ line, errors: [{ pointer: '', code: 'H413', message: `Line ${line} begins a ticket longer than ${MAX_LINE_BYTES} bytes; the import stops here.` }] });
        stop();
        return;
      }
      counters.lines = item.endLine;
      if (item.blank) continue;
      const outcome = item.candidate === undefined ? importer.reject(item.errors ?? [], item.ticketId) : await importer.importOne(item.candidate, item.hooks);
      if (!outcome.ok) await write({ line: item.line, ...(outcome.ticketId === undefined ? {} : { ticketId: outcome.ticketId }), errors: outcome.errors });
      if (++tickets % PROGRESS_EVERY === 0) await write({ progress: { ...counters } });
      if (res.destroyed) return;
    }
    await write({ done: { ...counters } });
    res.end();
  } catch (e) {
    req.log?.error({ err: e }, 'ticket import failed');
    await write({ line, errors: [{ pointer: '', code: 'H500', message: `Internal error at line ${line}; the import stops here (request id ${String(req.id)}).` }] }).catch(() => undefined);
    stop();
  }
}
