// Every database the storage implementation runs on, as store factories for the contract suites:
// a SQLite file, and PostgreSQL (the server named by ECHOTRACE_TEST_PG_URL when one is set, else
// PGlite in-process). A port's test file loops over these instead of keeping one twin per dialect.
import type { Store } from '@echotrace/core';
import type { PostgresStore } from '@echotrace/storage';
import type { StoreFactory } from './contract/store.contract.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';
import { sqliteStoreFactory } from './sqlite.fixture.ts';

export const EVERY_DIALECT: ReadonlyArray<{ name: string; factory: StoreFactory }> = [
  { name: 'SQLite', factory: sqliteStoreFactory },
  {
    name: `PostgreSQL (${backendName})`,
    factory: {
      create: () => createTestStore(),
      destroy: (store: Store) => destroyTestStore(store as PostgresStore),
    },
  },
];
