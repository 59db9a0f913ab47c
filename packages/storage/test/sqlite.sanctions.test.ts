import { describeSanctionsRepositoryContract } from './contract/sanctions.contract.ts';
import { sqliteStoreFactory } from './sqlite.fixture.ts';

describeSanctionsRepositoryContract('SQLite', sqliteStoreFactory);
