import { describeEntityRepositoryContract } from './contract/entity.contract.ts';
import { sqliteStoreFactory } from './sqlite.fixture.ts';

describeEntityRepositoryContract('SQLite', sqliteStoreFactory);
