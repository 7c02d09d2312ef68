import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

// The README's shell examples, run as written from a copy of the repository: `npx beacon`
// runs the bin as npx would (node bin/beacon.mjs, without npx's own start-up), the service
// the import and curl examples talk to is `npm start` on a free port (PORT=0) in place of
// 8080, BEACON_KEY is a key made with `beacon key add`, and the sample has 2,000 tickets
// rather than 20,000 (importing 20,000 into PGlite takes minutes on a busy machine).
// `npm install` and `npm test` are what runs this test, so they are the two lines not run here.
describe('the shell examples in README.md', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const lines = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
    .flatMap((m) => (m[1] as string).split('\n'))
    .map((l) => l.replace(/\s+#\s.*$/, '').trim())
    .filter((l) => l !== '' && !/^npm (install|test)\b/.test(l));
  const cwd = mkdtempSync(join(tmpdir(), 'beacon-readme-'));
  const env: NodeJS.ProcessEnv = { ...process.env, BEACON_DATA_DIR: join(cwd, 'data'), LOG_LEVEL: 'info', PORT: '0', BEACON_TEST_PASSWORD: 'a long enough secret' };
  let service: { npm: ChildProcess; url: string; log: () => string } | undefined;

  const asRun = (line: string): string =>
    line
      .replace(/\bnpx beacon\b/g, `node ${join(root, 'bin/beacon.mjs')}`)
      .replace(/(localhost|127\.0\.0\.1):8080/g, service?.url.replace('http://', '') ?? '$&')
      .replace(/^(npm run sample -- --count) 20000\b/, '$1 2000');
  const sh = (line: string) => spawnSync('sh', ['-c', asRun(line)], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });

  beforeAll(async () => {
    // A copy of the repository to run in: the examples write sample/ and data/ where they run.
    for (const entry of readdirSync(root)) if (!['sample', 'data', '.git', 'coverage'].includes(entry)) symlinkSync(join(root, entry), join(cwd, entry));
    const user = sh('npx beacon user add --role admin --password-env BEACON_TEST_PASSWORD ada');
    expect(user.status, user.stderr).toBe(0);
    const key = sh('npx beacon key add readme');
    expect(key.status, key.stderr).toBe(0);
    env.BEACON_KEY = key.stdout.trim();
  }, 120_000);

  afterAll(() => {
    if (service && service.npm.exitCode === null) service.npm.kill('SIGKILL');
  });

  it('include the examples of the command line, npm start and the API', () => {
    expect(lines.some((l) => l.startsWith('npx beacon simulate'))).toBe(true);
    expect(lines.some((l) => l.startsWith('npm run sample'))).toBe(true);
    expect(lines.some((l) => l.startsWith('curl'))).toBe(true);
    expect(readme).toContain('npm install && npm start');
  });

  /** `npm start` in the copy, once it listens; detached, so it has a process group to Ctrl-C. */
  async function npmStart(): Promise<NonNullable<typeof service>> {
    const npm = spawn('npm', ['start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let log = '';
    npm.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    npm.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const url = await new Promise<string>((ok, fail) => {
      npm.on('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${log}`)));
      const look = setInterval(() => {
        const m = /Beacon listening on (http:\/\/[^"\s]+)/.exec(log);
        if (m) {
          clearInterval(look);
          ok(m[1] as string);
        }
      }, 50);
    });
    return { npm, url, log: () => log };
  }

  /** Sends the signal, waits for npm to exit and the service to log that it stopped. */
  async function stop(running: NonNullable<typeof service>, signal: NodeJS.Signals, toGroup: boolean): Promise<void> {
    const exited = new Promise<void>((ok) => running.npm.on('exit', () => ok()));
    if (toGroup) process.kill(-(running.npm.pid as number), signal);
    else running.npm.kill(signal);
    await exited;
    await vi.waitFor(() => expect(running.log()).toContain('"msg":"stopped"'), { timeout: 30_000, interval: 100 });
  }

  it('npm start serves on PORT', async () => {
    service = await npmStart();
    expect(service.url).not.toMatch(/:8080$/);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it.each(lines.filter((l) => !/^npm (start|install)|&& npm start/.test(l)))('%s: exits 0', (line) => {
    const r = sh(line);
    expect(r.status, `${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`).toBe(0);
    if (line.startsWith('curl')) expect(JSON.parse(r.stdout).ticketId).toBe('JX-2026-0930-017');
    if (line.startsWith('npm run sample')) {
      // Only properties that ship a policy get tickets, so the whole history imports.
      const shipped = new Set(shippedPolicies().flatMap((p) => /^property (\S+)/m.exec(p.text)?.[1] ?? []));
      const seen = new Set(readFileSync(join(cwd, 'sample/tickets.ndjson'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { property: string }).property));
      expect([...seen].filter((p) => !shipped.has(p))).toEqual([]);
    }
    if (line.includes('beacon import')) expect(r.stderr).toMatch(/, 0 rejected;/);
  }, 300_000);

  it('npm start stops cleanly on SIGTERM sent to npm alone (a service manager), releasing the data folder', async () => {
    await stop(service as NonNullable<typeof service>, 'SIGTERM', false);
    // Only one process may hold a PGlite folder: a key can be made once the service let go of it.
    const r = sh('npx beacon key add after-sigterm');
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  it('npm start stops cleanly on Ctrl-C (SIGINT to its process group), releasing the data folder', async () => {
    service = await npmStart();
    await stop(service, 'SIGINT', true);
    const r = sh('npx beacon key add after-sigint');
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
});
