// `echotrace network`: entity co-occurrence for a query and period, for the terminal or for Gephi.
import { network, toGexf, toGraphml, type Network } from '@echotrace/app';
import { writeFileSync } from 'node:fs';
import { writeJson, type Command } from '../command.ts';
import { choice, openSelection, RANGE_OPTIONS } from '../analysis.selection.ts';
import { bar } from '../terminal.chart.ts';
import { printable } from '../terminal.text.ts';

const FORMATS = ['gexf', 'graphml', 'json'] as const;
/** Rows of each list the terminal view shows; the formats carry everything. */
const SHOWN = 15;

export const networkCommand: Command = {
  name: 'network',
  summary: 'Who is mentioned with whom: entity co-occurrence as a chart, GEXF, GraphML or JSON',
  usage:
    'network QUERY [--format gexf|graphml|json] [--out FILE] [--min-weight N] [--isolated] [--from DATE] [--to DATE]',
  dashWords: true,
  help: `
Nodes are the entities mentioned in the documents QUERY selects (docs/query-syntax.md, or
group:DOCUMENT_ID), merged entities counted as the one they were merged into; an edge joins two
entities mentioned in the same document, weighted by the number of such documents. --min-weight N
leaves out edges of fewer documents; nodes without edges are left out unless --isolated.
Without --format, prints the most mentioned entities and the strongest pairs. --format gexf writes
GEXF 1.3 and graphml GraphML (both open in Gephi: node attributes type and documents, edge
weight); json prints {nodes: [{id, label, type, documents}], edges: [{source, target, weight}]}.

Examples:
  echotrace network 'санкции' --from 2024-01 --format gexf --out sanctions.gexf
  echotrace network entity:gleb-tumanov --min-weight 2`,
  options: [
    { name: 'format', type: 'string', value: 'FORMAT', description: 'gexf, graphml or json' },
    { name: 'out', type: 'string', value: 'FILE', description: 'Write the format to FILE instead of stdout' },
    {
      name: 'min-weight',
      type: 'integer',
      min: 1,
      value: 'N',
      description: 'Edges of at least N documents (default 1)',
    },
    { name: 'isolated', type: 'boolean', description: 'Keep entities with no edge' },
    ...RANGE_OPTIONS,
  ],
  async run(context) {
    const format = choice(context, 'format', FORMATS);
    const { store, selection, text } = await openSelection(context);
    const graph = await network(store, {
      selection,
      minWeight: context.options['min-weight'] as number | undefined,
      isolated: context.options.isolated === true,
    });
    const description = `Entity co-occurrence in documents matching ${text}`;
    const body =
      format === 'gexf'
        ? toGexf(graph, description)
        : format === 'graphml'
          ? toGraphml(graph, description)
          : format === 'json'
            ? `${JSON.stringify(graph, null, 2)}\n`
            : null;
    if (body === null) context.stdout.write(formatNetwork(text, graph));
    else if (typeof context.options.out === 'string') {
      writeFileSync(context.options.out, body);
      context.stdout.write(
        `${graph.nodes.length} entities, ${graph.edges.length} pairs → ${printable(context.options.out)}\n`,
      );
    } else if (format === 'json') writeJson(context.stdout, graph);
    else context.stdout.write(body);
    return 0;
  },
};

function formatNetwork(text: string, graph: Network): string {
  if (graph.nodes.length === 0) return `no two entities share a document matching ${printable(text)}\n`;
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const lines = [
    `${printable(text)}: ${graph.nodes.length} entities, ${graph.edges.length} pairs`,
    '',
    'most mentioned (documents):',
  ];
  const topNode = graph.nodes[0]!.documents;
  for (const n of graph.nodes.slice(0, SHOWN))
    lines.push(
      `  ${printable(n.label).slice(0, 28).padEnd(28)} ${String(n.documents).padStart(6)} ${bar(n.documents, topNode, 24)}`,
    );
  if (graph.edges.length) {
    lines.push('', 'strongest pairs (documents mentioning both):');
    const topEdge = graph.edges[0]!.weight;
    for (const e of graph.edges.slice(0, SHOWN)) {
      const pair = `${printable(label.get(e.source) ?? e.source)} — ${printable(label.get(e.target) ?? e.target)}`;
      lines.push(
        `  ${pair.slice(0, 44).padEnd(44)} ${String(e.weight).padStart(6)} ${bar(e.weight, topEdge, 24)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
