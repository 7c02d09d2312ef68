// The figures issue 13 sets bars for, gathered from the sections of one `npm run bench`
// and printed together at the end: each beside its bar, a miss said plainly.

export interface BarLine {
  figure: string;
  value: string;
  bar: string;
  met: boolean;
}

export function reportBars(lines: readonly BarLine[]): string {
  const rows = lines.map((l) => `| ${l.figure} | ${l.value} | ${l.bar} | ${l.met ? 'met' : 'MISSED'} |`);
  const missed = lines.filter((l) => !l.met).length;
  return ['| figure | this run | bar | |', '|---|---|---|---|', ...rows, '', `${lines.length - missed} of ${lines.length} bars met${missed > 0 ? `, ${missed} MISSED` : ''}.`].join('\n');
}
