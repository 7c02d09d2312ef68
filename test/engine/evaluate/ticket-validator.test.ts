// The ticket validator is generated ahead of time (no `eval` in a browser); this keeps
// the committed module in step with engine/schemas.ts, and keeps it free of anything a
// browser bundle cannot load.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_VALIDATOR_PATH, ticketValidatorSource } from '../../../scripts/ticket-validator-source.js';

const onDisk = () => readFileSync(new URL(`../../../${GENERATED_VALIDATOR_PATH}`, import.meta.url), 'utf8').replace(/\r\n/g, '\n');

describe('engine/evaluate/ticket-validator.generated.ts', () => {
  it('matches the validator generated from the current ticket schema (run `node bin/run-ts.mjs scripts/generate-ticket-validator.ts` if not)', () => {
    expect(onDisk(), `${GENERATED_VALIDATOR_PATH} is stale: run node bin/run-ts.mjs scripts/generate-ticket-validator.ts`).toBe(ticketValidatorSource());
  });

  it('requires and imports nothing, and compiles no code at run time', () => {
    const source = onDisk();
    expect(source).not.toMatch(/\brequire\s*\(/);
    expect(source).not.toMatch(/^\s*import\b/m);
    expect(source).not.toMatch(/\bnew Function\b|\beval\s*\(/);
  });
});
