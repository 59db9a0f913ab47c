// `echotrace quotes`: stored quotes with speaker, document, date, source, URL and span.
import { QuerySyntaxError, UsageError } from '@echotrace/core';
import { listQuotes, type ListedQuote } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { printable } from '../terminal.text.ts';

function formatQuote(q: ListedQuote): string {
  const who = q.speakerEntityId
    ? `${q.speaker ?? ''} → ${q.speakerName ?? q.speakerEntityId} (${q.speakerEntityId})`
    : q.speaker
      ? `${q.speaker} (unresolved)`
      : '(speaker unknown)';
  const text = q.text.length > 300 ? `${q.text.slice(0, 300)}…` : q.text;
  return (
    `${q.publishedAt ?? 'undated'} · ${q.sourceId} · ${q.documentId} [${q.start}, ${q.end}) ${q.mode}${q.level ? ` (nested ${q.level})` : ''}\n` +
    `  ${printable(who)}${q.role ? ` · ${printable(q.role)}` : ''}${q.cue ? ` · "${printable(q.cue)}"` : ''}\n` +
    `  «${printable(text)}»\n` +
    (q.url ? `  ${printable(q.url)}\n` : '')
  );
}

export const quotesCommand: Command = {
  name: 'quotes',
  summary: 'List quotes (who said what) with their document, date, source, URL and span',
  usage: 'quotes [--speaker ID] [--query TEXT] [--from DATE] [--to DATE] [--source ID] [--limit N] [--json]',
  help: `
Quotes are found as documents are enriched (direct speech in quotation marks or after a dash, and
reported speech: "X said that", "по словам X"); a speaker is resolved to an entity of the same
document or left unknown. --speaker takes an entity id (the ids merged into it count too), --query
words must all occur in the quote (stemmed like search), --from/--to bound the publication date.

--json prints [{documentId, title, sourceId, publishedAt, url, start, end, text, mode, speaker,
speakerEntityId, speakerName, role, cue, level, parts: [{start, end}], confidence}]; start/end index
into the document's text (UTF-16 code units).

Examples:
  echotrace quotes --speaker gleb-tumanov
  echotrace quotes --query санкции --from 2023-09 --json`,
  options: [
    { name: 'speaker', type: 'string', value: 'ID', description: 'Only quotes of this entity' },
    { name: 'query', type: 'string', value: 'TEXT', description: 'Words the quote must contain' },
    { name: 'from', type: 'string', value: 'DATE', description: 'Published on or after (YYYY[-MM[-DD]])' },
    { name: 'to', type: 'string', value: 'DATE', description: 'Published up to and including' },
    { name: 'source', type: 'string', value: 'ID', description: 'Only documents of this source' },
    {
      name: 'limit',
      type: 'integer',
      min: 1,
      max: 10000,
      value: 'N',
      description: 'At most N quotes (default 50)',
    },
    { name: 'json', type: 'boolean', description: 'Print the quotes as a JSON array' },
  ],
  async run(context) {
    if (context.positionals.length > 0) throw new UsageError('quotes takes options only (see --help)');
    const option = (name: string): string | undefined =>
      typeof context.options[name] === 'string' && context.options[name] !== ''
        ? context.options[name]
        : undefined;
    const request = {
      limit: (context.options.limit as number | undefined) ?? 50,
      ...(option('speaker') ? { speaker: option('speaker')! } : {}),
      ...(option('query') ? { query: option('query')! } : {}),
      ...(option('from') ? { from: option('from')! } : {}),
      ...(option('to') ? { to: option('to')! } : {}),
      ...(option('source') ? { source: option('source')! } : {}),
    };
    for (const name of ['speaker', 'source'] as const)
      if (request[name] !== undefined && /\s/.test(request[name]))
        throw new UsageError(`--${name} takes one id, without spaces`);
    const quotes = await listQuotes(await context.openStore(), request).catch((error: unknown) => {
      // A bad date or query is bad usage (exit 2), as in search.
      if (error instanceof QuerySyntaxError)
        throw new UsageError(error.message, { input: error.input, problem: error.problem });
      throw error;
    });
    if (context.options.json) {
      writeJson(context.stdout, quotes);
      return 0;
    }
    for (const q of quotes) context.stdout.write(formatQuote(q) + '\n');
    context.stdout.write(`${quotes.length} quote${quotes.length === 1 ? '' : 's'}\n`);
    return 0;
  },
};
