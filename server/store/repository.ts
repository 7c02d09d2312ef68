// The repository: every typed operation of the store over one Db handle. Routes get it
// injected and never see SQL or a driver.

import { randomUUID } from 'node:crypto';
import { accessStore, type AccessStore } from './access.js';
import { auditStore, type AuditStore } from './audit.js';
import type { StoreContext } from './context.js';
import type { Db, Listener } from './db.js';
import { companyShareStore, type CompanyShareStore } from './company-share.js';
import { dutyStore, type DutyStore } from './duties.js';
import { ledgerStore, type LedgerStore } from './ledger.js';
import { reversalStore, type ReversalStore } from './reversals.js';
import { organisationStore, type OrganisationStore } from './organisations.js';
import { periodicStore, type PeriodicStore } from './periodic.js';
import { policyStore, type PolicyStore } from './policies.js';
import { ticketStore, type TicketStore } from './tickets.js';
import { ticketStatusStore, type TicketStatusStore } from './ticket-status.js';
import { notificationStore, type NotificationStore } from './notifications.js';
import { userStore, type UserStore } from './users.js';
import { unitLedgerStore, type UnitLedgerStore } from './unit-ledger.js';

export interface Repository
  extends OrganisationStore,
    PolicyStore,
    TicketStore,
    TicketStatusStore,
    NotificationStore,
    LedgerStore,
    UserStore,
    AccessStore,
    AuditStore,
    PeriodicStore,
    DutyStore,
    ReversalStore,
    CompanyShareStore,
    UnitLedgerStore {
  /** Runs `fn` with a repository whose every operation is part of one transaction. */
  transaction<T>(fn: (repo: Repository) => Promise<T>): Promise<T>;
  /** Hears the changes the repository announces (CHANNELS in notify.ts), from this instance or another. */
  listen(channel: string, fn: Listener): Promise<() => void>;
}

export interface RepositoryOptions {
  /** The clock; the system clock by default (tests pass a fixed one). */
  now?: () => Date;
  /** Ids for new versions, users and keys; random UUIDs by default. */
  newId?: () => string;
}

export function createRepository(db: Db, options: RepositoryOptions = {}): Repository {
  const ctx: StoreContext = { db, now: options.now ?? (() => new Date()), newId: options.newId ?? randomUUID };
  return {
    ...organisationStore(ctx),
    ...policyStore(ctx),
    ...ticketStore(ctx),
    ...ticketStatusStore(ctx),
    ...notificationStore(ctx),
    ...ledgerStore(ctx),
    ...userStore(ctx),
    ...accessStore(ctx),
    ...auditStore(ctx),
    ...periodicStore(ctx),
    ...dutyStore(ctx),
    ...reversalStore(ctx),
    ...companyShareStore(ctx),
    ...unitLedgerStore(ctx),
    transaction: (fn) => db.transaction((tx) => fn(createRepository(tx, options))),
    listen: (channel, fn) => db.listen(channel, fn),
  };
}
