// A CSV row as a ticket, the way a service desk exports them: one row per ticket, the
// ticket's top-level fields as columns by their JSON names, `event:<type>` columns whose
// cell is the instant of that event, an `events` column with a JSON list for timelines
// with repeated events (pauses, reopenings), `deadline:<name>` for an instant the ticket
// carries (the completion time reported in the plan), and `attr:<name>` for a policy's own
// attributes. The header is judged once, before any row: an unknown column is more likely
// a typo than a field to ignore, so it refuses the file. Mistakes found in a ticket are
// pointed back at the column they came from (`/event:dispatched`), so a manager can find
// the cell in the sheet.
import { instantMs, ticketSchema, type CompiledPolicy, type TicketEvent } from '../../engine/index.js';
import { NOT_JSON } from '../errors.js';
import type { ErrorItem } from '../schemas/index.js';

/** Code of a CSV header mistake (unknown, duplicate, missing or unnamed column): the file is refused. */
export const CSV_HEADER = 'H110';
/** Code of a row the CSV rules cannot read (quoting, cell count). */
export const CSV_ROW = 'H111';
/** Code of an `attr:` column the row's policy does not declare. */
export const UNKNOWN_ATTRIBUTE = 'H112';

export const EVENT_PREFIX = 'event:';
export const DEADLINE_PREFIX = 'deadline:';
export const ATTRIBUTE_PREFIX = 'attr:';
const FLAG_SEPARATOR = ';';

type Column =
  | { kind: 'text'; name: string; field: string }
  | { kind: 'count'; name: string; field: string }
  | { kind: 'flags'; name: string; field: string }
  | { kind: 'event'; name: string; type: string }
  | { kind: 'events'; name: string }
  | { kind: 'deadline'; name: string; deadline: string }
  | { kind: 'attribute'; name: string; field: string };

type FieldSchema = { type?: string; anyOf?: readonly { type?: string }[] };
const FIELDS = ticketSchema.properties as Record<string, FieldSchema>;

/** The ticket's top-level fields as columns, read off its schema: texts (instants too), whole numbers, lists of names. */
const FIELD_COLUMNS = new Map<string, Column['kind']>(
  Object.entries(FIELDS).flatMap(([field, s]): [string, Column['kind']][] => {
    // Lists of events and the deadlines object have columns of their own (`events`, `event:…`, `deadline:…`).
    if (field === 'events' || field === 'deadlines') return [];
    if (s.type === 'integer') return [[field, 'count']];
    if (s.type === 'array') return [[field, 'flags']];
    return [[field, 'text']];
  }),
);
const REQUIRED = ticketSchema.required.filter((f) => f !== 'events');

export interface CsvLayout {
  columns: Column[];
}

const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const columnPointer = (name: string): string => `/${escape(name)}`;

function headerError(pointer: string, message: string, help?: string): ErrorItem {
  return help === undefined ? { pointer, code: CSV_HEADER, message } : { pointer, code: CSV_HEADER, message, help };
}

function columnOf(name: string): Column | undefined {
  const kind = FIELD_COLUMNS.get(name);
  if (kind !== undefined) return { kind, name, field: name } as Column;
  if (name === 'events') return { kind: 'events', name };
  if (name.startsWith(EVENT_PREFIX) && name.length > EVENT_PREFIX.length) return { kind: 'event', name, type: name.slice(EVENT_PREFIX.length) };
  if (name.startsWith(DEADLINE_PREFIX) && name.length > DEADLINE_PREFIX.length) return { kind: 'deadline', name, deadline: name.slice(DEADLINE_PREFIX.length) };
  const attribute = name.slice(ATTRIBUTE_PREFIX.length);
  if (name.startsWith(ATTRIBUTE_PREFIX) && attribute !== '' && !Object.hasOwn(FIELDS, attribute)) return { kind: 'attribute', name, field: attribute };
  return undefined;
}

const ALLOWED = `${[...FIELD_COLUMNS.keys()].join(', ')}, events, ${EVENT_PREFIX}<event type>, ${DEADLINE_PREFIX}<deadline>, ${ATTRIBUTE_PREFIX}<attribute>`;

/** The header's columns, or every mistake in it (pointer: the column's name). */
export function readHeader(cells: readonly string[]): { layout: CsvLayout; errors?: undefined } | { errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const columns: Column[] = [];
  const seen = new Set<string>();
  cells.forEach((cell, i) => {
    const name = cell.trim();
    if (name === '') {
      errors.push(headerError('', `Column ${i + 1} has no name.`, `Name every column; allowed: ${ALLOWED}.`));
      return;
    }
    const column = columnOf(name);
    const key = column?.kind === 'event' || column?.kind === 'deadline' ? name : column && 'field' in column ? column.field : name;
    if (!column) {
      const near = [...FIELD_COLUMNS.keys(), 'events'].find((f) => f.toLowerCase() === name.toLowerCase());
      const attribute = name.startsWith(ATTRIBUTE_PREFIX) && Object.hasOwn(FIELDS, name.slice(ATTRIBUTE_PREFIX.length));
      const help = near ? `Did you mean '${near}'?` : attribute ? `'${name.slice(ATTRIBUTE_PREFIX.length)}' is a ticket field: name the column so.` : `Allowed: ${ALLOWED}.`;
      errors.push(headerError(columnPointer(name), `Column ${i + 1} '${name}' is not a column of a ticket import.`, help));
    } else if (seen.has(key)) {
      errors.push(headerError(columnPointer(name), `Column ${i + 1} '${name}' repeats an earlier column.`));
    } else {
      seen.add(key);
      columns.push(column);
    }
  });
  for (const field of REQUIRED) {
    if (!seen.has(field)) errors.push(headerError(columnPointer(field), `The header has no column '${field}'; every ticket needs one.`, `Required: ${REQUIRED.join(', ')}.`));
  }
  return errors.length > 0 ? { errors } : { layout: { columns } };
}

/** Where each of the ticket's events came from: an `event:` column, or an item of the `events` list. */
type Origin = { column: string } | { index: number };

export interface CsvTicket {
  /** The ticket to check, or undefined when the row could not be read as one. */
  ticket?: Record<string, unknown>;
  /** Mistakes found while reading the row (pointers are columns already). */
  errors: ErrorItem[];
  /** The id cell, when there is one. */
  ticketId?: string;
  /** The policy's judgement of the `attr:` columns. */
  attributeErrors(compiled: CompiledPolicy): ErrorItem[];
  /** A ticket's mistakes with their pointers (and the pointer in their messages) turned into the columns they came from. */
  toColumns(errors: readonly ErrorItem[]): ErrorItem[];
}

/** Reads one row; empty cells are absent fields, cells are trimmed. */
export function rowTicket(layout: CsvLayout, cells: readonly string[]): CsvTicket {
  const ticket: Record<string, unknown> = {};
  const errors: ErrorItem[] = [];
  const fromColumns: { event: TicketEvent; origin: Origin }[] = [];
  let listed: { event: unknown; origin: Origin }[] = [];
  const fieldColumns = new Map<string, string>();
  const attributes: { field: string; name: string }[] = [];
  const deadlineColumns = new Map<string, string>();
  layout.columns.forEach((column, i) => {
    const cell = (cells[i] ?? '').trim();
    if ('field' in column) fieldColumns.set(column.field, column.name);
    if (cell === '') return;
    switch (column.kind) {
      case 'text':
        ticket[column.field] = cell;
        break;
      case 'attribute':
        ticket[column.field] = cell;
        attributes.push({ field: column.field, name: column.name });
        break;
      case 'count':
        // Not a whole number: left as text for the schema to name.
        ticket[column.field] = /^\d{1,15}$/.test(cell) ? Number(cell) : cell;
        break;
      case 'flags':
        ticket[column.field] = cell.split(FLAG_SEPARATOR).map((f) => f.trim()).filter((f) => f !== '');
        break;
      case 'event':
        fromColumns.push({ event: { type: column.type, at: cell }, origin: { column: column.name } });
        break;
      case 'deadline':
        ((ticket['deadlines'] ??= {}) as Record<string, string>)[column.deadline] = cell;
        deadlineColumns.set(column.deadline, column.name);
        break;
      case 'events': {
        let value: unknown;
        try {
          value = JSON.parse(cell);
        } catch (e) {
          errors.push({ pointer: columnPointer(column.name), code: NOT_JSON, message: `/${column.name} is not JSON: ${(e as Error).message}` });
          return;
        }
        if (!Array.isArray(value)) errors.push({ pointer: columnPointer(column.name), code: NOT_JSON, message: `/${column.name} must be a JSON list of events, such as [{"type":"paused","at":"2026-03-02T10:00:00+08:00"}].` });
        else listed = value.map((event, index) => ({ event, origin: { index } }));
      }
    }
  });
  // The timeline in time order, whatever the column order; instants that do not read stay last, as they came.
  const at = (e: unknown): number => {
    const ms = typeof e === 'object' && e !== null && typeof (e as { at?: unknown }).at === 'string' ? instantMs((e as { at: string }).at) : Number.NaN;
    return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
  };
  const events = [...fromColumns, ...listed].map((e, order) => ({ ...e, order, ms: at(e.event) })).sort((a, b) => a.ms - b.ms || a.order - b.order);
  ticket['events'] = events.map((e) => e.event);

  const toColumn = (pointer: string): string => {
    const [, head = '', index, ...rest] = pointer.split('/');
    if (head === 'deadlines' && index !== undefined) {
      const name = deadlineColumns.get(index.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (name !== undefined) return columnPointer(name);
    }
    if (head === 'events' && index !== undefined) {
      const origin = events[Number(index)]?.origin;
      if (origin && 'column' in origin) return columnPointer(origin.column);
      if (origin) return ['', 'events', String(origin.index), ...rest].join('/');
    }
    const name = fieldColumns.get(head.replace(/~1/g, '/').replace(/~0/g, '~'));
    return name === undefined ? pointer : columnPointer(name);
  };
  return {
    ...(errors.length > 0 ? {} : { ticket }),
    ...(typeof ticket['id'] === 'string' ? { ticketId: ticket['id'] } : {}),
    errors,
    attributeErrors: (compiled) =>
      attributes
        .filter((a) => !compiled.attributes.has(a.field))
        .map((a) => ({
          pointer: columnPointer(a.name),
          code: UNKNOWN_ATTRIBUTE,
          message: `/${a.name}: '${a.field}' is not an attribute of this property's policy.`,
          help: `Its attributes: ${[...compiled.attributes.keys()].join(', ') || 'none'}.`,
        })),
    toColumns: (list) =>
      list.map((e) => {
        const pointer = toColumn(e.pointer);
        return pointer === e.pointer ? e : { ...e, pointer, message: e.message.startsWith(e.pointer) && e.pointer !== '' ? pointer + e.message.slice(e.pointer.length) : e.message };
      }),
  };
}
