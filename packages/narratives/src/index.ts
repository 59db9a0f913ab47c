// The public surface of @echotrace/narratives.
export {
  createLabelEnricher,
  predictNarratives,
  reportedSpans,
  LABEL_DESCRIPTOR,
  LABEL_PRODUCER,
  LABEL_PRODUCER_VERSION,
  type LabelEnricherOptions,
  type LabelVerdict,
} from './label.enricher.ts';
export {
  DEFAULT_TAXONOMY_PATH,
  loadTaxonomy,
  parseTaxonomy,
  ruleMatches,
  type NarrativeRule,
  type Taxonomy,
  type TaxonomyEntry,
} from './taxonomy/taxonomy.loader.ts';
export { TECHNIQUE_NAMES, techniqueId } from './techniques.ts';
export {
  committedLabelModel,
  LABEL_MODELS_ENV,
  labelModelPath,
  labelScorer,
  MODELS_DIR,
  type LabelTask,
} from './model/model.registry.ts';
export { encodeLabelModel, type LabelModel } from './model/label.model.ts';
export { textFeatures, voicedFeatures } from './text/text.features.ts';
export { readNarrativeClasses } from './evaluation/dataset.readers.ts';
export {
  evaluateNarrativeRecipe,
  narrativeExamples,
  REPORTED_WEIGHT,
  trainNarratives,
  type ReportedSpans,
  type Language as LabelLanguage,
  type NarrativeEvaluation,
} from './training/narrative.pipeline.ts';
export {
  evaluateTechniqueRecipe,
  techniqueExamples,
  trainTechniques,
  type TechniqueEvaluation,
} from './training/technique.pipeline.ts';
export {
  analystLabels,
  ANALYST_WEIGHT,
  retrainNarratives,
  type AnalystExample,
} from './training/analyst.retraining.ts';
