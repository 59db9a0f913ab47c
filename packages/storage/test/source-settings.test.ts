// The SourceSettingsRepository contract on every dialect the storage implementation supports.
import { describeSourceSettingsRepositoryContract } from './contract/source-settings.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeSourceSettingsRepositoryContract(name, factory);
