// POST /v1/evaluate/batch with Content-Type: application/x-ndjson: one ticket per line
// in, one result per line out, as the lines arrive. Nothing holds the whole body: the
// request is read chunk by chunk, each line evaluated and written, and reading waits
// while the client is slow to take the results (backpressure).
import { ndjsonWriter } from './ndjson-writer.js';
import type { Request, Response } from 'express';
import { HttpError, InvalidRequestError, NOT_JSON } from '../errors.js';
import type { ActivePolicy } from '../policies.js';
import { check, ndjsonQuerySchema, type NdjsonLine, type NdjsonQuery } from '../schemas/index.js';
import { MAX_LINE_BYTES, textLines } from '../tickets-import/lines.js';
import type { Evaluator } from './evaluator.js';


export async function streamNdjson(req: Request, res: Response, options: { evaluator: Evaluator; now: () => string; /** The properties a manager or viewer may evaluate; every property when absent. */ allowed?: ReadonlySet<string> | undefined }): Promise<void> {
  const query = check<NdjsonQuery>(ndjsonQuerySchema, { ...req.query });
  if (!query.ok) throw new InvalidRequestError('The query has mistakes; `at` and `explain` are the only parameters.', query.errors.map((e) => ({ ...e, pointer: `?${e.pointer.slice(1)}` })));
  const at = query.value.at ?? options.now();
  const explain = query.value.explain === 'true';
  const policies = new Map<string, Promise<ActivePolicy>>();
  res.status(200).type('application/x-ndjson');

  const write: (line: NdjsonLine) => Promise<void> = ndjsonWriter(res);

  let lineNo = 0;
  const evaluateLine = async (line: number, text: string): Promise<void> => {
    lineNo = line;
    if (text.trim() === '') return;
    let ticket: unknown;
    try {
      ticket = JSON.parse(text);
    } catch (e) {
      await write({ line, errors: [{ pointer: '', code: NOT_JSON, message: `Line ${line} is not JSON: ${(e as Error).message}` }] });
      return;
    }
    try {
      const outcome = await options.evaluator.one(ticket, at, explain, '', policies, options.allowed);
      await write(outcome.ok ? { line, ticketId: outcome.ticketId, result: outcome.result } : { line, errors: outcome.errors });
    } catch (e) {
      // A policy that cannot be used is this line's answer; anything else ends the stream.
      if (!(e instanceof HttpError) || e.status >= 500) throw e;
      await write({ line, errors: e.errors ?? [{ pointer: '', code: 'H409', message: e.detail ?? e.title }] });
    }
  };

  try {
    for await (const item of textLines(req as AsyncIterable<Buffer>)) {
      if (item.tooLong) {
        await write({ line: item.line, errors: [{ pointer: '', code: 'H413', message: `Line ${item.line} is longer than ${MAX_LINE_BYTES} bytes; the stream stops here.` }] });
        res.end();
        req.destroy();
        return;
      }
      await evaluateLine(item.line, item.text);
      if (res.destroyed) return;
    }
    res.end();
  } catch (e) {
    req.log?.error({ err: e }, 'NDJSON batch failed');
    if (!res.headersSent) throw e;
    await write({ line: lineNo, errors: [{ pointer: '', code: 'H500', message: `Internal error; the stream stops here (request id ${String(req.id)}).` }] }).catch(() => undefined);
    res.end();
  }
}
