#!/usr/bin/env node
// `npm run build:cli` (and `prepare`, at install): compiles the sources with tsc into
// dist/ and stamps the build, so `beacon` starts from JavaScript. The fingerprint is
// taken before compiling: a file saved during the build makes the stamp stale, not wrong.
// A build already made from exactly these files is kept (`--force` compiles anyway).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { buildFingerprint, buildIsCurrent, root, sourcesFingerprint, STAMP } from './build-state.mjs';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  // Installed without dev dependencies: beacon then runs the sources through tsx.
  console.error('build:cli: typescript is not installed; skipping the build (beacon will run from source)');
  process.exit(0);
}

if (!process.argv.includes('--force') && buildIsCurrent()) {
  console.error('build:cli: dist/ is up to date (nothing changed since the last build)');
  process.exit(0);
}

const sources = sourcesFingerprint();
const build = buildFingerprint();
const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (built.status !== 0) {
  console.error('build:cli: tsc reported errors; dist/ is not stamped, so beacon keeps running from source');
  process.exit(built.status ?? 1);
}

// Chevrotain's package entry loads hundreds of small modules (about 1 s of a start on a busy
// machine); the same version ships as one ES module file, which loads in a few milliseconds.
// The compiled code imports that file; the sources (tests, tsx, the browser) keep the entry.
const entry = require.resolve('chevrotain');
const bundle = join(dirname(entry), '..', 'chevrotain.mjs');
if (existsSync(bundle)) {
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
  for (const file of walk(join(root, 'dist'))) {
    const text = readFileSync(file, 'utf8');
    if (!/from ['"]chevrotain['"]/.test(text)) continue;
    let path = relative(dirname(file), bundle).split(sep).join('/');
    if (!path.startsWith('.')) path = `./${path}`;
    writeFileSync(file, text.replace(/from ['"]chevrotain['"]/g, `from '${path}'`));
  }
}

writeFileSync(STAMP, `${JSON.stringify({ sources, build, builtAt: new Date().toISOString() })}\n`);
console.error('build:cli: dist/ is up to date');
