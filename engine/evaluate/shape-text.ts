// The ticket schema's rules for one text (engine/schemas.ts), as plain loops: ajv runs a
// unicode regular expression over every text, which on a sound ticket costs as much as
// evaluating it (issue 13). Each answer is the generated validator's own, length
// included: ajv counts code points (its ucs2length), and under the `u` flag a lone
// surrogate is a code point like any other, so neither is refused here.

/** Code points, as ajv's maxLength counts them: a surrogate pair is one. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

/** maxLength: the count only matters when the UTF-16 length is over, since code points are never more. */
function within(s: string, max: number): boolean {
  return s.length <= max || codePoints(s) <= max;
}

/** NO_CONTROL_CHARACTERS: nothing in U+0000-U+001F or U+007F. */
function oneLine(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

/** TEXT_CHARACTERS: as oneLine, but tab, line feed and carriage return are text too. */
function freeText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

/** `name`: 1 to 200 code points on one line. */
export const isName = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && within(v, 200) && oneLine(v);

/** `shortText`: as a name, and may be empty. */
export const isShortText = (v: unknown): boolean => typeof v === 'string' && within(v, 200) && oneLine(v);

/** `note`, and the text of an extra field: up to 2000 code points of free text. */
export const isNote = (v: unknown): boolean => typeof v === 'string' && within(v, 2000) && freeText(v);

/** A field name of the ticket (propertyNames): up to 100 code points on one line; `min` 1 for a deadline's name. */
export const isFieldName = (s: string, min: 0 | 1): boolean => s.length >= min && within(s, 100) && oneLine(s);

const DASH = 45;
const COLON = 58;
const DOT = 46;

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

const digits2 = (s: string, i: number): boolean => isDigit(s, i) && isDigit(s, i + 1);

/**
 * The instant pattern, `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$`:
 * the shape only, as the schema asks; whether the date is real is the words' check (E207).
 * (charCodeAt past the end is NaN, which no comparison below accepts.)
 */
export function isInstantText(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const s = v;
  // yyyy-mm-ddThh:mm
  if (!(digits2(s, 0) && digits2(s, 2) && s.charCodeAt(4) === DASH && digits2(s, 5) && s.charCodeAt(7) === DASH && digits2(s, 8) && s.charCodeAt(10) === 84 && digits2(s, 11) && s.charCodeAt(13) === COLON && digits2(s, 14))) return false;
  let i = 16;
  if (s.charCodeAt(i) === COLON) {
    if (!digits2(s, i + 1)) return false;
    i += 3;
    if (s.charCodeAt(i) === DOT) {
      let j = i + 1;
      while (isDigit(s, j)) j++;
      if (j === i + 1 || j - i - 1 > 9) return false;
      i = j;
    }
  }
  const sign = s.charCodeAt(i);
  if (sign === 90) return i + 1 === s.length; // Z
  if (sign !== 43 && sign !== DASH) return false;
  return i + 6 === s.length && digits2(s, i + 1) && s.charCodeAt(i + 3) === COLON && digits2(s, i + 4);
}
