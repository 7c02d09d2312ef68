// `beacon.lock`: one process at a time opens a PGlite data folder.
//
// The file names its holder by more than a PID, because PIDs are reused: a beacon killed
// with -9 leaves its lock behind, and in a container the next start often gets the very
// same PID (1, say), or another process takes it. So the lock records the PID, the
// process's start time (field 22 of /proc/<pid>/stat, in clock ticks since boot), the
// boot it ran in (/proc/sys/kernel/random/boot_id) and the host name. A lock is stale,
// and taken over, when its holder cannot be running any more:
// - it ran in another boot of this machine;
// - or, on this host, its PID is dead, or now belongs to a process that started at
//   another time, or is our own PID while this process does not hold the folder (a
//   previous life of ours under the same PID).
// A lock naming another host (a folder on a shared volume) is never taken over: nothing
// here can tell whether that process lives. Where /proc is missing (not Linux), the start
// time is unknown and a live PID is taken as the holder, as before.

import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../errors.js';

export const LOCK_FILE = 'beacon.lock';

/** What a lock file says about its holder. Older locks hold the PID alone. */
export interface LockHolder {
  pid: number;
  /** Start time in clock ticks after boot; null where /proc does not say. */
  start: string | null;
  boot: string | null;
  host: string | null;
}

/** Folders this process holds, so a second open in the same process is refused, not taken over. */
const held = new Set<string>();

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** A process's start time (field 22 of /proc/<pid>/stat); null when unknown or the process is gone. */
export function processStart(pid: number): string | null {
  return readOr(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name (field 2) is in parentheses and may hold spaces or parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // field 22 overall; fields[0] here is field 3
  }, null);
}

function bootId(): string | null {
  return readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null, null);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process as a lock holder. */
export function thisProcess(): LockHolder {
  return { pid: process.pid, start: processStart(process.pid), boot: bootId(), host: hostname() };
}

function parseHolder(text: string): LockHolder | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), start: null, boot: null, host: null };
  const data = readOr(() => JSON.parse(trimmed) as Partial<Record<keyof LockHolder, unknown>>, null);
  if (!data || !Number.isSafeInteger(data.pid) || (data.pid as number) <= 0) return null;
  const text_ = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return { pid: data.pid as number, start: text_(data.start), boot: text_(data.boot), host: text_(data.host) };
}

/**
 * Whether the process a lock names may still be running (and holding the folder), seen
 * from this process. `folder` is the absolute folder; `me` is this process.
 */
export function holderMayLive(holder: LockHolder, folder: string, me: LockHolder = thisProcess()): boolean {
  if (holder.boot !== null && me.boot !== null && holder.boot !== me.boot) return false; // it ran before a reboot
  if (holder.host !== null && me.host !== null && holder.host !== me.host) return true; // cannot tell: keep out
  if (holder.pid === me.pid) return held.has(folder);
  if (!processAlive(holder.pid)) return false;
  if (holder.start === null) return true; // an older lock, or no /proc: a live PID is all we know
  const start = processStart(holder.pid);
  return start === null || start === holder.start;
}

function describe(holder: LockHolder, me: LockHolder): string {
  const where = holder.host !== null && me.host !== null && holder.host !== me.host ? ` on host ${holder.host}` : '';
  return `process ${holder.pid}${where}${holder.pid === me.pid && where === '' ? ' (this one)' : ''}`;
}

/**
 * Creates `file` holding `text`, failing with EEXIST when it exists: written beside it
 * first and linked into place, so nobody ever reads a half-written lock.
 */
function createWith(file: string, text: string): void {
  const draft = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(draft, text, { flag: 'wx' });
  try {
    linkSync(draft, file);
  } finally {
    rmSync(draft, { force: true });
  }
}

/** Takes `dir/beacon.lock` for this process, or throws when a live process holds it; returns the release. */
export function takeFolderLock(folder: string): () => void {
  const file = join(folder, LOCK_FILE);
  const me = thisProcess();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      createWith(file, `${JSON.stringify(me)}\n`);
      held.add(folder);
      return () => {
        held.delete(folder);
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError(`cannot lock data folder ${folder}: ${(e as Error).message}`, { cause: e });
      }
      const text = readOr(() => readFileSync(file, 'utf8'), '');
      const holder = parseHolder(text);
      if (holder && holderMayLive(holder, folder, me)) {
        throw new StoreError(
          `data folder ${folder} is in use by ${describe(holder, me)}: ` +
            'one process at a time opens a PGlite folder; stop that one (a running beacon serve?) first, or use PostgreSQL (DATABASE_URL), which several processes share' +
            ` (if no beacon runs there, remove ${file})`,
        );
      }
      // Left by a process that ended without closing. Removed only if it still says what
      // we judged: another starter may have replaced it meanwhile.
      if (readOr(() => readFileSync(file, 'utf8'), '') === text) rmSync(file, { force: true });
    }
  }
  throw new StoreError(`cannot lock data folder ${folder}: another process took it at the same moment`);
}
