import type { Db } from './db.js';

/** What every part of the repository works with. */
export interface StoreContext {
  db: Db;
  /** The clock (the server's; tests pass a fixed one). */
  now: () => Date;
  /** New ids for versions, users and keys. */
  newId: () => string;
}
