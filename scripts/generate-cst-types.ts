// Regenerates grammar/cst.generated.ts from the parser's productions.
// `npm run gen:cst` writes it; test/grammar/cst-types.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cstTypesSource } from '../grammar/cst-types-source.js';

const target = fileURLToPath(new URL('../grammar/cst.generated.ts', import.meta.url));
writeFileSync(target, cstTypesSource());
console.log(`wrote ${target}`);
