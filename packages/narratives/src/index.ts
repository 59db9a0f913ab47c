// The public surface of @echotrace/narratives.
export {
  createLabelEnricher,
  predictNarratives,
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
export { labelModelPath, labelScorer, MODELS_DIR, type LabelTask } from './model/model.registry.ts';
export { readNarrativeClasses } from './evaluation/dataset.readers.ts';
export {
  evaluateNarrativeRecipe,
  narrativeExamples,
  type Language as LabelLanguage,
  type NarrativeEvaluation,
} from './training/narrative.pipeline.ts';
export {
  evaluateTechniqueRecipe,
  techniqueExamples,
  type TechniqueEvaluation,
} from './training/technique.pipeline.ts';
