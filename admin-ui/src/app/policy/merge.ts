// Re-applying an edit on a newer base (the server's 409 for a stale draft): a three-way
// merge by lines. The user's changes (base → mine) and the newer version's (base →
// theirs) are each a list of hunks; when no hunk of one touches the lines of a hunk of
// the other, both apply and the result is returned; otherwise it is a conflict, and the
// page shows both texts rather than guess.

/** base[start, end) replaced by `lines`. */
export interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

export function splitLines(text: string): string[] {
  return text.split('\n');
}

/** The hunks that turn `a` into `b`, from a longest common subsequence of lines. */
export function hunks(a: readonly string[], b: readonly string[]): Hunk[] {
  // Common head and tail first: edits are usually small, so the table stays small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = a[head + i] === b[head + j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    }
  }
  const out: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | undefined;
  const close = (): void => {
    if (open) out.push(open);
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      close();
      i++;
      j++;
    } else if (j < m && (i === n || lcs[at(i, j + 1)]! >= lcs[at(i + 1, j)]!)) {
      open ??= { start: head + i, end: head + i, lines: [] };
      open.lines.push(b[head + j]!);
      j++;
    } else {
      open ??= { start: head + i, end: head + i, lines: [] };
      open.end = head + i + 1;
      i++;
    }
  }
  close();
  return out;
}

/** Whether two hunks on the same base touch: overlapping lines, or insertions at one place. */
function touch(x: Hunk, y: Hunk): boolean {
  if (x.start === x.end && y.start === y.end) return x.start === y.start;
  return x.start < y.end && y.start < x.end ? true : x.start === x.end ? x.start > y.start && x.start < y.end : y.start > x.start && y.start < x.end;
}

export type MergeResult = { ok: true; text: string } | { ok: false; conflicts: number };

export function merge3(base: string, mine: string, theirs: string): MergeResult {
  const b = splitLines(base);
  const ours = hunks(b, splitLines(mine));
  const their = hunks(b, splitLines(theirs));
  const conflicts = ours.filter((x) => their.some((y) => touch(x, y) && !(x.start === y.start && x.end === y.end && x.lines.join('\n') === y.lines.join('\n'))));
  if (conflicts.length > 0) return { ok: false, conflicts: conflicts.length };
  // The same change made on both sides applies once.
  const all = [...ours, ...their.filter((y) => !ours.some((x) => x.start === y.start && x.end === y.end && x.lines.join('\n') === y.lines.join('\n')))];
  all.sort((x, y) => x.start - y.start || x.end - y.end);
  const out: string[] = [];
  let at = 0;
  for (const h of all) {
    out.push(...b.slice(at, h.start), ...h.lines);
    at = Math.max(at, h.end);
  }
  out.push(...b.slice(at));
  return { ok: true, text: out.join('\n') };
}
