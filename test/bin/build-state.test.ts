// When `beacon` may run dist/ and when it must fall back to the sources.
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFingerprint, buildIsCurrent, buildState, sourcesFingerprint, stampOf } from '../../bin/build-state.mjs';
import { tempTree } from '../cli/helpers.js';

/** A checkout with sources and a build stamped with their fingerprint. */
function built(): string {
  const dir = tempTree({ 'grammar/a.ts': 'export const a = 1;\n', 'cli/main.ts': 'export {};\n', 'dist/cli/main.js': 'export {};\n' });
  writeFileSync(stampOf(dir), JSON.stringify({ sources: sourcesFingerprint(dir) }));
  return dir;
}

describe('buildState', () => {
  it('is fresh when the stamp matches the sources', () => {
    expect(buildState(built())).toBe('fresh');
  });

  it('is stale when a source changed, was touched, was added or was renamed', () => {
    const edited = built();
    writeFileSync(join(edited, 'grammar/a.ts'), 'export const a = 2;\n');
    expect(buildState(edited)).toBe('stale');
    const touched = built();
    utimesSync(join(touched, 'cli/main.ts'), new Date(), new Date(Date.now() + 5000));
    expect(buildState(touched)).toBe('stale');
    const added = built();
    writeFileSync(join(added, 'cli/new.ts'), '');
    expect(buildState(added)).toBe('stale');
    const renamed = built();
    renameSync(join(renamed, 'grammar/a.ts'), join(renamed, 'grammar/b.ts'));
    expect(buildState(renamed)).toBe('stale');
  });

  it('is missing without a build or without a stamp (a build tsc reported errors for)', () => {
    expect(buildState(tempTree({ 'cli/main.ts': '' }))).toBe('missing');
    expect(buildState(tempTree({ 'cli/main.ts': '', 'dist/cli/main.js': '' }))).toBe('missing');
  });

  it('is fresh for a package shipped built, without sources', () => {
    const dir = tempTree({ 'dist/cli/main.js': '' });
    writeFileSync(stampOf(dir), JSON.stringify({ sources: 'whatever' }));
    expect(buildState(dir)).toBe('fresh');
  });
});

describe('buildIsCurrent (whether build:cli may skip tsc)', () => {
  /** A checkout whose stamp records the build fingerprint of what it holds. */
  function stamped(): string {
    const dir = tempTree({ 'grammar/a.ts': '', 'bench/run.ts': '', 'tsconfig.json': '{}', 'dist/cli/main.js': '', 'dist/grammar/a.js': '', 'dist/bench/run.js': '' });
    writeFileSync(stampOf(dir), JSON.stringify({ sources: sourcesFingerprint(dir), build: buildFingerprint(dir) }));
    return dir;
  }

  it('is current when the stamp holds the fingerprint of everything the build reads', () => {
    expect(buildIsCurrent(stamped())).toBe(true);
  });

  it('is not current when a bench file or the compiler settings changed, though the command\'s sources did not', () => {
    const bench = stamped();
    writeFileSync(join(bench, 'bench/run.ts'), 'export {};\n');
    expect(buildState(bench)).toBe('fresh');
    expect(buildIsCurrent(bench)).toBe(false);
    const settings = stamped();
    writeFileSync(join(settings, 'tsconfig.json'), '{"compilerOptions":{}}');
    expect(buildIsCurrent(settings)).toBe(false);
  });

  it('is not current when a folder of the build was deleted, though the stamp matches', () => {
    const dir = stamped();
    rmSync(join(dir, 'dist/bench'), { recursive: true });
    expect(buildIsCurrent(dir)).toBe(false);
  });

  it('is not current for a stamp written before builds were fingerprinted, or without a build', () => {
    const old = stamped();
    writeFileSync(stampOf(old), JSON.stringify({ sources: sourcesFingerprint(old) }));
    expect(buildIsCurrent(old)).toBe(false);
    expect(buildIsCurrent(tempTree({ 'grammar/a.ts': '' }))).toBe(false);
  });
});

describe('bin/beacon.mjs', () => {
  it('answers from any folder', () => {
    const bin = fileURLToPath(new URL('../../bin/beacon.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [bin, '--version'], { cwd: tempTree({}), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^beacon \d+\.\d+\.\d+\n$/);
  });
});
