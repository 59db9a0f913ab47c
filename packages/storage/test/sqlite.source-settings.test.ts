import { describeSourceSettingsRepositoryContract } from './contract/source-settings.contract.ts';
import { sqliteStoreFactory } from './sqlite.fixture.ts';

describeSourceSettingsRepositoryContract('SQLite', sqliteStoreFactory);
