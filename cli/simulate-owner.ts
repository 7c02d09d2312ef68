// Which simulation worker owns a ticket, from the ticket as parsed (so the JSON's
// spacing cannot matter). share() and repeat counts compare a ticket only with tickets
// of the same property (and, for repeats and share(issueKey, ...), the same issueKey),
// so every ticket of such a group must meet the same streaming context, in file order.
import type { CompiledPolicy, Ticket } from '../engine/index.js';

/**
 * What ownerOf answers for a ticket that meets no other ticket (sharding by issueKey, a
 * ticket without one): any worker may simulate it, and the worker dealing it gives it to the
 * one it has given fewest tickets, which evens out the workers. Sharding by property and
 * issueKey alone left one of two workers 7% more tickets on the bench history, a few
 * issues there having many more reports than others.
 */
export const ANY_OWNER = -2;

/**
 * Whether tickets may be sharded by property and issueKey rather than by property: when
 * every share() of the policies counts by issueKey and every repeat rule's case includes the
 * issueKey, tickets of different issueKeys never meet. (A case of household alone, say,
 * meets tickets of any issueKey of the household, which must then share a worker.)
 */
export function shardsByIssue(policies: readonly CompiledPolicy[]): boolean {
  return policies.every((p) => p.shareFields.every((f) => f === 'issueKey') && (!p.repeats || p.repeats.caseFields.includes('issueKey')));
}

/** A string hash (FNV-1a over UTF-16 code units): the same owner in every worker and every run. */
function hash(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The worker (0..shards-1) that simulates `ticket`. By property alone, unless tickets of
 * different issueKeys never meet (`byIssue`, shardsByIssue): then by property and issueKey,
 * which spreads a property with most of the tickets over all workers. A ticket without an
 * issueKey then meets no other: ANY_OWNER.
 */
export function ownerOf(ticket: Ticket, shards: number, byIssue: boolean): number {
  if (shards === 1) return 0;
  let h = hash(ticket.property);
  if (byIssue) {
    if (typeof ticket.issueKey !== 'string' || ticket.issueKey === '') return ANY_OWNER;
    h = hash(ticket.issueKey, Math.imul(h ^ 0xff, 0x01000193) >>> 0);
  }
  return h % shards;
}

// The fields ownerOf reads, as the last scan found them (scanLine): a text, or null for
// any other value or none. Module state, so that a scan allocates nothing but the texts.
let scannedProperty: string | null = null;
let scannedIssueKey: string | null = null;

const QUOTE = 34;
const BACKSLASH = 92;

/** Index of the quote that closes the JSON string opening at `open`, or -1. */
function stringEnd(line: string, open: number): number {
  for (let q = line.indexOf('"', open + 1); q >= 0; q = line.indexOf('"', q + 1)) {
    let slashes = 0;
    for (let b = q - 1; b > open && line.charCodeAt(b) === BACKSLASH; b--) slashes++;
    if ((slashes & 1) === 0) return q;
  }
  return -1;
}

/** The text of the JSON string token line[open..close], decoded as JSON.parse decodes it. */
function stringText(line: string, open: number, close: number): string {
  const raw = line.slice(open + 1, close);
  return raw.indexOf('\\') < 0 ? raw : (JSON.parse(line.slice(open, close + 1)) as string);
}

const PROPERTY = 1;
const ISSUE_KEY = 2;

/** Which field ownerOf reads the name token line[open..close] is (0: none of them). */
function fieldOf(line: string, open: number, close: number, escapes: boolean): number {
  if (escapes) {
    const name = stringText(line, open, close);
    return name === 'property' ? PROPERTY : name === 'issueKey' ? ISSUE_KEY : 0;
  }
  if (close - open - 1 !== 8) return 0;
  return line.startsWith('property', open + 1) ? PROPERTY : line.startsWith('issueKey', open + 1) ? ISSUE_KEY : 0;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Index just past the value (object, array, string or scalar) that starts at i, or -1. */
function valueEnd(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if (c === QUOTE) {
    const close = stringEnd(line, i);
    return close < 0 ? -1 : close + 1;
  }
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < line.length; j++) {
      const d = line.charCodeAt(j);
      if (d === QUOTE) {
        j = stringEnd(line, j);
        if (j < 0) return -1;
      } else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  // A number, true, false or null: up to the next comma, brace or space.
  let j = i;
  while (j < line.length) {
    const d = line.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

/**
 * Reads the top-level fields ownerOf needs from a line of JSON without parsing the
 * rest of it, into scannedProperty and scannedIssueKey. False when the line
 * is no JSON object this scan can follow (the caller then parses it). When JSON.parse
 * accepts the line, the fields are the ones it would give: the last of a repeated
 * field wins, and escapes in names and texts are decoded.
 */
function scanLine(line: string): boolean {
  scannedProperty = scannedIssueKey = null;
  const n = line.length;
  // Without a backslash anywhere, every name is its raw text.
  const escapes = line.indexOf('\\') >= 0;
  let i = 0;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== 123) return false;
  i++;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) === 125) return true;
  for (;;) {
    if (line.charCodeAt(i) !== QUOTE) return false;
    const keyEnd = stringEnd(line, i);
    if (keyEnd < 0) return false;
    const field = fieldOf(line, i, keyEnd, escapes);
    i = keyEnd + 1;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (line.charCodeAt(i) !== 58) return false;
    i++;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    const end = valueEnd(line, i);
    if (end < 0) return false;
    if (field !== 0) {
      const text = line.charCodeAt(i) === QUOTE ? stringText(line, i, end - 1) : null;
      if (field === PROPERTY) scannedProperty = text;
      else scannedIssueKey = text;
    }
    i = end;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    const c = line.charCodeAt(i);
    i++;
    if (c === 125) break;
    if (c !== 44) return false;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
  }
  return true;
}

/**
 * ownerOf of the ticket a line of NDJSON holds, read from the text (see scanLine), ANY_OWNER
 * included; -1 when the scan cannot tell, and then the caller parses the line and asks ownerOf. A
 * line that is not a ticket (bad JSON, a missing property) may get any owner: the
 * owner parses it and reports it.
 */
export function ownerOfLine(line: string, shards: number, byIssue: boolean): number {
  if (shards === 1) return 0;
  if (!scanLine(line) || scannedProperty === null) return -1;
  let h = hash(scannedProperty);
  if (byIssue) {
    if (scannedIssueKey === null || scannedIssueKey === '') return ANY_OWNER;
    h = hash(scannedIssueKey, Math.imul(h ^ 0xff, 0x01000193) >>> 0);
  }
  return h % shards;
}

// The same scan over a line's UTF-8 bytes, as the worker reads them: JSON's structure
// is all ASCII, and no byte of a multi-byte character is ASCII, so the scan follows the
// bytes as it would the text, and an ASCII name or text hashes as its bytes (one UTF-16
// code unit each). Escapes are stepped over in texts the owner does not read (Python's
// json.dumps writes every non-ASCII character as one); lines it cannot read so (an escape
// in a field's name or in a text the owner reads, a field's text not ASCII) go to the
// text scan.

const NAME_PROPERTY = [112, 114, 111, 112, 101, 114, 116, 121];
const NAME_ISSUE_KEY = [105, 115, 115, 117, 101, 75, 101, 121];

/** The last value's bytes of each field (start, end; -1: none), and whether it was a text. */
let propertyStart = -1;
let propertyEnd = -1;
let issueKeyStart = -1;
let issueKeyEnd = -1;

function nameIs(bytes: Uint8Array, start: number, end: number, name: readonly number[]): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (bytes[start + k] !== name[k]) return false;
  return true;
}

function hashBytes(bytes: Uint8Array, start: number, end: number, h: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

function asciiOnly(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

function isSpaceByte(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Whether the last text closingQuote walked held an escape (its bytes are then not its text). */
let escaped = false;

/** Index of the quote closing the string that opens at `open`, or -1; steps over escapes and notes them in `escaped`. */
function closingQuote(bytes: Uint8Array, open: number, end: number): number {
  escaped = false;
  for (let j = open + 1; j < end; j++) {
    const c = bytes[j];
    if (c === QUOTE) return j;
    if (c === BACKSLASH) {
      escaped = true;
      j++;
    }
  }
  return -1;
}

/** Index just past the value that starts at i, or -1; `escaped` says whether a text value held an escape. */
function valueEndBytes(bytes: Uint8Array, i: number, end: number): number {
  const c = bytes[i];
  if (c === QUOTE) {
    const close = closingQuote(bytes, i, end);
    return close < 0 ? -1 : close + 1;
  }
  escaped = false;
  if (c === 123 || c === 91) {
    let depth = 0;
    let inString = false;
    for (let j = i; j < end; j++) {
      const d = bytes[j] as number;
      if (inString) {
        if (d === QUOTE) inString = false;
        else if (d === BACKSLASH) j++;
      } else if (d === QUOTE) inString = true;
      else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < end) {
    const d = bytes[j] as number;
    if (d === 44 || d === 125 || d === 93 || isSpaceByte(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

/**
 * A segment's bytes as a Latin-1 string (one character a byte, so places are the same),
 * made once per segment: a string's indexOf is a builtin, where a Buffer's is a call into
 * C++ that cost about a microsecond a line, a tenth of a worker's time with two workers.
 */
let textBytes: Buffer | undefined;
let textOfBytes = '';

export function segmentText(bytes: Buffer): string {
  if (bytes !== textBytes) {
    textBytes = bytes;
    textOfBytes = bytes.toString('latin1');
  }
  return textOfBytes;
}

/**
 * The first place at or after `from` where a quoted field name (or, with `name` '\\', a
 * backslash) stands in a segment's bytes, or Infinity. Lines are scanned in order, so the
 * last answer stands until the scan passes it, and each search runs over a stretch of the
 * segment once. The search is for the name and its closing quote, the opening quote checked
 * after: a search that starts with a quote stops at every one of them (a JSON line is
 * full of quotes) and took three times as long.
 */
class NextInSegment {
  private bytes: Buffer | undefined;
  private at = Infinity;
  private from = Infinity;
  private readonly tail: string;

  constructor(private readonly name: string) {
    this.tail = name === '\\' ? name : `${name}"`;
  }

  after(bytes: Buffer, from: number): number {
    if (bytes !== this.bytes || from < this.from || this.at < from) {
      this.bytes = bytes;
      this.from = from;
      this.at = this.search(segmentText(bytes), from);
    }
    return this.at;
  }

  private search(text: string, from: number): number {
    if (this.tail === this.name) {
      const found = text.indexOf(this.tail, from);
      return found < 0 ? Infinity : found;
    }
    // The opening quote stands at or after `from`, so the name at or after from + 1.
    for (let found = text.indexOf(this.tail, from + 1); found >= 0; found = text.indexOf(this.tail, found + 1)) {
      if (text.charCodeAt(found - 1) === QUOTE) return found - 1;
    }
    return Infinity;
  }
}

const nextBackslash = new NextInSegment('\\');
const nextPropertyName = new NextInSegment('property');
const nextIssueKeyName = new NextInSegment('issueKey');

/**
 * Whether the fields an owner needs are all read by the time the scan reaches `i`, and the
 * rest of the line, bytes[i, end), can change none of them: it holds no backslash (an escaped
 * name could spell a field) and no quoted name of a field the owner reads (the last of a
 * repeated field wins, and a later issueKey would give a ticket without one an owner). The scan can then stop at
 * `i`: the events, most of a line, are never walked byte by byte.
 */
function restChangesNothing(bytes: Buffer, i: number, end: number, byIssue: boolean): boolean {
  if (propertyStart === -1) return false;
  if (nextBackslash.after(bytes, i) < end || nextPropertyName.after(bytes, i) < end) return false;
  return !byIssue || nextIssueKeyName.after(bytes, i) >= end;
}

/**
 * scanLine over bytes[start, end), leaving the fields' places in propertyStart...; false also
 * at any escape. It stops once the rest of the line can change none of the fields the owner
 * reads (restChangesNothing); what it has not read may still be no JSON, which the owner
 * finds when it parses the line.
 */
function scanBytes(bytes: Buffer, start: number, end: number, byIssue: boolean): boolean {
  propertyStart = propertyEnd = issueKeyStart = issueKeyEnd = -1;
  let i = start;
  while (i < end && isSpaceByte(bytes[i] as number)) i++;
  if (bytes[i] !== 123) return false;
  i++;
  while (i < end && isSpaceByte(bytes[i] as number)) i++;
  if (bytes[i] === 125) return true;
  for (;;) {
    if (i >= end || bytes[i] !== QUOTE) return false;
    const nameEnd = closingQuote(bytes, i, end);
    // An escaped name could spell any field: the text scan decodes it.
    if (nameEnd < 0 || escaped) return false;
    const field = nameIs(bytes, i + 1, nameEnd, NAME_PROPERTY) ? PROPERTY : nameIs(bytes, i + 1, nameEnd, NAME_ISSUE_KEY) ? ISSUE_KEY : 0;
    i = nameEnd + 1;
    while (i < end && isSpaceByte(bytes[i] as number)) i++;
    if (bytes[i] !== 58) return false;
    i++;
    while (i < end && isSpaceByte(bytes[i] as number)) i++;
    const valueEnd = valueEndBytes(bytes, i, end);
    if (valueEnd < 0 || (field !== 0 && escaped)) return false;
    if (field !== 0) {
      // A text's bytes between its quotes; -2 marks a value that is no text.
      const text = bytes[i] === QUOTE;
      const a = text ? i + 1 : -2;
      const b = text ? valueEnd - 1 : -2;
      if (field === PROPERTY) (propertyStart = a), (propertyEnd = b);
      else (issueKeyStart = a), (issueKeyEnd = b);
    }
    i = valueEnd;
    if (field !== 0 && restChangesNothing(bytes, i, end, byIssue)) return true;
    while (i < end && isSpaceByte(bytes[i] as number)) i++;
    const c = bytes[i];
    i++;
    if (c === 125) return true;
    if (c !== 44) return false;
    while (i < end && isSpaceByte(bytes[i] as number)) i++;
  }
}

/**
 * ownerOfLine of the line held in bytes[start, end) (UTF-8, no newline), read from its
 * bytes, ANY_OWNER included; -1 when this scan cannot tell (then ask ownerOfLine with the line's text),
 * always on a line that holds no JSON object (a blank one, say).
 */
export function ownerOfBytes(bytes: Buffer, start: number, end: number, shards: number, byIssue: boolean): number {
  if (!scanBytes(bytes, start, end, byIssue) || propertyStart < 0 || !asciiOnly(bytes, propertyStart, propertyEnd)) return -1;
  let h = hashBytes(bytes, propertyStart, propertyEnd, 0x811c9dc5);
  if (byIssue) {
    if (!(issueKeyStart >= 0 && issueKeyEnd > issueKeyStart)) return ANY_OWNER;
    if (!asciiOnly(bytes, issueKeyStart, issueKeyEnd)) return -1;
    h = hashBytes(bytes, issueKeyStart, issueKeyEnd, Math.imul(h ^ 0xff, 0x01000193) >>> 0);
  }
  return h % shards;
}
