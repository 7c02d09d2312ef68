// Whether dist/ holds a build of the sources as they are now. The build writes a stamp
// (a fingerprint of every source file's path, size and modification time); the `beacon`
// command compares it with the sources at each start. That costs a few stat calls
// (milliseconds), where reading or hashing the sources would cost more than the start.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
/** The layers the command is built from (bench/ and scripts/ do not affect it). */
const SOURCE_DIRS = ['grammar', 'engine', 'server', 'cli'];
/** Single files the command imports from elsewhere (`serve` rebuilds the admin UI when stale). */
const SOURCE_FILES = ['admin-ui/build.ts'];
/**
 * What `npm run build:cli` compiles (tsconfig.build.json's folders) and what shapes its output:
 * the compiler settings, the locked compiler version and the build script itself.
 */
const BUILD_DIRS = [...SOURCE_DIRS, 'bench', 'scripts'];
const BUILD_FILES = [...SOURCE_FILES, 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'bin/build-cli.mjs'];
export const stampOf = (dir) => join(dir, 'dist', '.cli-build.json');
export const distMainOf = (dir) => join(dir, 'dist', 'cli', 'main.js');
export const STAMP = stampOf(root);
export const DIST_MAIN = distMainOf(root);

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(ts|mts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
}

/** A fingerprint of the sources; undefined when there are none (a package shipped built). */
export function sourcesFingerprint(base = root) {
  return fingerprint(base, SOURCE_DIRS, SOURCE_FILES);
}

/**
 * A fingerprint of everything the build reads. `build:cli` skips tsc when its stamp holds this
 * one: `npx beacon` installs the checkout into npm's cache at its first call and so runs
 * `prepare`, which would otherwise spend seconds recompiling a build that is already there.
 */
export function buildFingerprint(base = root) {
  return fingerprint(base, BUILD_DIRS, BUILD_FILES);
}

function fingerprint(base, dirs, singles) {
  const files = [];
  for (const dir of dirs) if (existsSync(join(base, dir))) walk(join(base, dir), files);
  if (files.length === 0) return undefined;
  for (const file of singles) if (existsSync(join(base, file))) files.push(join(base, file));
  const hash = createHash('sha1');
  // A rename keeps the modification time, so the paths are part of the fingerprint too.
  for (const file of files.sort()) {
    const s = statSync(file);
    hash.update(`${file.slice(base.length)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Whether dist/ was built from exactly what is here now, so `build:cli` has nothing to do. */
export function buildIsCurrent(base = root) {
  if (!existsSync(distMainOf(base)) || !existsSync(stampOf(base))) return false;
  // A folder of the build deleted by hand (dist/bench, say) is rebuilt, though the stamp matches.
  for (const dir of BUILD_DIRS) if (existsSync(join(base, dir)) && !existsSync(join(base, 'dist', dir))) return false;
  try {
    return JSON.parse(readFileSync(stampOf(base), 'utf8')).build === buildFingerprint(base);
  } catch {
    return false;
  }
}

/** 'fresh' (run dist/), 'stale' (dist/ is older than the sources) or 'missing' (never built). */
export function buildState(base = root) {
  if (!existsSync(distMainOf(base)) || !existsSync(stampOf(base))) return 'missing';
  const now = sourcesFingerprint(base);
  if (now === undefined) return 'fresh';
  try {
    return JSON.parse(readFileSync(stampOf(base), 'utf8')).sources === now ? 'fresh' : 'stale';
  } catch {
    return 'stale';
  }
}
