import { parseQuery, QuerySyntaxError, UsageError, type SearchHit } from '@echotrace/core';
import { searchDocuments } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { printable } from '../terminal.text.ts';

export const searchCommand: Command = {
  name: 'search',
  summary: 'Full-text search with stemming, boolean operators and filters',
  usage: 'search [--] QUERY [--limit N] [--offset N] [--json]',
  dashWords: true,
  help: `
Query syntax (docs/query-syntax.md): words (all must match; Russian and English are stemmed, so
Пхеньян finds Пхеньяна), "exact phrases", OR, AND, NOT or -word, prefix*, ( grouping ), and filters
source:ID lang:ru from:2024-01-01 to:2024-06-30 entity:ID speaker:ID. A query word may start with - even as
the first argument (\`search -Сеул Пхеньян\`); \`--\` ends the options. A query error (bad syntax, an
unknown filter or source, a query with no words and no filter) exits 2.

--json prints {"total": N, "hits": [{documentId, title, sourceId, language, publishedAt,
canonicalUrl, score, snippet, highlights: [{start, end}]}]} (highlights index into snippet).

Examples:
  echotrace search 'Пхеньян санкции'
  echotrace search '"Eastern NATO" OR alliance source:fringe-daily from:2023-09'`,
  options: [
    {
      name: 'limit',
      type: 'integer',
      min: 1,
      max: 1000,
      value: 'N',
      description: 'Hits per page (default 10, at most 1000)',
    },
    {
      name: 'offset',
      type: 'integer',
      min: 0,
      value: 'N',
      description: 'Hits to skip, for paging (default 0)',
    },
    { name: 'json', type: 'boolean', description: 'Print {"total": N, "hits": [...]}' },
  ],
  async run(context) {
    if (context.positionals.length === 0) throw new UsageError('give a query');
    const text = context.positionals.join(' ').trim();
    const limit = (context.options.limit as number | undefined) ?? 10;
    const offset = (context.options.offset as number | undefined) ?? 0;
    // A query error is bad usage (exit 2), like a bad option: docs/query-syntax.md.
    const asUsage = (error: unknown): never => {
      if (error instanceof QuerySyntaxError)
        throw new UsageError(error.message, { input: error.input, problem: error.problem });
      throw error;
    };
    let query: ReturnType<typeof parseQuery>;
    try {
      query = parseQuery(text);
    } catch (error) {
      asUsage(error);
    }
    const store = await context.openStore();
    const result = await searchDocuments(store, { query: query!, limit, offset }).catch(asUsage);
    if (context.options.json) {
      writeJson(context.stdout, result);
      return 0;
    }
    const bold = context.stdout.isTTY === true;
    context.stdout.write(
      `${result.total} documents match${result.total > 0 ? `; showing ${offset + 1}–${offset + result.hits.length}` : ''}\n`,
    );
    result.hits.forEach((hit, i) => context.stdout.write(formatHit(hit, offset + i + 1, bold)));
    return 0;
  },
};

export function highlight(
  snippet: string,
  spans: Array<{ start: number; end: number }>,
  bold: boolean,
): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out +=
      printable(snippet.slice(at, span.start)) +
      (bold
        ? `\x1b[1m${printable(snippet.slice(span.start, span.end))}\x1b[0m`
        : `[${printable(snippet.slice(span.start, span.end))}]`);
    at = span.end;
  }
  return out + printable(snippet.slice(at));
}

function formatHit(hit: SearchHit, rank: number, bold: boolean): string {
  const date = hit.publishedAt?.slice(0, 10) ?? 'undated';
  return `\n${rank}. ${printable(hit.title ?? '(untitled)')}\n   ${printable(hit.sourceId)} · ${date} · ${hit.language} · id ${hit.documentId}\n   ${highlight(hit.snippet, hit.highlights, bold)}\n`;
}
