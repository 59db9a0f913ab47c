// The DuplicateRepository contract on every dialect the storage implementation supports.
import { describeDuplicateRepositoryContract } from './contract/duplicate.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeDuplicateRepositoryContract(name, factory);
