// Reading tickets from NDJSON as a stream: one ticket per line, each checked
// against the contract; a bad line is reported with its line number and skipped.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { schemaErrors, type EngineError, type Ticket } from '../engine/index.js';

export interface LineError {
  line: number;
  errors: EngineError[];
}

export async function* readTicketsNdjson(path: string, onError: (e: LineError) => void): AsyncGenerator<Ticket> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      onError({ line: n, errors: [{ code: 'E201', message: `line ${n} is not JSON: ${(e as Error).message}`, pointer: '' }] });
      continue;
    }
    const errors = schemaErrors(value);
    if (errors.length > 0) {
      onError({ line: n, errors });
      continue;
    }
    yield value as Ticket;
  }
}
