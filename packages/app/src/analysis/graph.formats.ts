// A co-occurrence network as the files Gephi and other graph tools read: GEXF 1.3 and GraphML 1.0.
// Written by hand (a few dozen lines of templates) rather than through a graph library: the output
// is two flat lists, and what matters — escaping, and leaving out characters XML 1.0 forbids — is
// here in escapeXml. Tests parse both outputs with an XML parser.
import type { Network } from './network.usecase.ts';

// XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except lone surrogates
// and U+FFFE/U+FFFF; anything else cannot be written even escaped.
const NOT_XML = new RegExp(
  // eslint-disable-next-line no-control-regex -- the control characters are what it removes
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  'g',
);

export function escapeXml(value: string | number): string {
  return String(value)
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toGexf(graph: Network, description: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta><creator>Echotrace</creator><description>${escapeXml(description)}</description></meta>`,
    '  <graph mode="static" defaultedgetype="undirected">',
    '    <attributes class="node">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="documents" title="documents" type="integer"/>',
    '    </attributes>',
    '    <nodes>',
    ...graph.nodes.map(
      (n) =>
        `      <node id="${escapeXml(n.id)}" label="${escapeXml(n.label)}"><attvalues><attvalue for="type" value="${escapeXml(n.type)}"/><attvalue for="documents" value="${n.documents}"/></attvalues></node>`,
    ),
    '    </nodes>',
    '    <edges>',
    ...graph.edges.map(
      (e, i) =>
        `      <edge id="${i}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}" weight="${e.weight}"/>`,
    ),
    '    </edges>',
    '  </graph>',
    '</gexf>',
  ];
  return `${lines.join('\n')}\n`;
}

export function toGraphml(graph: Network, description: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${escapeXml(description)}</desc>`,
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="documents" for="node" attr.name="documents" attr.type="int"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <graph id="cooccurrence" edgedefault="undirected">',
    ...graph.nodes.map(
      (n) =>
        `    <node id="${escapeXml(n.id)}"><data key="label">${escapeXml(n.label)}</data><data key="type">${escapeXml(n.type)}</data><data key="documents">${n.documents}</data></node>`,
    ),
    ...graph.edges.map(
      (e) =>
        `    <edge source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"><data key="weight">${e.weight}</data></edge>`,
    ),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}
