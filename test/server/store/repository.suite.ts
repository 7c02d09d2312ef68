// The repository suite, run on every backend by pgmem.test.ts, pglite.test.ts and
// postgres.test.ts. Tests share one migrated database and keep apart by using ids of
// their own; those that need an empty database ask the backend for a fresh one.

import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { createRepository, migrate } from '../../../server/store/index.js';
import { auditTests } from './suite/audit.js';
import { Clock, type FreshDb, type StoreBackend, type SuiteEnv } from './suite/env.js';
import { ledgerTests } from './suite/ledger.js';
import { dutyTests } from './suite/duties.js';
import { migrationTests } from './suite/migrations.js';
import { notificationTests } from './suite/notifications.js';
import { organisationTests } from './suite/organisations.js';
import { periodicTests } from './suite/periodic.js';
import { policyCommentTests } from './suite/policy-comments.js';
import { policyTests } from './suite/policies.js';
import { ticketTests } from './suite/tickets.js';
import { instantTests, textTests } from './suite/text.js';
import { uniqueTests } from './suite/uniques.js';
import { userTests } from './suite/users.js';

export type { StoreBackend, FreshDb } from './suite/env.js';

// PGlite starts in a second or two, slower on a loaded CI box; vitest's hook default is 10 s.
const HOOK_TIMEOUT = 60_000;

export function repositorySuite(backend: StoreBackend): void {
  let current: SuiteEnv | undefined;
  const env = (): SuiteEnv => {
    if (!current) throw new Error('the suite database is not open');
    return current;
  };

  let fresh: FreshDb | undefined;
  beforeAll(async () => {
    fresh = await backend.fresh();
    await migrate(fresh.db);
    const clock = new Clock();
    current = { db: fresh.db, repo: createRepository(fresh.db, { now: clock.now }), clock, backend, fresh };
  }, HOOK_TIMEOUT);

  // Every test starts at the same instant, whatever the ones before it did to the clock.
  beforeEach(() => {
    if (current) current.clock.ms = new Clock().ms;
  });

  afterAll(async () => {
    await fresh?.dispose(); // also when migrating failed
  }, HOOK_TIMEOUT);

  describe(`the store on ${backend.name}`, () => {
    migrationTests(backend);
    organisationTests(env);
    policyTests(env);
    policyCommentTests(env);
    ticketTests(env);
    ledgerTests(env);
    dutyTests(env);
    userTests(env);
    auditTests(env);
    notificationTests(env);
    periodicTests(env);
    textTests(env);
    instantTests(env);
    uniqueTests(env);
  });
}
