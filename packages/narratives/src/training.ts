// `@echotrace/narratives/training`: the pieces behind the label models (readers, scoring, FTRL, the
// model codec) for the training script, tests and experiments.
export {
  readConllTexts,
  readNarrativeDocuments,
  readNewsTexts,
  readTechniqueParagraphs,
} from './evaluation/dataset.readers.ts';
export { documentF1, f1Samples, f1SamplesWithStd, microMacroF1 } from './evaluation/label.scoring.ts';
export { DEFAULT_FTRL, seededRandom, trainFtrl, type FtrlOptions } from './model/ftrl.trainer.ts';
export { decodeLabelModel, encodeLabelModel, LabelScorer, type LabelModel } from './model/label.model.ts';
export { trainLabels, type TrainingExample } from './model/label.training.ts';
export {
  scoreNarrativePredictions,
  type NarrativeClasses,
  type NarrativeExample,
  type NarrativeScores,
} from './model/narrative.training.ts';
export { decideNarratives, OTHER, type NarrativeThresholds } from './model/narrative.decision.ts';
export { hashFeature, splitSentences, textFeatures, words } from './text/text.features.ts';
