// Trains the committed label models from ../shared/data only (reproducible: fixed seeds, fixed
// samples): models/narratives.{en,ru}.bin and models/techniques.{en,ru}.bin, and prints their
// cross-validated figures for the model card.
//   node scripts/train-labels.ts [--shared-data DIR] [--only narratives|techniques]
// Here rather than in packages/narratives because the narrative recipe reads the quote stage (which
// speech is reported), and a stage package imports only core.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { textReportedSpans } from '@echotrace/app';
import {
  MODELS_DIR,
  narrativeExamples,
  readNarrativeClasses,
  techniqueExamples,
  trainNarratives,
  trainTechniques,
} from '@echotrace/narratives';
import { encodeLabelModel } from '@echotrace/narratives/training';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { 'shared-data': { type: 'string' }, only: { type: 'string' } },
});
const sharedData =
  values['shared-data'] ?? process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(root, '../shared/data');
const models = MODELS_DIR;
mkdirSync(models, { recursive: true });

for (const language of ['en', 'ru'] as const) {
  if (values.only !== 'techniques') {
    const started = Date.now();
    const { model, cv } = trainNarratives(
      narrativeExamples(sharedData, language, undefined, textReportedSpans),
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
