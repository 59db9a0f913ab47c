// The search facets contract on every dialect the storage implementation supports.
import { describeSearchFacetsContract } from './contract/search-facets.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeSearchFacetsContract(name, factory);
