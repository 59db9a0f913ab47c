// The public surface of @echotrace/entities.
export * from './recognition/mention.types.ts';
export { recognizeEntities, recognizeWithModel } from './recognition/entity.recognizer.ts';
export { hasNerModel, loadNerModel, NER_LANGUAGES } from './recognition/model.registry.ts';
export type { NerModel } from './recognition/ner.model.ts';
export { tokenize } from './recognition/word.tokenizer.ts';
export type { TextToken } from './recognition/word.tokenizer.ts';
export { evaluateNer, NER_FORMATS } from './evaluation/ner.evaluation.ts';
export type { NerEvaluation, NerFormat, EvaluateOptions } from './evaluation/ner.evaluation.ts';
export type { FlatteningConvention } from './evaluation/brat.reader.ts';
export type { Score, ScoreTable } from './evaluation/ner.scoring.ts';

export { buildKnowledgeBase, displayName, type KnowledgeBase } from './kb/knowledge.base.ts';
export { parseKnowledgeBaseFile, formatKnowledgeBaseFile, entityType } from './kb/kb.file.ts';
export { candidateId, isCandidateId } from './kb/entity.ids.ts';
export { SEED_KB_PATH } from './kb/seed.path.ts';
export { buildAliasIndex, type AliasIndex, type AliasEntry } from './resolution/alias.index.ts';
export { resolveMentions, type ResolveOptions } from './resolution/entity.resolver.ts';
export { analyzeEntities, type Recognizer } from './resolution/entity.analysis.ts';
export { createEntityEnricher, type EntityEnricherOptions } from './resolution/entity.enricher.ts';
export {
  entityAnnotations,
  ENTITY_PRODUCER,
  ENTITY_PRODUCER_VERSION,
} from './resolution/entity.annotations.ts';
export type { ResolvableMention, ResolvedMention } from './resolution/mention.ts';
export { governmentSense } from './resolution/metonymy.ts';
export { nameKey, foldName, nominativeNameCandidates } from './resolution/name.keys.ts';
export {
  readFactRuEvalCoref,
  type CorefDocument,
  type GoldMention,
} from './evaluation/factrueval.coref.reader.ts';
export { scoreClusters, type ClusterScore, type ClusteredMention } from './evaluation/resolution.scoring.ts';
export {
  readNerelLinks,
  type LinkedDocument,
  type LinkedGoldMention,
} from './evaluation/nerel.links.reader.ts';
export { russianParses, type WordParse } from './recognition/russian.morphology.ts';
