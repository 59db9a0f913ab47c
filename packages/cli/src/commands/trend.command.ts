// `echotrace trend`: attention over time for a query, an entity (entity:ID) or a copy group.
import { INTERVALS, TREND_SPLITS, trend, type Trend } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { choice, openSelection, RANGE_OPTIONS } from '../analysis.selection.ts';
import { CSV_BOM, csvRow } from '@echotrace/app';
import { markLine, sparkline } from '../terminal.chart.ts';
import { printable } from '../terminal.text.ts';

/** Series drawn in the terminal; --json and --csv carry all of them. */
const CHART_SERIES = 12;

export const trendCommand: Command = {
  name: 'trend',
  summary: 'Documents over time for a query or entity: counts, shares, baseline and change points',
  usage:
    'trend QUERY [--by source|lang|label] [--interval day|week|month] [--from DATE] [--to DATE] [--json|--csv]',
  dashWords: true,
  help: `
QUERY is a search query (docs/query-syntax.md; entity:ID for a person or organization) or
group:DOCUMENT_ID for a document's copies. Each period counts the matching documents and every
document in the query's scope (its source:, lang: and date filters; all sources without them)
published then, so share = documents / total and a busy news day does not read as a trend. --by
splits into one series per source, language or source label (a source with two labels counts in
both). Each period's baseline is the median share of the eight periods before it; a count whose
Poisson z against baseline × total is ≥ 3 (and ≥ 3 documents) is a rise (^), ≤ −3 a drop (v)
(docs/decisions/0150-trend-change-points.md). Periods are UTC days, ISO weeks named by their
Monday, or months. Undated documents are not counted.

--json prints {interval, by, documents, periods, series: [{key, documents, points: [{period, documents,
total, share, baselineShare, expected, z, change}]}], changes: [{key, period, direction,
documents, expected, z}]}. --csv prints one row per series and period (UTF-8 with BOM).

Examples:
  echotrace trend 'Пхеньян санкции' --interval month
  echotrace trend entity:gleb-tumanov --by label --csv > tumanov.csv`,
  options: [
    { name: 'by', type: 'string', value: 'SPLIT', description: 'One series per source, lang or label' },
    { name: 'interval', type: 'string', value: 'PERIOD', description: 'day, week (default) or month' },
    ...RANGE_OPTIONS,
    { name: 'json', type: 'boolean', description: 'Print the series as JSON' },
    { name: 'csv', type: 'boolean', description: 'Print the series as CSV' },
  ],
  async run(context) {
    const by = choice(context, 'by', TREND_SPLITS) ?? null;
    const interval = choice(context, 'interval', INTERVALS) ?? 'week';
    const { store, selection, text } = await openSelection(context);
    const result = await trend(store, { selection, interval, by });
    if (context.options.json) writeJson(context.stdout, result);
    else if (context.options.csv) writeCsv(context.stdout, result);
    else context.stdout.write(formatTrend(text, result));
    return 0;
  },
};

function writeCsv(out: NodeJS.WritableStream, result: Trend): void {
  out.write(CSV_BOM);
  out.write(
    csvRow(['series', 'period', 'documents', 'total', 'share', 'baseline_share', 'expected', 'z', 'change']),
  );
  for (const s of result.series)
    for (const p of s.points)
      out.write(
        csvRow([s.key, p.period, p.documents, p.total, p.share, p.baselineShare, p.expected, p.z, p.change]),
      );
}

export function formatTrend(text: string, result: Trend): string {
  const { periods, series } = result;
  if (series.length === 0) return `no dated document matches ${printable(text)}\n`;
  const width = Math.min(24, Math.max(...series.slice(0, CHART_SERIES).map((s) => printable(s.key).length)));
  const pad = (key: string) => printable(key).slice(0, width).padEnd(width);
  const lines = [
    `${printable(text)}: ${result.documents} documents${result.by ? ` by ${result.by}` : ''}, per ${result.interval}, ${periods[0]} … ${periods.at(-1)}`,
  ];
  for (const s of series.slice(0, CHART_SERIES)) {
    const peak = Math.max(...s.points.map((p) => p.documents));
    const share = Math.max(...s.points.map((p) => p.share ?? 0));
    lines.push(
      `${pad(s.key)} │${sparkline(s.points.map((p) => p.documents))}│ ${s.documents} (peak ${peak}, ${(share * 100).toFixed(1)} % at most of its period total)`,
    );
    if (s.points.some((p) => p.change))
      lines.push(`${' '.repeat(width)}  ${markLine(s.points.map((p) => p.change))}`);
  }
  if (series.length > CHART_SERIES)
    lines.push(`… ${series.length - CHART_SERIES} more series (--json or --csv for all)`);
  if (result.changes.length) {
    lines.push('', 'change points (Poisson z against the median share of the previous periods):');
    for (const c of result.changes)
      lines.push(
        `  ${c.period} ${c.direction === 'rise' ? '▲ rise' : '▼ drop'} ${pad(c.key)} ${c.documents} documents, expected ${c.expected}, z ${c.z}`,
      );
  } else lines.push('', 'no change points');
  return `${lines.join('\n')}\n`;
}
