// `echotrace spread`: who carried a story first, who followed and how fast, copies and forwards as
// edges, and distinct sources over time per label (the fringe → mainstream curve).
import { periodOf, periodRange, spread, type Spread } from '@echotrace/app';
import { UsageError } from '@echotrace/core';
import { writeJson, type Command } from '../command.ts';
import { openSelection, RANGE_OPTIONS } from '../analysis.selection.ts';
import { sparkline } from '../terminal.chart.ts';
import { printable } from '../terminal.text.ts';

export const spreadCommand: Command = {
  name: 'spread',
  summary: 'How a story spread: first appearance, who followed and when, copies, forwards, labels',
  usage: 'spread QUERY|group:DOCUMENT_ID [--labels A,B] [--from DATE] [--to DATE] [--json]',
  dashWords: true,
  help: `
QUERY is a search query (docs/query-syntax.md); group:DOCUMENT_ID (or a bare document id) is that
document's group of copies. Sources are listed in the order they first published a matching dated
document, with the delay after the first one. Links are copies (a document in the copy group of an
earlier one on another source: \`echotrace dedupe\`) and Telegram forwards, per pair of sources,
with the delay from the origin source's first document. The curve counts distinct sources per
label (labels are set on sources: \`sources add --label\`, sources.yaml); a crossing is the date the
story first reached a label and the day that label's sources first equalled the origin label's.
--labels A,B follows only these labels and takes A as the origin (default: the first source's
labels as origins, every label seen as a target).

--json prints {documents, sources: [{order, sourceId, name, labels, documents, firstDocumentId,
firstPublishedUtc, delayHours}], links: [{kind, fromSourceId, fromChannel, toSourceId, documents,
firstPublishedUtc, delayHours}], curve: [{day, sources, byLabel}], labels: [{label,
firstPublishedUtc, firstSourceId, sources, delayHours}], crossings: [{from, to, reachedUtc,
delayHours, overtookDay}]}.

Examples:
  echotrace spread '"Восточный треугольник"' --labels fringe,mainstream
  echotrace spread group:0123456789abcdef --json`,
  options: [
    {
      name: 'labels',
      type: 'string',
      value: 'A,B',
      description: 'Labels to follow; the first is the origin',
    },
    ...RANGE_OPTIONS,
    { name: 'json', type: 'boolean', description: 'Print the spread as JSON' },
  ],
  async run(context) {
    const raw = context.options.labels;
    const labels =
      typeof raw === 'string'
        ? raw
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean)
        : undefined;
    if (typeof raw === 'string' && labels!.length === 0)
      throw new UsageError('--labels takes comma-separated labels', { input: '--labels', problem: 'empty' });
    const { store, selection, text } = await openSelection(context);
    const result = await spread(store, { selection, labels });
    if (context.options.json) writeJson(context.stdout, result);
    else context.stdout.write(formatSpread(text, result));
    return 0;
  },
};

export function formatDelay(hours: number | null): string {
  if (hours === null) return '';
  if (Math.abs(hours) < 48) return `+${hours}h`;
  return `+${Math.round((hours / 24) * 10) / 10}d`;
}

const when = (instant: string | null) => (instant ? instant.slice(0, 16).replace('T', ' ') : 'undated');

export function formatSpread(text: string, result: Spread): string {
  const { sources } = result;
  if (sources.length === 0) return `no dated document matches ${printable(text)}\n`;
  const first = sources[0]!;
  const name = (id: string | null, channel: string | null = null) =>
    printable(id ?? (channel ? `@${channel} (unregistered)` : '?'));
  const lines = [
    `${printable(text)}: ${result.documents} documents in ${sources.length} sources; first ${when(first.firstPublishedUtc)} UTC in ${name(first.sourceId)} (${first.firstDocumentId})`,
    '',
    '  #  after     first (UTC)        docs  source · labels',
  ];
  for (const s of sources)
    lines.push(
      `${String(s.order).padStart(3)}  ${formatDelay(s.delayHours).padEnd(8)}  ${when(s.firstPublishedUtc)}  ${String(s.documents).padStart(5)}  ${name(s.sourceId)}${s.labels.length ? ` · ${printable(s.labels.join(', '))}` : ''}`,
    );
  if (result.links.length) {
    lines.push('', 'copies and forwards:');
    for (const l of result.links)
      lines.push(
        `  ${l.kind.padEnd(7)} ${name(l.fromSourceId, l.fromChannel)} → ${name(l.toSourceId)}: ${l.documents} documents, first ${when(l.firstPublishedUtc)} ${formatDelay(l.delayHours)}`,
      );
  }
  // Distinct sources per week, from the first appearance to the last newcomer.
  const weeks = periodRange(
    periodOf(result.curve[0]!.day, 'week'),
    periodOf(result.curve.at(-1)!.day, 'week'),
    'week',
  );
  const at = (week: string, pick: (p: Spread['curve'][number]) => number) => {
    const next = weeks[weeks.indexOf(week) + 1];
    const point = result.curve.filter((p) => !next || p.day < next).at(-1);
    return point ? pick(point) : 0;
  };
  const max = first ? result.curve.at(-1)!.sources : 0;
  lines.push('', `distinct sources per week, ${weeks[0]} … ${weeks.at(-1)}:`);
  lines.push(
    `  ${'all'.padEnd(16)} │${sparkline(
      weeks.map((w) => at(w, (p) => p.sources)),
      max,
    )}│ ${max}`,
  );
  for (const reach of result.labels)
    lines.push(
      `  ${printable(reach.label).slice(0, 16).padEnd(16)} │${sparkline(
        weeks.map((w) => at(w, (p) => p.byLabel[reach.label] ?? 0)),
        max,
      )}│ ${reach.sources}`,
    );
  if (result.crossings.length) {
    lines.push('', 'crossings:');
    for (const c of result.crossings)
      lines.push(
        `  ${printable(c.from)} → ${printable(c.to)}: reached ${when(c.reachedUtc)} (${formatDelay(c.delayHours)})${c.overtookDay ? `, as many sources by ${c.overtookDay}` : ', never as many sources'}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
