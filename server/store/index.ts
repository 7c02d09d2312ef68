// The store's public face (until server/index.ts): the Db handle and its three
// adapters, migrations, the repository, its records and its errors.

export type { Db, Dialect, Listener, QueryResult, Row, SqlDb } from './db.js';
export { withNotifications, CHANNELS, ANYTHING, type RemoteChannels } from './notify.js';
export { postgresChannels, LISTEN_APPLICATION_NAME, type ListenOptions } from './adapters/postgres-listen.js';
export { openPostgres, type PostgresOptions } from './adapters/postgres.js';
export { openPglite, openPgliteMemory } from './adapters/pglite.js';
export { openPgMem } from './adapters/pg-mem.js';
export { migrate, loadMigrations, migrationsDir, MIGRATION_LOCK_KEY, type Migration, type MigrateOptions } from './migrate.js';
export { openDb, openStore, storeConfigFrom, DEFAULT_DATA_DIR, type Store, type StoreConfig } from './open.js';
export { createRepository, type Repository, type RepositoryOptions } from './repository.js';
export { ticketHash, canonicalJson } from './tickets.js';
export { TEXT_LIMITS } from './text.js';
export { hashPassword, verifyPassword, passwordNeedsRehash, PASSWORD_COST, newToken, hashToken, type ScryptCost } from './secrets.js';
export {
  StoreError,
  NotFoundError,
  OutOfScopeError,
  ConflictError,
  DuplicateError,
  StaleBaseError,
  ValidationError,
  InvalidTextError,
  DbError,
} from './errors.js';
export type * from './types.js';
export { ROLES } from './types.js';
export type { OrganisationStore } from './organisations.js';
export type { PendingSwitch, PolicyStore, SwitchOptions } from './policies.js';
export { POLICY_COMMENT_MAX_UNITS } from './policies.js';
export type { TicketStore } from './tickets.js';
export type { LedgerStore } from './ledger.js';
export type { UserStore } from './users.js';
export type { AccessStore } from './access.js';
export type { AuditStore } from './audit.js';
export { type PeriodicStore } from './periodic.js';
export type { DutyStore, DutyFulfilment, DutyFulfilmentInput, DutyLedgerEntry, DutyLedgerInput } from './duties.js';
export type { ReversalStore, LedgerReversal, LedgerReversalInput } from './reversals.js';
export type { ScoreParts, ScorePart } from './score-parts.js';
export type { CompanyShareStore, CompanyShareInput, CompanyShareEntry } from './company-share.js';
export type { TicketStatusStore, TicketStanding, TicketStatusFilter, TicketStatusRow } from './ticket-status.js';
export { MAX_STATUS_PAGE } from './ticket-status.js';
export type { NotificationStore, NotificationChannel, NewChannel, ChannelChanges, ChannelKind, NotificationEvent, ClaimedDelivery, NotificationEntry, DeliveryAttempt } from './notifications.js';
export type { UnitLedgerStore, UnitLedgerEntry, UnitLedgerFilter, UnitLedgerPosition, LedgerSource } from './unit-ledger.js';
export { LEDGER_SOURCES, UNIT_LEDGER_MAX_LIMIT } from './unit-ledger.js';
