import type { Store } from '@echotrace/core';
import type { PostgresStore } from '@echotrace/storage';
import { describeSanctionsRepositoryContract } from './contract/sanctions.contract.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

describeSanctionsRepositoryContract(`PostgreSQL (${backendName})`, {
  create: () => createTestStore(),
  destroy: (store: Store) => destroyTestStore(store as PostgresStore),
});
