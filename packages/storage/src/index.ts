// Storage adapters for core's ports. Entry points choose one; nothing else imports this package.
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite.store.ts';
export { migrate as migrateSqlite, migrationStatus as sqliteMigrationStatus } from './sqlite/migrator.ts';
export { createDuplicateRepository } from './sqlite/duplicate.repository.ts';
