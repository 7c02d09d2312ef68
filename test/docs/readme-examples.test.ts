import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSources, type SourceFile } from '../../engine/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function slaBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sla\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
}

function shippedPolicies(dir = join(root, 'policies')): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? shippedPolicies(join(dir, e.name)) : e.name.endsWith('.sla') ? [{ uri: join(dir, e.name), text: readFileSync(join(dir, e.name), 'utf8') }] : [],
  );
}

describe.each(['README.md', 'grammar/README.md'])('the examples in %s', (file) => {
  const blocks = slaBlocks(readFileSync(join(root, file), 'utf8'));

  it('exist', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b, i) => [i + 1, b]))('example %i checks without errors against the shipped policies', (_, text) => {
    // The shipped group may share the example's id; the example stands alone under another uri.
    const others = shippedPolicies().filter((p) => !text.includes(`group ${/group (\S+)/.exec(readFileSync(p.uri, 'utf8'))?.[1]} `));
    const result = checkSources([...others, { uri: 'example.sla', text }]);
    const problems = result.diagnostics.filter((d) => d.uri === 'example.sla' && d.severity === 'error');
    expect(problems.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([]);
  });
});
