// Regenerates engine/evaluate/ticket-validator.generated.ts from engine/schemas.ts:
// `node bin/run-ts.mjs scripts/generate-ticket-validator.ts` writes it;
// test/engine/evaluate/ticket-validator.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATED_VALIDATOR_PATH, ticketValidatorSource } from './ticket-validator-source.js';

const target = fileURLToPath(new URL(`../${GENERATED_VALIDATOR_PATH}`, import.meta.url));
writeFileSync(target, ticketValidatorSource());
console.log(`wrote ${target}`);
