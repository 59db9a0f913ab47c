import { describeDuplicateRepositoryContract } from './contract/duplicate.contract.ts';
import { sqliteStoreFactory } from './sqlite.fixture.ts';

describeDuplicateRepositoryContract('SQLite', sqliteStoreFactory);
