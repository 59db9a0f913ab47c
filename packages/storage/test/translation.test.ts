// The TranslationRepository contract on every dialect the storage implementation supports.
import { describeTranslationRepositoryContract } from './contract/translation.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeTranslationRepositoryContract(name, factory);
