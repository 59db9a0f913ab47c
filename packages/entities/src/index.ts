// The public surface of @echotrace/entities.
export * from './recognition/mention.types.ts';
export { recognizeEntities, recognizeWithModel } from './recognition/entity.recognizer.ts';
export { hasNerModel, loadNerModel, NER_LANGUAGES } from './recognition/model.registry.ts';
export {
  annotateEntities,
  entityEnricher,
  NER_PRODUCER,
  NER_VERSION,
} from './recognition/entity.enricher.ts';
export type { NerModel } from './recognition/ner.model.ts';
export { tokenize } from './recognition/word.tokenizer.ts';
export type { TextToken } from './recognition/word.tokenizer.ts';
export { evaluateNer, NER_FORMATS } from './evaluation/ner.evaluation.ts';
export type { NerEvaluation, NerFormat, EvaluateOptions } from './evaluation/ner.evaluation.ts';
export type { FlatteningConvention } from './evaluation/brat.reader.ts';
export type { Score, ScoreTable } from './evaluation/ner.scoring.ts';
