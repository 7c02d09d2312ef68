// `npm run bench`: every benchmark in one run, so ratios compare figures taken
// on the same machine at the same moment.
import { benchParseCheck, reportParseCheck } from './parse-check.bench.js';

const rows = benchParseCheck([1_000, 10_000]);
console.log('## Parse + check of generated policies\n');
console.log(reportParseCheck(rows));
const broken = rows.filter((r) => r.errors > 0);
if (broken.length > 0) {
  console.error(`\nThe generated policy has check errors (${broken.map((r) => r.errors).join(', ')}): the figures are not representative.`);
  process.exitCode = 1;
}
