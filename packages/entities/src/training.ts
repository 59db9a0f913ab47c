// `@echotrace/entities/training`: the pieces behind the NER models (dataset readers, scoring, the
// perceptron trainer, the model codec) for the training script, tests and experiments. Pipeline
// code should need only the main entry point.
export { parseBratAnnotations, readBrat, readBratDocument, BRAT_TYPE_MAP } from './evaluation/brat.reader.ts';
export { parseConll } from './evaluation/conll.reader.ts';
export { readFactRuEval, readFactRuEvalJobs } from './evaluation/factrueval.reader.ts';
export { bioLabels, outermostSpans } from './evaluation/labeled.document.ts';
export type { GoldSpan, LabeledDocument } from './evaluation/labeled.document.ts';
export { readNerDataset } from './evaluation/ner.evaluation.ts';
export { Tally, score, tallyExact, tallyTokens } from './evaluation/ner.scoring.ts';
export { hashFeature } from './recognition/feature.hashing.ts';
export { modelPath, MODELS_DIR } from './recognition/model.registry.ts';
export { decodeModel, encodeModel } from './recognition/ner.model.ts';
export { sequenceHashes, tagSequences } from './recognition/ner.tagging.ts';
export type { TaggedSpan } from './recognition/ner.tagging.ts';
export { seededRandom, trainPerceptron } from './recognition/perceptron.trainer.ts';
export type { TrainingOptions, TrainingSequence } from './recognition/perceptron.trainer.ts';
export { bioConstraints, decode, featureRowsOf, viterbi } from './recognition/sequence.tagger.ts';
export type { TaggerWeights } from './recognition/sequence.tagger.ts';
export {
  documentContext,
  documentHints,
  hintFeatures,
  sequenceFeatures,
  wordShape,
} from './recognition/token.features.ts';
export { hintFeatureHashes, sequenceFeatureHashes } from './recognition/token.hashes.ts';
export type { TokenHint } from './recognition/token.features.ts';
export { splitSequences, tokenize } from './recognition/word.tokenizer.ts';
export type { NerModel } from './recognition/ner.model.ts';
export { correctSpans } from './recognition/span.corrections.ts';
export type { SpanDraft } from './recognition/span.corrections.ts';
export { truecaseHeadlines } from './recognition/headline.case.ts';
export { parseSpanLabels, resolveSpanLabels } from './evaluation/span.labels.ts';
export type { LabeledPost, SpanLabel } from './evaluation/span.labels.ts';
