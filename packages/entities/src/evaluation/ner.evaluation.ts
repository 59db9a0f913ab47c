// evaluateNer: score a committed (or given) model on a dataset directory in one of three formats.
// Documents the model was trained on (recorded in the model file) are excluded and counted, so a
// score is never computed on training data by accident.
import { statSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '@echotrace/core';
import { loadNerModel } from '../recognition/model.registry.ts';
import type { NerModel } from '../recognition/ner.model.ts';
import { tagSequences } from '../recognition/ner.tagging.ts';
import { readBrat } from './brat.reader.ts';
import type { FlatteningConvention } from './brat.reader.ts';
import { parseConll } from './conll.reader.ts';
import { readFactRuEval } from './factrueval.reader.ts';
import type { GoldSpan, LabeledDocument } from './labeled.document.ts';
import { Tally, tallyExact, tallyTokens } from './ner.scoring.ts';
import type { ScoreTable } from './ner.scoring.ts';

export type NerFormat = 'factrueval' | 'conll' | 'brat';
export const NER_FORMATS: readonly NerFormat[] = ['factrueval', 'conll', 'brat'];

export interface NerEvaluation {
  format: NerFormat;
  data: string;
  language: string;
  metric: string;
  /** brat only: how nested spans were flattened. */
  convention?: FlatteningConvention;
  documents: number;
  /** Documents skipped because the model was trained on them. */
  excludedTrainingDocuments: number;
  exact: ScoreTable;
  /** Token-level scores (reported for FactRuEval, where published Natasha figures are per token). */
  tokens?: ScoreTable;
  tokensPerSecond: number;
}

export interface EvaluateOptions {
  /** Defaults to the committed model of the dataset's language. */
  model?: NerModel;
  /** Language of brat data (default `ru`). */
  language?: string;
  /** How nested brat annotations are flattened (default `outermost`). */
  convention?: FlatteningConvention;
}

const LANGUAGE: Record<NerFormat, string> = { factrueval: 'ru', conll: 'en', brat: 'ru' };
const METRIC: Record<NerFormat, string> = {
  conll: 'exact-span entity P/R/F1 (conlleval), types PER/ORG/LOC/MISC',
  factrueval:
    'exact-span entity P/R/F1 over Natasha-style gold (Person object span; Org org_name spans; Location/LocOrg loc_name spans as LOC), plus token-level P/R/F1',
  brat: 'exact-span entity P/R/F1; NEREL types mapped to PER/ORG/LOC, nested spans flattened',
};

export function readNerDataset(
  format: NerFormat,
  path: string,
  convention: FlatteningConvention = 'outermost',
): LabeledDocument[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError(path, 'no such file or directory');
  }
  switch (format) {
    case 'conll': {
      const files = stat.isDirectory()
        ? readdirSync(path)
            .filter((name) => !name.endsWith('.train') && !name.startsWith('.'))
            .map((name) => join(path, name))
        : [path];
      return files.flatMap((file) => parseConll(readFileSync(file, 'utf8'), basename(file)));
    }
    case 'factrueval':
      if (!stat.isDirectory())
        throw new InputError(path, 'FactRuEval data must be a directory of *.txt/*.objects files');
      return readFactRuEval(path);
    case 'brat':
      if (!stat.isDirectory())
        throw new InputError(path, 'brat data must be a directory of *.txt/*.ann files');
      return readBrat(path, convention);
  }
}

export function evaluateNer(format: NerFormat, path: string, options: EvaluateOptions = {}): NerEvaluation {
  if (!NER_FORMATS.includes(format))
    throw new InputError(`format ${JSON.stringify(format)}`, `expected one of ${NER_FORMATS.join(', ')}`);
  const language = options.language ?? LANGUAGE[format];
  const model = options.model ?? loadNerModel(language);
  const all = readNerDataset(format, path, options.convention);
  if (all.length === 0) throw new InputError(path, `no ${format} documents found`);
  const trained = new Set(model.trainedOn[format] ?? []);
  const documents = all.filter((doc) => !trained.has(doc.id));
  const exact = new Tally();
  const tokens = new Tally();
  const started = performance.now();
  let tokenCount = 0;
  for (const doc of documents) {
    const predicted: GoldSpan[] = tagSequences(model, doc.text, doc.sequences);
    tallyExact(exact, doc.gold, predicted);
    const flat = doc.sequences.flat();
    tokenCount += flat.length;
    if (format === 'factrueval') tallyTokens(tokens, flat, doc.gold, predicted);
  }
  const seconds = (performance.now() - started) / 1000;
  const result: NerEvaluation = {
    format,
    data: path,
    language,
    metric: METRIC[format],
    documents: documents.length,
    excludedTrainingDocuments: all.length - documents.length,
    exact: exact.table(),
    tokensPerSecond: Math.round(tokenCount / Math.max(seconds, 1e-6)),
  };
  if (format === 'factrueval') result.tokens = tokens.table();
  if (format === 'brat') result.convention = options.convention ?? 'outermost';
  return result;
}
