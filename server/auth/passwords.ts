// Password hashing behind a gate. Each scrypt at the stored cost takes about half a
// second of a core and 128 MiB: unauthenticated sign-ins to many names, each paying one,
// took the cores the evaluations need (their p99 rose from 73 ms to 411 ms). So at most
// `concurrency` hashes run at once (scrypt itself runs on libuv's pool, never on the event
// loop), a few more wait their turn, and beyond that the request is refused at once with a
// 503 and Retry-After instead of queueing without bound.
import { availableParallelism } from 'node:os';
import { hashPassword, PASSWORD_COST, passwordNeedsRehash, verifyPassword, type ScryptCost } from '../store/index.js';
import { BusyError } from './errors.js';

export interface PasswordOptions {
  /** The cost new hashes are made at (and older ones raised to at sign-in); PASSWORD_COST by default. */
  cost?: ScryptCost;
  /** Hashes at once: half the cores by default, at least one. */
  concurrency?: number;
  /** Hashes that may wait for a turn; more are refused (BusyError). 8 by default. */
  queue?: number;
}

export interface Passwords {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** For a name that does not exist: as long as a wrong password takes, and always false. */
  verifyNobody(password: string): Promise<false>;
  /** The stored hash is of a lower cost than new ones: hash again once the password is known right. */
  needsRehash(stored: string): boolean;
  /** Hashes running and waiting now. */
  readonly load: { running: number; waiting: number };
}

export function createPasswords(options: PasswordOptions = {}): Passwords {
  const cost = options.cost ?? PASSWORD_COST;
  const concurrency = options.concurrency ?? Math.max(1, Math.floor(availableParallelism() / 2));
  const queue = options.queue ?? 8;
  let running = 0;
  const waiting: (() => void)[] = [];

  const gated = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) {
      if (waiting.length >= queue) throw new BusyError(1);
      await new Promise<void>((turn) => waiting.push(turn));
    } else {
      running++;
    }
    try {
      return await work();
    } finally {
      // The turn passes to the next waiter as is; only when none waits does the count fall.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };

  // Compared against when the name is unknown, so a wrong name costs as long as a wrong password.
  let decoy: Promise<string> | undefined;

  return {
    hash: (password) => gated(() => hashPassword(password, cost)),
    verify: (password, stored) => gated(() => verifyPassword(password, stored)),
    async verifyNobody(password) {
      // Made once, outside the gate (a turn held while waiting for another would deadlock).
      const stored = await (decoy ??= hashPassword('decoy password', cost));
      await gated(() => verifyPassword(password, stored));
      return false;
    },
    needsRehash: (stored) => passwordNeedsRehash(stored, cost),
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}
