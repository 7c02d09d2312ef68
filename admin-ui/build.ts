// Builds the admin UI when its build is missing or stale, judged by a stamp: a hash of
// every file the bundle is made from (the UI's sources, grammar/, engine/, the lockfile)
// written beside the build. `npm install` runs this (the root `prepare` script) and so
// does `beacon serve` before it listens, so a new clone or a pull needs no extra command.
// Vite is loaded only when a build is needed: where it is not installed (a production
// install without dev dependencies) the answer is a message saying what to run.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The repository this file belongs to: the nearest folder above it with the UI's sources.
 * This file also runs compiled, from dist/admin-ui/ (the `beacon` command imports it), where
 * the folder beside it holds no sources.
 */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const up = dirname(dir);
    if (existsSync(join(up, 'admin-ui', 'index.html'))) return up;
    if (up === dir) throw new Error('admin-ui/build: cannot find the repository (no admin-ui/index.html above this file)');
    dir = up;
  }
}

const REPO = repoRoot();
export const UI_ROOT = join(REPO, 'admin-ui');
export const UI_DIST = join(UI_ROOT, 'dist');
const STAMP = join(UI_DIST, '.build-stamp.json');

/** What the bundle is made from: folders walked for these extensions, and single files. */
const SOURCE_DIRS = ['admin-ui/src', 'grammar', 'engine'];
const SOURCE_FILES = ['admin-ui/index.html', 'admin-ui/vite.config.ts', 'admin-ui/build.ts', 'package-lock.json'];
const SOURCE_EXT = /\.(ts|js|mjs|css|html|json|svg)$/;

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (SOURCE_EXT.test(entry.name)) out.push(path);
  }
}

/** A hash of the sources' paths and contents, in a fixed order. */
export function sourcesHash(repo = REPO): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) walk(join(repo, dir), files);
  for (const file of SOURCE_FILES) if (existsSync(join(repo, file))) files.push(join(repo, file));
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(repo, f).split('\\').join('/')).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(repo, file))).update('\0');
  }
  return hash.digest('hex');
}

export type BuildState = 'fresh' | 'stale' | 'missing';

export function buildState(): BuildState {
  if (!existsSync(join(UI_DIST, 'index.html')) || !existsSync(STAMP)) return 'missing';
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as { sources?: unknown };
    return stamp.sources === sourcesHash() ? 'fresh' : 'stale';
  } catch {
    return 'stale';
  }
}

/** Builds with Vite; the stamp is written last, so an interrupted build stays stale. */
export async function buildUi(log: (line: string) => void = console.error): Promise<{ ms: number }> {
  const started = Date.now();
  const sources = sourcesHash();
  const vite = await import('vite');
  await vite.build({ configFile: join(UI_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(STAMP, `${JSON.stringify({ sources, builtAt: new Date().toISOString() })}\n`);
  const ms = Date.now() - started;
  log(`admin UI built into ${relative(REPO, UI_DIST)} in ${(ms / 1000).toFixed(1)} s`);
  return { ms };
}

async function viteInstalled(): Promise<boolean> {
  try {
    await import('vite');
    return true;
  } catch {
    return false;
  }
}

export type EnsureResult = 'fresh' | 'built' | 'unavailable';

/** Builds when missing or stale and Vite is there; otherwise says what to do and leaves it. */
export async function ensureUiBuilt(log: (line: string) => void = console.error): Promise<EnsureResult> {
  const state = buildState();
  if (state === 'fresh') return 'fresh';
  if (!(await viteInstalled())) {
    log(
      state === 'missing'
        ? 'The admin UI is not built and Vite is not installed: run `npm install` (with dev dependencies) and then `npm run build:ui`. The API works without it.'
        : 'The admin UI build is older than its sources and Vite is not installed: the old build is served. Run `npm install` and `npm run build:ui` to rebuild.',
    );
    return 'unavailable';
  }
  log(state === 'missing' ? 'building the admin UI (first start)…' : 'the admin UI changed since its last build: rebuilding…');
  await buildUi(log);
  return 'built';
}

// `node bin/run-ts.mjs admin-ui/build.ts [--force]`: what `npm install` and `npm run build:ui` run.
if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const force = process.argv.includes('--force');
  try {
    if (force) await buildUi();
    else await ensureUiBuilt();
  } catch (e) {
    console.error(`The admin UI build failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
