// Moved to @echotrace/app (packages/app/src/entities/knowledge.base.loader.ts). Kept as a re-export
// until enrichment.factory.ts, which imports it from here, moves into packages/app/src/enrichment.
export { loadStoredKnowledgeBase, readKnowledgeBaseFile, recordDecision, seedEntries } from '@echotrace/app';
