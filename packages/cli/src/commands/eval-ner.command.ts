// `echotrace eval ner`: scores the committed NER model on a public dataset with that dataset's metric.
import { UsageError } from '@echotrace/core';
import { evaluateNer, NER_FORMATS } from '@echotrace/entities';
import type { NerEvaluation, NerFormat, Score } from '@echotrace/entities';
import { writeJson } from '../command.ts';
import type { Command } from '../command.ts';

function row(label: string, s: Score): string {
  const pct = (v: number): string => (v * 100).toFixed(2).padStart(6);
  return `${label.padEnd(9)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.gold).padStart(6)} ${String(s.predicted).padStart(6)}`;
}

export function formatNerEvaluation(result: NerEvaluation): string {
  const lines = [
    `${result.format} ${result.data} (${result.language}): ${result.documents} documents` +
      (result.excludedTrainingDocuments > 0
        ? `, ${result.excludedTrainingDocuments} excluded because the model trained on them`
        : ''),
    `metric: ${result.metric}${result.convention ? ` (${result.convention})` : ''}`,
    `type          P%     R%    F1%   gold   pred`,
  ];
  for (const [type, s] of Object.entries(result.exact.perType)) lines.push(row(type, s));
  lines.push(row('overall', result.exact.overall));
  if (result.tokens) {
    lines.push('token-level:');
    for (const [type, s] of Object.entries(result.tokens.perType)) lines.push(row(type, s));
    lines.push(row('overall', result.tokens.overall));
  }
  lines.push(`speed: ${result.tokensPerSecond} tokens/s`);
  return `${lines.join('\n')}\n`;
}

export const evalNerCommand: Command = {
  name: 'eval ner',
  summary: 'Score named-entity recognition on FactRuEval, CoNLL-2003 or brat (NEREL) data',
  usage:
    'eval ner --format factrueval|conll|brat --data PATH [--language ru] [--convention outermost|names] [--json]',
  help: [
    'Runs the committed model of the dataset language (factrueval: ru, conll: en, brat: --language,',
    'default ru) and prints per-type and overall precision, recall and F1 with exact span matching.',
    'Documents the model was trained on are skipped and counted.',
    '',
    'Examples:',
    '  echotrace eval ner --format conll --data ../shared/data/ner/conll2003/eng.testa',
    '  echotrace eval ner --format factrueval --data ../shared/data/ner/factRuEval-2016/devset',
    '  echotrace eval ner --format brat --data ../shared/data/ner/nerel/NEREL-v1.1/dev --json',
  ].join('\n'),
  options: [
    { name: 'format', type: 'string', value: 'FORMAT', description: 'factrueval, conll or brat' },
    { name: 'data', type: 'string', value: 'PATH', description: 'dataset directory (or CoNLL file)' },
    { name: 'language', type: 'string', value: 'LANG', description: 'language of brat data (default ru)' },
    {
      name: 'convention',
      type: 'string',
      value: 'C',
      description: 'brat: flatten nested spans to the outermost (default) or to names (FactRuEval style)',
    },
    { name: 'json', type: 'boolean', description: 'print the full result as JSON' },
  ],
  run(context) {
    const format = context.options.format;
    const data = context.options.data;
    if (typeof format !== 'string' || !(NER_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${NER_FORMATS.join(', ')}`);
    }
    if (typeof data !== 'string' || data === '') throw new UsageError('--data PATH is required');
    const language = typeof context.options.language === 'string' ? context.options.language : undefined;
    // Bad paths and unknown languages raise InputError, which main reports with exit code 1.
    const convention = context.options.convention;
    if (convention !== undefined && convention !== 'outermost' && convention !== 'names') {
      throw new UsageError('--convention must be outermost or names');
    }
    const result = evaluateNer(format as NerFormat, data, {
      ...(language ? { language } : {}),
      ...(convention ? { convention } : {}),
    });
    if (context.options.json === true) writeJson(context.stdout, result);
    else context.stdout.write(formatNerEvaluation(result));
    return Promise.resolve(0);
  },
};
