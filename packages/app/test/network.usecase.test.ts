// Entity co-occurrence on a real SQLite store, and its GEXF 1.3 and GraphML files read back by an
// XML parser: the same nodes, edges and weights, with hostile names escaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, network, selectionFromText, toGexf, toGraphml } from '@echotrace/app';
import { childrenNamed, firstChild, parseXml, type XmlElement } from '@echotrace/extract';
import { Story } from './helpers/story.builders.ts';

async function world() {
  const story = await Story.open();
  await story.source('a', ['fringe']);
  const one = await story.document({
    source: 'a',
    at: '2024-01-01',
    text: 'Санкции: Иванов, Петров и Иванов.',
  });
  const two = await story.document({ source: 'a', at: '2024-01-02', text: 'Санкции: Иванов и Петров.' });
  const three = await story.document({
    source: 'a',
    at: '2024-02-02',
    text: 'Санкции: Петров и «Рога & <Копыта>».',
  });
  const other = await story.document({ source: 'a', at: '2024-02-03', text: 'Погода: Иванов и Сидоров.' });
  await story.mentions(one, { Иванов: 'ivanov', Петров: 'petrov' });
  await story.mentions(two, { Иванов: 'ivanov', Петров: 'petrov' });
  await story.mentions(three, { Петров: 'petrov', '«Рога & <Копыта>»': 'roga' });
  await story.mentions(other, { Иванов: 'ivanov', Сидоров: 'sidorov' });
  await story.store.entities.upsert([
    {
      id: 'roga',
      type: 'ORGANIZATION',
      names: { ru: 'Рога & "Копыта" <ООО>' },
      aliases: [],
      metonyms: [],
      description: null,
      externalIds: {},
      origin: 'kb',
    },
  ]);
  return story;
}

const byName = (element: XmlElement, local: string): XmlElement => firstChild(element, local)!;

describe('network', () => {
  it('weights pairs by shared documents within the selection and period', async () => {
    const story = await world();
    const graph = await network(story.store, { selection: selectionFromText('санкции') });
    assert.deepEqual(graph.edges, [
      { source: 'ivanov', target: 'petrov', weight: 2 },
      { source: 'petrov', target: 'roga', weight: 1 },
    ]);
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.label, n.documents]),
      [
        ['petrov', 'petrov', 3],
        ['ivanov', 'ivanov', 2],
        ['roga', 'Рога & "Копыта" <ООО>', 1],
      ],
    );
    const january = await network(story.store, {
      selection: selectionFromText('санкции', { to: '2024-01' }),
    });
    assert.deepEqual(january.edges, [{ source: 'ivanov', target: 'petrov', weight: 2 }]);
    const strong = await network(story.store, { selection: selectionFromText('санкции'), minWeight: 2 });
    assert.deepEqual(
      strong.nodes.map((n) => n.id),
      ['petrov', 'ivanov'],
    );
    const isolated = await network(story.store, {
      selection: selectionFromText('санкции'),
      minWeight: 2,
      isolated: true,
    });
    assert.equal(isolated.nodes.length, 3);
    await story.store.close();
  });

  it('writes GEXF 1.3 and GraphML that parse back to the same graph', async () => {
    const story = await world();
    const graph = await network(story.store, { selection: selectionFromText('санкции') });
    const gexf = parseXml(toGexf(graph, 'co-occurrence of "санкции" & <more>'), 'network.gexf');
    assert.equal(gexf.local, 'gexf');
    assert.equal(gexf.attributes.version, '1.3');
    assert.equal(gexf.attributes.xmlns, 'http://gexf.net/1.3');
    const g = byName(gexf, 'graph');
    assert.equal(g.attributes.defaultedgetype, 'undirected');
    const nodes = childrenNamed(byName(g, 'nodes'), 'node');
    assert.deepEqual(
      nodes.map((n) => [n.attributes.id, n.attributes.label]),
      graph.nodes.map((n) => [n.id, n.label]),
    );
    const documents = childrenNamed(byName(nodes[2]!, 'attvalues'), 'attvalue').find(
      (a) => a.attributes.for === 'documents',
    );
    assert.equal(documents?.attributes.value, '1');
    assert.deepEqual(
      childrenNamed(byName(g, 'edges'), 'edge').map((e) => [
        e.attributes.source,
        e.attributes.target,
        e.attributes.weight,
      ]),
      [
        ['ivanov', 'petrov', '2'],
        ['petrov', 'roga', '1'],
      ],
    );
    assert.equal(deep(byName(gexf, 'meta'), 'description'), 'co-occurrence of "санкции" & <more>');

    const graphml = parseXml(toGraphml(graph, 'd'), 'network.graphml');
    assert.equal(graphml.local, 'graphml');
    assert.equal(graphml.attributes.xmlns, 'http://graphml.graphdrawing.org/xmlns');
    const keys = new Map(
      childrenNamed(graphml, 'key').map((k) => [k.attributes.id!, k.attributes['attr.name']]),
    );
    assert.deepEqual([...keys.values()], ['label', 'type', 'documents', 'weight']);
    const G = byName(graphml, 'graph');
    const data = (element: XmlElement, key: string) =>
      childrenNamed(element, 'data').find((d) => d.attributes.key === key)?.text;
    assert.deepEqual(
      childrenNamed(G, 'node').map((n) => [n.attributes.id, data(n, 'label'), data(n, 'documents')]),
      graph.nodes.map((n) => [n.id, n.label, String(n.documents)]),
    );
    assert.deepEqual(
      childrenNamed(G, 'edge').map((e) => [e.attributes.source, e.attributes.target, data(e, 'weight')]),
      [
        ['ivanov', 'petrov', '2'],
        ['petrov', 'roga', '1'],
      ],
    );
    await story.store.close();
  });

  it('replaces characters XML 1.0 cannot hold, so a control character in a name cannot break the file', () => {
    assert.equal(escapeXml('a\u0001b\uD800c<'), 'a\uFFFDb\uFFFDc&lt;');
    const file = toGraphml(
      { nodes: [{ id: 'x\u0007', label: '\u0000', type: 'PERSON', documents: 1 }], edges: [] },
      '',
    );
    assert.equal(parseXml(file, 'x.graphml').local, 'graphml');
  });
});

function deep(element: XmlElement, local: string): string {
  return byName(element, local).text;
}
