// Trains the committed NER models from ../shared/data only and writes packages/entities/models/.
//   node packages/entities/scripts/train-ner.ts            # both languages
//   node packages/entities/scripts/train-ner.ts --lang en  # one
// Reproducible: fixed seed, fixed epoch count, deterministic data order and splits (a re-run writes
// byte-identical files). Two stages per language: see MODEL_CARD.md.
//   en: CoNLL-2003 eng.train → scored on eng.testa.
//   ru: NEREL v1.1 train + the FactRuEval-2016 devset documents whose id hash is odd → scored on
//       the other half of the devset (held out) and on NEREL dev.
// Experiment flags (defaults are what the committed models use): --no-write, --epochs N,
// --min-count N, --prune X, --one-stage, --fact-weight N, --convention outermost|names, --no-nerel,
// --swap-halves (train with the other FactRuEval half), --raw (score unquantized weights),
// --no-clusters (without the word-cluster features of models/word.clusters.tsv.gz).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseBratAnnotations, readBrat } from '../src/evaluation/brat.reader.ts';
import { parseConll } from '../src/evaluation/conll.reader.ts';
import { readFactRuEval, readFactRuEvalJobs } from '../src/evaluation/factrueval.reader.ts';
import { bioLabels } from '../src/evaluation/labeled.document.ts';
import type { LabeledDocument } from '../src/evaluation/labeled.document.ts';
import { evaluateNer } from '../src/evaluation/ner.evaluation.ts';
import type { NerEvaluation } from '../src/evaluation/ner.evaluation.ts';
import { hashFeature } from '../src/recognition/feature.hashing.ts';
import { decodeModel, encodeModel } from '../src/recognition/ner.model.ts';
import type { NerModel } from '../src/recognition/ner.model.ts';
import { sequenceHashes } from '../src/recognition/ner.tagging.ts';
import { trainPerceptron } from '../src/recognition/perceptron.trainer.ts';
import type { TrainingSequence } from '../src/recognition/perceptron.trainer.ts';
import { bioConstraints, decode, featureRowsOf } from '../src/recognition/sequence.tagger.ts';
import type { TaggerWeights } from '../src/recognition/sequence.tagger.ts';
import { documentContext, documentHints } from '../src/recognition/token.features.ts';
import { tokenize } from '../src/recognition/word.tokenizer.ts';
import { setWordClustersEnabled } from '../src/recognition/word.clusters.ts';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const dataRoot = resolve(process.env.ECHOTRACE_SHARED_DATA ?? resolve(repoRoot, '../shared/data'), 'ner');
const modelsDir = resolve(repoRoot, 'packages/entities/models');

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    epochs: { type: 'string' },
    'min-count': { type: 'string' },
    prune: { type: 'string' },
    'no-write': { type: 'boolean' },
    raw: { type: 'boolean' },
    'one-stage': { type: 'boolean' },
    convention: { type: 'string' },
    'fact-weight': { type: 'string' },
    'no-nerel': { type: 'boolean' },
    'swap-halves': { type: 'boolean' },
    'no-clusters': { type: 'boolean' },
  },
});

// --no-clusters scores a model without the word-cluster features (the before of a before/after).
if (values['no-clusters']) setWordClustersEnabled(false);

const SEED = 20160229;
/** Epochs per language, chosen on eng.testa / the FactRuEval held-out half. */
const EPOCHS: Record<string, number> = { en: Number(values.epochs ?? 10), ru: Number(values.epochs ?? 5) };
const MIN_COUNT = Number(values['min-count'] ?? 2);
/** FactRuEval training documents are seen this many times per epoch: they carry the target convention. */
const FACT_WEIGHT = Number(values['fact-weight'] ?? 2);
/** Features whose weights all stay below this are dropped: halves the files for ≤0.004 F1. */
const PRUNE_BELOW = Number(values.prune ?? 1);

/** FactRuEval devset split: documents whose id hashes odd are for training, even are held out. */
export function factRuEvalIsHeldOut(id: string): boolean {
  // --swap-halves trains on the other half: a second fold, to see how much the score moves by split.
  return hashFeature(id) % 2 === (values['swap-halves'] ? 1 : 0);
}

/** First-stage BIO labels per document id, per sequence, per token. */
type Predictions = Map<string, string[][]>;

function toSequences(documents: LabeledDocument[], predictions?: Predictions): TrainingSequence[] {
  const out: TrainingSequence[] = [];
  for (const doc of documents) {
    const words = doc.sequences.map((s) => s.map((t) => t.text));
    const context = documentContext(words);
    const labels = predictions?.get(doc.id);
    const hints = labels ? documentHints(words, labels) : undefined;
    doc.sequences.forEach((sequence, k) => {
      if (sequence.length === 0) return;
      out.push({
        features: sequenceHashes(words[k]!, context, hints?.[k]),
        labels: bioLabels(sequence, doc.gold),
      });
    });
  }
  return out;
}

function marginScale(weights: TaggerWeights, data: TrainingSequence[]): number {
  const allowed = bioConstraints(weights.labels);
  const margins: number[] = [];
  for (const sequence of data.slice(0, 3000)) {
    const decoded = decode(weights, allowed, featureRowsOf(weights, sequence.features));
    decoded.labels.forEach((label, i) => {
      if (label !== 0) margins.push(decoded.margins[i]!);
    });
  }
  margins.sort((a, b) => a - b);
  return Math.max((margins[Math.floor(margins.length / 2)] ?? 2) / 2, 0.1);
}

function fit(language: string, stage: string, data: TrainingSequence[]): TaggerWeights {
  const started = Date.now();
  const weights = trainPerceptron(data, {
    epochs: EPOCHS[language]!,
    seed: SEED,
    minFeatureCount: MIN_COUNT,
  });
  weights.marginScale = marginScale(weights, data);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `[${language}] ${stage}: ${data.length} sequences, ${weights.featureRows.size} features, ${seconds} s`,
  );
  return weights;
}

/**
 * Jackknifed first-stage labels: each half of the documents (split by id hash, so repeated copies
 * stay together) is labelled by a model trained on the other half, so the second stage learns from
 * first-stage output with realistic errors rather than memorized training labels.
 */
function jackknife(language: string, documents: LabeledDocument[]): Predictions {
  const predictions: Predictions = new Map();
  for (const fold of [0, 1]) {
    const weights = fit(
      language,
      `stage 1, fold ${fold}`,
      toSequences(documents.filter((d) => hashFeature(d.id) % 2 === fold)),
    );
    const allowed = bioConstraints(weights.labels);
    for (const doc of documents) {
      if (hashFeature(doc.id) % 2 === fold || predictions.has(doc.id)) continue;
      const words = doc.sequences.map((s) => s.map((t) => t.text));
      const context = documentContext(words);
      predictions.set(
        doc.id,
        words.map((w) =>
          w.length === 0
            ? []
            : decode(weights, allowed, featureRowsOf(weights, sequenceHashes(w, context))).labels.map(
                (i) => weights.labels[i]!,
              ),
        ),
      );
    }
  }
  return predictions;
}

function train(language: string, documents: LabeledDocument[], base: Omit<NerModel, 'weights'>): NerModel {
  const tokens = documents.reduce((n, d) => n + d.sequences.reduce((m, s) => m + s.length, 0), 0);
  console.log(`[${language}] ${documents.length} documents, ${tokens} tokens`);
  const model: NerModel = { ...base, weights: fit(language, 'stage 1', toSequences(documents)) };
  if (!values['one-stage'])
    model.stage2 = fit(language, 'stage 2', toSequences(documents, jackknife(language, documents)));
  // Round-trip through the compact encoding so what we score is exactly what is committed.
  const bytes = encodeModel(model, { pruneBelow: PRUNE_BELOW });
  const committed = decodeModel(bytes, language);
  console.log(`[${language}] encoded ${(bytes.length / 1024).toFixed(0)} KiB`);
  committed.info.sizeBytes = bytes.length;
  if (values.raw) return model;
  if (!values['no-write']) {
    mkdirSync(modelsDir, { recursive: true });
    writeFileSync(join(modelsDir, `ner.${language}.bin`), bytes);
  }
  return committed;
}

function report(name: string, evaluation: NerEvaluation): void {
  const line = (label: string, s: { precision: number; recall: number; f1: number; gold: number }): string =>
    `  ${label.padEnd(8)} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} (gold ${s.gold})`;
  console.log(
    `${name}: ${evaluation.documents} documents (${evaluation.excludedTrainingDocuments} training documents excluded)`,
  );
  for (const [type, s] of Object.entries(evaluation.exact.perType)) console.log(line(type, s));
  console.log(line('overall', evaluation.exact.overall));
  if (evaluation.tokens) console.log(`  token-level overall F1 ${evaluation.tokens.overall.f1.toFixed(3)}`);
}

function trainEnglish(): void {
  const file = join(dataRoot, 'conll2003/eng.train');
  const documents = parseConll(readFileSync(file, 'utf8'), 'eng.train');
  const model = train('en', documents, {
    language: 'en',
    typeMap: { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION', MISC: null },
    titleWords: [],
    titleHeads: [],
    trainedOn: {},
    info: { data: 'CoNLL-2003 eng.train', epochs: EPOCHS.en, seed: SEED, minFeatureCount: MIN_COUNT },
  });
  report('CoNLL-2003 eng.testa', evaluateNer('conll', join(dataRoot, 'conll2003/eng.testa'), { model }));
}

/**
 * Only words written in lowercase count: names inside roles ("депутат от ЛДПР") must stay names,
 * and a capitalized role at a sentence start is still learned from its lowercase occurrences.
 */
function countTitleWord(word: string, counts: Map<string, number>): void {
  if (/^[\p{Ll}-]+$/u.test(word) && /\p{L}/u.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
}

/** Counts the words of one role phrase, and its first word as a head. */
function countRolePhrase(phrase: string, counts: Map<string, number>, heads: Map<string, number>): void {
  const tokens = tokenize(phrase);
  for (const token of tokens) countTitleWord(token.text, counts);
  if (tokens[0]) countTitleWord(tokens[0].text, heads);
}

/** Words of NEREL PROFESSION spans written right before a PERSON span ("министр обороны Сергей …"). */
function nerelTitleWords(
  dir: string,
  ids: string[],
  counts: Map<string, number>,
  heads: Map<string, number>,
): void {
  for (const id of ids) {
    const text = readFileSync(join(dir, `${id}.txt`), 'utf8');
    const spans = parseBratAnnotations(readFileSync(join(dir, `${id}.ann`), 'utf8'));
    const personStarts = new Set(spans.filter((s) => s.type === 'PERSON').map((s) => s.start));
    for (const span of spans) {
      if (span.type !== 'PROFESSION') continue;
      const after = /^\s+/.exec(text.slice(span.end))?.[0].length ?? -1;
      if (after < 0 || !personStarts.has(span.end + after)) continue;
      countRolePhrase(text.slice(span.start, span.end), counts, heads);
    }
  }
}

function trainRussian(): void {
  const nerelTrain = join(dataRoot, 'nerel/NEREL-v1.1/train');
  const nerelDev = join(dataRoot, 'nerel/NEREL-v1.1/dev');
  const factDir = join(dataRoot, 'factRuEval-2016/devset');
  const convention = values.convention === 'outermost' ? 'outermost' : 'names';
  const nerel = values['no-nerel'] ? [] : readBrat(nerelTrain, convention);
  const fact = readFactRuEval(factDir).filter((doc) => !factRuEvalIsHeldOut(doc.id));
  const counts = new Map<string, number>();
  const heads = new Map<string, number>();
  nerelTitleWords(
    nerelTrain,
    nerel.map((d) => d.id),
    counts,
    heads,
  );
  for (const doc of fact) {
    for (const job of readFactRuEvalJobs(factDir, doc.id)) {
      countRolePhrase(job, counts, heads);
    }
  }
  const titleWords = [...counts]
    .filter(([word, n]) => n >= 2 && word.length > 1)
    .map(([w]) => w)
    .sort();
  const titleHeads = titleWords.filter((word) => (heads.get(word) ?? 0) >= 2);
  console.log(`[ru] ${titleWords.length} title words, ${titleHeads.length} of them heads`);
  const factCopies = Array.from({ length: FACT_WEIGHT }, () => fact).flat();
  const model = train('ru', [...nerel, ...factCopies], {
    language: 'ru',
    typeMap: { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION', MISC: null },
    titleWords,
    titleHeads,
    trainedOn: { factrueval: fact.map((d) => d.id) },
    info: {
      data: 'NEREL v1.1 train (names convention) + FactRuEval-2016 devset (odd-hash half)',
      epochs: EPOCHS.ru,
      factRuEvalWeight: FACT_WEIGHT,
      nerelConvention: convention,
      seed: SEED,
      minFeatureCount: MIN_COUNT,
    },
  });
  report('FactRuEval-2016 devset (held-out half)', evaluateNer('factrueval', factDir, { model }));
  report('NEREL v1.1 dev', evaluateNer('brat', nerelDev, { model, language: 'ru' }));
}

const languages = values.lang ? [values.lang] : ['en', 'ru'];
for (const language of languages) {
  if (language === 'en') trainEnglish();
  else if (language === 'ru') trainRussian();
  else throw new Error(`no training recipe for language ${language}`);
}
