// `echotrace eval quotes`: scores quote extraction on PolNeAR (English) or ADAQ (Russian).
import { UsageError } from '@echotrace/core';
import { evaluateQuoteExtraction } from '@echotrace/app';
import { QUOTE_FORMATS, type QuoteEvaluation, type QuoteFormat, type QuoteScore } from '@echotrace/quotes';
import { writeJson, type Command } from '../command.ts';

function row(label: string, s: QuoteScore): string {
  const pct = (v: number): string => (v * 100).toFixed(1).padStart(6);
  return `${label.padEnd(22)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.gold).padStart(7)} ${String(s.predicted).padStart(7)}`;
}

export function formatQuoteEvaluation(r: QuoteEvaluation): string {
  const lines = [
    `${r.format} ${r.data} split ${r.split} (${r.language}): ${r.documents} documents, ${r.quotesPredicted} quotes predicted`,
    `${''.padEnd(22)}     P%     R%    F1%    gold    pred`,
  ];
  for (const role of ['source', 'cue', 'content'] as const) lines.push(row(`token ${role}`, r.tokens[role]));
  for (const role of ['source', 'cue', 'content'] as const)
    lines.push(row(`span exact ${role}`, r.spansExact[role]));
  for (const role of ['source', 'cue', 'content'] as const)
    lines.push(row(`span overlap ${role}`, r.spansOverlap[role]));
  lines.push(row('sentence detection', r.sentences));
  const a = r.attribution;
  lines.push(
    `attribution accuracy ${(a.accuracy * 100).toFixed(1)}% (${a.correct} of ${a.matched} gold quotes found; ${a.goldWithSource} have a source)`,
  );
  lines.push(`speed: ${r.documentsPerSecond} documents/s (entity recognition included)`);
  return `${lines.join('\n')}\n`;
}

export const evalQuotesCommand: Command = {
  name: 'eval quotes',
  summary: 'Score quote extraction on PolNeAR (English) or ADAQ (Russian) data',
  usage: 'eval quotes --format polnear|adaq --data DIR [--split S] [--json]',
  help: [
    'Token-level precision, recall and F1 per role (source, cue, content), span-level exact and',
    'overlap F1, attribution accuracy (a found gold quote whose predicted speaker overlaps the gold',
    'source) and sentence-level quote detection. Splits: polnear train|dev (default dev, not tuned',
    'on); adaq tune|test (the sentences at even|odd positions of ru_sentences.tsv; default test).',
    '',
    'Examples:',
    '  echotrace eval quotes --format polnear --data ../shared/data/quotes/polnear',
    '  echotrace eval quotes --format adaq --data ../shared/data/quotes/adaq_ru --json',
  ].join('\n'),
  options: [
    { name: 'format', type: 'string', value: 'FORMAT', description: 'polnear or adaq' },
    { name: 'data', type: 'string', value: 'DIR', description: 'dataset directory' },
    { name: 'split', type: 'string', value: 'S', description: 'polnear: train|dev; adaq: tune|test' },
    { name: 'json', type: 'boolean', description: 'print the full result as JSON' },
  ],
  async run(context) {
    const format = context.options.format;
    const data = context.options.data;
    if (typeof format !== 'string' || !(QUOTE_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${QUOTE_FORMATS.join(', ')}`);
    if (typeof data !== 'string' || data === '') throw new UsageError('--data DIR is required');
    const split = typeof context.options.split === 'string' ? context.options.split : undefined;
    const result = await evaluateQuoteExtraction(format as QuoteFormat, data, split ? { split } : {});
    if (context.options.json === true) writeJson(context.stdout, result);
    else context.stdout.write(formatQuoteEvaluation(result));
    return 0;
  },
};
