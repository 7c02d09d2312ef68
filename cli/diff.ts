// A unified diff of two texts (`beacon fmt --diff`), in the format `diff -u` and git
// print, so it can be read as usual or applied with `patch`. Myers' algorithm on lines:
// formatting changes a few lines of a file, and its cost grows with the changes.

type Edit = { op: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The shortest edit script from a to b (Myers 1986, the greedy forward search with a trace). */
function edits(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) [x, y] = [x + 1, y + 1];
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk the trace back from the end to recover the path.
  const out: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number)) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      out.push({ op: ' ', line: a[x] as string });
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      out.push({ op: '+', line: b[y] as string });
    } else {
      x--;
      out.push({ op: '-', line: a[x] as string });
    }
  }
  return out.reverse();
}

/** `--- a/uri` / `+++ b/uri` and hunks with three lines of context; empty when the texts are equal. */
export function unifiedDiff(uri: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const script = edits(splitLines(before), splitLines(after));
  const out = [`--- a/${uri}`, `+++ b/${uri}`];
  let i = 0;
  // Line numbers (1-based) in the old and new text of script[i].
  const oldAt = [1];
  const newAt = [1];
  for (const e of script) {
    oldAt.push((oldAt.at(-1) as number) + (e.op === '+' ? 0 : 1));
    newAt.push((newAt.at(-1) as number) + (e.op === '-' ? 0 : 1));
  }
  while (i < script.length) {
    if (script[i]?.op === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change within reach.
    const start = Math.max(0, i - context);
    let end = i;
    for (let j = i; j < script.length; j++) {
      if (script[j]?.op !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(script.length, end + context + 1);
    const hunk = script.slice(start, stop);
    const oldCount = hunk.filter((e) => e.op !== '+').length;
    const newCount = hunk.filter((e) => e.op !== '-').length;
    const oldStart = oldCount === 0 ? (oldAt[start] as number) - 1 : (oldAt[start] as number);
    const newStart = newCount === 0 ? (newAt[start] as number) - 1 : (newAt[start] as number);
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...hunk.map((e) => `${e.op}${e.line}`));
    i = stop;
  }
  return `${out.join('\n')}\n`;
}
