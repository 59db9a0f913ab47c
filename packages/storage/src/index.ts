// Storage adapters for core's ports. Entry points choose one; nothing else imports this package.
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite.store.ts';
export { migrate as migrateSqlite, migrationStatus as sqliteMigrationStatus } from './sqlite/migrator.ts';
export {
  openPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
  type PostgresTarget,
} from './postgres/postgres.store.ts';
export {
  migrate as migratePostgres,
  migrationStatus as postgresMigrationStatus,
} from './postgres/migrator.ts';
export type { QueryClient } from './postgres/sql.client.ts';
export {
  migrateStore,
  openStore,
  redactUrl,
  storeKind,
  storeMigrationStatus,
  type MigrationReport,
  type OpenStoreOptions,
  type StoreKind,
} from './open.store.ts';
export { copySqliteToPostgres, type CopyOptions, type CopyProgress } from './copy/sqlite-to-postgres.copy.ts';
export { fileSearchCells, type FileCellsProgress } from './sqlite/search-cells.ts';
export { backupStore, restoreStore, type BackupReport, type RestoreReport } from './backup/store.backup.ts';
