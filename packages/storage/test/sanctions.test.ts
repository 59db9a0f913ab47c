// The SanctionsRepository contract on every dialect the storage implementation supports.
import { describeSanctionsRepositoryContract } from './contract/sanctions.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeSanctionsRepositoryContract(name, factory);
