import { parseQuery, UsageError, type SearchHit } from '@echotrace/core';
import { searchDocuments } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';

export const searchCommand: Command = {
  name: 'search',
  summary: 'Full-text search with stemming, boolean operators and filters',
  usage: 'search QUERY [--limit N] [--offset N] [--json]',
  help: `
Query syntax (docs/query-syntax.md): words (all must match; Russian and English are stemmed, so
Пхеньян finds Пхеньяна), "exact phrases", OR, AND, NOT or -word, prefix*, ( grouping ), and filters
source:ID lang:ru from:2024-01-01 to:2024-06-30 entity:ID.

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
    const text = context.positionals.join(' ').trim();
    if (!text) throw new UsageError('give a query');
    const limit = (context.options.limit as number | undefined) ?? 10;
    const offset = (context.options.offset as number | undefined) ?? 0;
    const query = parseQuery(text);
    const store = await context.openStore();
    const result = await searchDocuments(store, { query, limit, offset });
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
      snippet.slice(at, span.start) +
      (bold
        ? `\x1b[1m${snippet.slice(span.start, span.end)}\x1b[0m`
        : `[${snippet.slice(span.start, span.end)}]`);
    at = span.end;
  }
  return out + snippet.slice(at);
}

function formatHit(hit: SearchHit, rank: number, bold: boolean): string {
  const date = hit.publishedAt?.slice(0, 10) ?? 'undated';
  return `\n${rank}. ${hit.title ?? '(untitled)'}\n   ${hit.sourceId} · ${date} · ${hit.language} · id ${hit.documentId}\n   ${highlight(hit.snippet, hit.highlights, bold)}\n`;
}
