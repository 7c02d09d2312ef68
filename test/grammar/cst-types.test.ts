import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cstTypesSource } from '../../grammar/cst-types-source.js';

describe('grammar/cst.generated.ts', () => {
  it('matches the CST types generated from the current grammar (run `npm run gen:cst` if not)', () => {
    const onDisk = readFileSync(new URL('../../grammar/cst.generated.ts', import.meta.url), 'utf8');
    expect(onDisk.replace(/\r\n/g, '\n'), 'grammar/cst.generated.ts is stale: run `npm run gen:cst`').toBe(cstTypesSource());
  });

  it('declares a node type for every rule of the grammar', () => {
    const source = cstTypesSource();
    for (const rule of ['file', 'declaration', 'clockDecl', 'targetRow', 'condition', 'operand', 'testDecl']) {
      const type = `${rule[0]?.toUpperCase()}${rule.slice(1)}CstNode`;
      expect(source).toContain(`export interface ${type} extends CstNode`);
    }
  });
});
