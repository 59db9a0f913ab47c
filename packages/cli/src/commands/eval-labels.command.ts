// `echotrace eval narratives` and `eval techniques`: the label recipe re-trained with a fixed fifth
// held back, printing cross-validated and held-out figures beside a most-frequent-labels baseline.
import { UsageError } from '@echotrace/core';
import { evaluateLabels, type LabelEvaluation } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';

const f = (v: number): string => v.toFixed(3);

export function formatLabelEvaluation(r: LabelEvaluation): string {
  const lines: string[] = [];
  if (r.task === 'narratives') {
    lines.push(
      'narratives (F1-samples)   CV fine  CV coarse  held-out fine  held-out coarse  baseline fine/coarse  news→Other',
    );
    for (const l of r.languages)
      lines.push(
        `${l.language.padEnd(26)}${f(l.crossValidation.fine).padStart(7)}${f(l.crossValidation.coarse).padStart(11)}${f(l.heldOut.fine).padStart(15)}${f(l.heldOut.coarse).padStart(17)}   ${f(l.majorityBaselineHeldOut.fine)}/${f(l.majorityBaselineHeldOut.coarse)}${f(l.heldOut.neutralOther).padStart(14)}`,
      );
  } else {
    lines.push(
      'techniques                CV micro  CV macro  held-out micro  held-out macro  baseline micro',
    );
    for (const l of r.languages)
      lines.push(
        `${l.language.padEnd(26)}${f(l.crossValidation.microF1).padStart(8)}${f(l.crossValidation.macroF1).padStart(10)}${f(l.heldOut.microF1).padStart(16)}${f(l.heldOut.macroF1).padStart(16)}${f(l.majorityBaselineHeldOut.microF1).padStart(16)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function evalCommand(task: 'narratives' | 'techniques'): Command {
  const layout =
    task === 'narratives'
      ? 'SemEval-2025 Task 10 (train/{EN,RU}/subtask-2-annotations.txt)'
      : 'SemEval-2023 Task 3 ({en,ru}/train-labels-subtask-3.txt)';
  return {
    name: `eval ${task}`,
    summary:
      task === 'narratives'
        ? 'Score narrative labelling (F1-samples, fine and coarse) on SemEval-2025 Task 10 data'
        : 'Score technique labelling (micro/macro F1) on SemEval-2023 Task 3 data',
    usage: `eval ${task} --data DIR [--lang en|ru] [--shared-data DIR] [--json]`,
    help: `
Re-runs the training recipe of the committed model on DIR, ${layout}: every 5th
${task === 'narratives' ? 'document' : 'article'} (by id) is held back; thresholds are chosen by 5-fold cross-validation on the rest
(the CV figures); a model trained on the rest then labels the held-back part once (the held-out
figures), beside predicting the most frequent labels for everything.${
      task === 'narratives'
        ? ' Plain news (FactRuEval and\nNEREL in Russian, CoNLL-2003 in English, from --shared-data, default DIR/../..) joins as Other;\n"news→Other" is the share of held-back news left unlabelled.'
        : ''
    } Takes minutes.

Examples:
  echotrace eval ${task} --data ../shared/data/propaganda/${task === 'narratives' ? 'semeval2025_task10' : 'semeval2023_task3'} --lang ru`,
    options: [
      { name: 'data', type: 'string', value: 'DIR', description: 'dataset directory' },
      { name: 'lang', type: 'string', value: 'LANG', description: 'en or ru (default both)' },
      {
        name: 'shared-data',
        type: 'string',
        value: 'DIR',
        description: 'where ner/ lies (plain news for Other)',
      },
      { name: 'json', type: 'boolean', description: 'print the full result as JSON' },
    ],
    async run(context) {
      const data = context.options.data;
      if (typeof data !== 'string' || data === '') throw new UsageError('--data DIR is required');
      const lang = context.options.lang;
      if (lang !== undefined && lang !== 'en' && lang !== 'ru')
        throw new UsageError('--lang must be en or ru');
      const shared = context.options['shared-data'];
      const result = evaluateLabels(task, data, {
        ...(lang !== undefined && { languages: [lang] }),
        ...(typeof shared === 'string' && { sharedData: shared }),
      });
      if (context.options.json === true) writeJson(context.stdout, result);
      else context.stdout.write(formatLabelEvaluation(result));
      return 0;
    },
  };
}

export const evalNarrativesCommand = evalCommand('narratives');
export const evalTechniquesCommand = evalCommand('techniques');
