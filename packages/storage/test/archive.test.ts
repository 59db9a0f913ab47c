// The ArchiveRepository contract on every dialect the storage implementation supports.
import { describeArchiveRepositoryContract } from './contract/archive.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeArchiveRepositoryContract(name, factory);
