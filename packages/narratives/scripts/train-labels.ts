// Trains the committed label models from ../shared/data only (reproducible: fixed seeds, fixed
// samples): models/narratives.{en,ru}.bin and models/techniques.{en,ru}.bin, and prints their
// cross-validated figures for the model card.
//   node packages/narratives/scripts/train-labels.ts [--shared-data DIR] [--only narratives|techniques]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeLabelModel } from '../src/model/label.model.ts';
import { readNarrativeClasses } from '../src/evaluation/dataset.readers.ts';
import { narrativeExamples, trainNarratives } from '../src/training/narrative.pipeline.ts';
import { techniqueExamples, trainTechniques } from '../src/training/technique.pipeline.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const { values } = parseArgs({
  options: { 'shared-data': { type: 'string' }, only: { type: 'string' } },
});
const sharedData =
  values['shared-data'] ?? process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(root, '../shared/data');
const models = fileURLToPath(new URL('../models', import.meta.url));
mkdirSync(models, { recursive: true });

for (const language of ['en', 'ru'] as const) {
  if (values.only !== 'techniques') {
    const started = Date.now();
    const { model, cv } = trainNarratives(
      narrativeExamples(sharedData, language),
      language,
      readNarrativeClasses(path.join(sharedData, 'propaganda/semeval2025_task10')),
    );
    const bytes = encodeLabelModel(model);
    writeFileSync(path.join(models, `narratives.${language}.bin`), bytes);
    console.log(
      `narratives ${language}: ${bytes.length} bytes, ${Date.now() - started} ms, CV ${JSON.stringify(cv)}`,
    );
  }
  if (values.only !== 'narratives') {
    const started = Date.now();
    const { model, cv } = trainTechniques(techniqueExamples(sharedData, language), language);
    const bytes = encodeLabelModel(model);
    writeFileSync(path.join(models, `techniques.${language}.bin`), bytes);
    console.log(
      `techniques ${language}: ${bytes.length} bytes, ${Date.now() - started} ms, CV ${JSON.stringify(cv)}`,
    );
  }
}
