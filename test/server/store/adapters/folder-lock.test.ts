// beacon.lock after a kill -9: the PID it names may be alive again as another process
// (PID reuse, common in containers), and the lock must then be taken over; a lock held
// by a live beacon must still be refused with a message saying what to do.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, processStart, takeFolderLock, thisProcess, type LockHolder } from '../../../../server/store/adapters/folder-lock.js';
import { StoreError } from '../../../../server/store/index.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const folders: string[] = [];
const children: ChildProcess[] = [];

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-lock-'));
  folders.push(dir);
  return dir;
}

function writeLock(dir: string, holder: LockHolder | string): void {
  writeFileSync(join(dir, LOCK_FILE), typeof holder === 'string' ? holder : JSON.stringify(holder));
}

/** Waits until `child` writes `line` to its stdout. */
function started(child: ChildProcess, line: string): Promise<void> {
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes(line)) ok();
    });
    child.once('exit', (code) => fail(new Error(`the child ended (${code}) before saying "${line}": ${out}`)));
  });
}

/** A live process that is not a beacon: what a reused PID belongs to. */
async function otherProcess(): Promise<ChildProcess> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((ok) => child.once('spawn', ok));
  return child;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('beacon.lock', () => {
  it('names this process by PID, start time, boot and host', () => {
    const dir = folder();
    const release = takeFolderLock(dir);
    try {
      const written = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder;
      expect(written).toEqual(thisProcess());
      expect(written.pid).toBe(process.pid);
      if (existsSync('/proc/self/stat')) expect(written.start).toMatch(/^\d+$/);
    } finally {
      release();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('is refused to a second taker in the same process, naming this one', () => {
    const dir = folder();
    const release = takeFolderLock(dir);
    try {
      expect(() => takeFolderLock(dir)).toThrow(StoreError);
      expect(() => takeFolderLock(dir)).toThrow(/in use by process \d+ \(this one\)/);
    } finally {
      release();
    }
  });

  describe.runIf(existsSync('/proc/self/stat'))('left behind by a beacon killed with -9', () => {
    it('is taken over when its PID now belongs to another process, started at another time', async () => {
      const dir = folder();
      const reused = await otherProcess();
      const start = processStart(reused.pid!);
      expect(start).not.toBeNull();
      writeLock(dir, { ...thisProcess(), pid: reused.pid!, start: String(Number(start) - 1) });
      const release = takeFolderLock(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
      release();
    });

    it('is taken over when it names our own PID, which this process does not hold (a previous life, PID 1 in a container)', () => {
      const dir = folder();
      writeLock(dir, { ...thisProcess(), start: '1' });
      takeFolderLock(dir)();
      writeLock(dir, thisProcess()); // even with our start time: we do not hold it
      takeFolderLock(dir)();
    });

    it('is taken over when it was written in another boot', async () => {
      const dir = folder();
      const live = await otherProcess();
      writeLock(dir, { pid: live.pid!, start: processStart(live.pid!), boot: 'another-boot', host: thisProcess().host });
      takeFolderLock(dir)();
    });

    it('is taken over when its PID is dead', async () => {
      const dir = folder();
      const gone = await otherProcess();
      const pid = gone.pid!;
      gone.kill('SIGKILL');
      await new Promise((ok) => gone.once('exit', ok));
      writeLock(dir, { ...thisProcess(), pid, start: '1' });
      takeFolderLock(dir)();
    });

    it('is taken over when it cannot be read (a half-written lock is never left by us, but a disk may)', () => {
      const dir = folder();
      writeLock(dir, '');
      takeFolderLock(dir)();
    });
  });

  describe.runIf(existsSync('/proc/self/stat'))('held by a live process', () => {
    it('is refused while a beacon process holds it, with what to do; taken once that process is killed', async () => {
      const dir = folder();
      const script = `
        import { takeFolderLock } from ${JSON.stringify(join(ROOT, 'server/store/adapters/folder-lock.ts'))};
        takeFolderLock(${JSON.stringify(dir)});
        console.log('holding');
        setInterval(() => undefined, 1000);
      `;
      const scriptFile = join(dir, 'hold.mts'); // .mts: an ES module wherever the folder is
      writeFileSync(scriptFile, script);
      const holder = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), scriptFile], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(holder);
      await started(holder, 'holding');
      expect(() => takeFolderLock(dir)).toThrow(
        new RegExp(`data folder .* is in use by process ${holder.pid}: one process at a time opens a PGlite folder; stop that one .* or use PostgreSQL \\(DATABASE_URL\\).*remove .*beacon\\.lock`),
      );
      holder.kill('SIGKILL');
      await new Promise((ok) => holder.once('exit', ok));
      takeFolderLock(dir)(); // kill -9 left the lock; its PID is dead now
    });

    it('is refused when it names a live process that started when the lock says', async () => {
      const dir = folder();
      const live = await otherProcess();
      writeLock(dir, { ...thisProcess(), pid: live.pid!, start: processStart(live.pid!) });
      expect(() => takeFolderLock(dir)).toThrow(new RegExp(`in use by process ${live.pid}:`));
    });

    it('is refused when an older lock (a PID alone) names a live process: nothing tells it from the holder', async () => {
      const dir = folder();
      const live = await otherProcess();
      writeLock(dir, String(live.pid));
      expect(() => takeFolderLock(dir)).toThrow(new RegExp(`in use by process ${live.pid}:`));
    });

    it('is refused when it names another host, whose processes cannot be seen from here', () => {
      const dir = folder();
      writeLock(dir, { ...thisProcess(), pid: 1, host: 'another-host' });
      expect(() => takeFolderLock(dir)).toThrow(/in use by process 1 on host another-host:/);
    });
  });
});
