// One entity: its names per language and aliases, sanctions status with the screener's explanation
// and the analysts' decision, mentions over time and per source, and who it is mentioned with.
import { createElement as h, type ReactNode } from 'react';
import * as api from './api.client.ts';
import { BarChart, NetworkGraph } from './charts.ts';
import { ErrorLine, useLoad } from './ui.ts';

export function EntityPage(props: { id: string }): ReactNode {
  const view = useLoad(() => api.entity(props.id), [props.id]);
  const hits = useLoad(() => api.sanctionsHits(props.id), [props.id]);
  const graph = useLoad(() => api.network(`entity:${props.id}`), [props.id]);
  if (view.error) return h(ErrorLine, { error: view.error });
  if (!view.data) return h('p', null, 'Loading…');
  const { entity, overTime, bySource, mentions } = view.data;
  const name = entity
    ? (entity.names.en ?? entity.names.ru ?? Object.values(entity.names)[0] ?? props.id)
    : props.id;
  const neighbours = graph.data
    ? graph.data.edges
        .filter((e) => e.source === props.id || e.target === props.id)
        .map((e) => ({ id: e.source === props.id ? e.target : e.source, weight: e.weight }))
        .sort((a, b) => b.weight - a.weight)
    : [];
  const label = new Map(graph.data?.nodes.map((n) => [n.id, n.label]) ?? []);
  return h(
    'article',
    { className: 'page', 'data-testid': 'entity' },
    h('h2', null, name),
    h('p', { className: 'meta' }, `${entity?.type ?? 'not in the knowledge base'} · ${props.id}`),
    entity?.description ? h('p', null, entity.description) : null,
    h(
      'section',
      { 'aria-label': 'names' },
      h('h3', null, 'Names'),
      h(
        'dl',
        { className: 'names' },
        ...Object.entries(entity?.names ?? {}).flatMap(([lang, n]) => [
          h('dt', { key: `t${lang}` }, lang),
          h('dd', { key: `d${lang}`, lang }, n),
        ]),
        entity?.aliases.length
          ? [h('dt', { key: 'ta' }, 'aliases'), h('dd', { key: 'da' }, entity.aliases.join(' · '))]
          : null,
      ),
    ),
    h(
      'section',
      { 'aria-label': 'sanctions', 'data-testid': 'entity-sanctions' },
      h('h3', null, 'Sanctions'),
      h(ErrorLine, { error: hits.error }),
      hits.data && hits.data.groups.length === 0 ? h('p', null, 'No list entry matched.') : null,
      ...(hits.data?.groups ?? []).map((g) => {
        const mine = g.entities.find((e) => e.entityId === props.id);
        const why = g.hits.find((hit) => hit.entityId === props.id)?.explanation;
        return h(
          'div',
          { key: `${g.list} ${g.listEntryId}`, className: `hitgroup ${mine?.status ?? 'open'}` },
          h('strong', null, `${g.listedName} `),
          h('span', { className: 'meta' }, `${g.list} ${g.listEntryId} · ${g.programs.join(', ')}`),
          h('p', null, `Status: ${mine?.status ?? 'open'}${mine?.reason ? ` — ${mine.reason}` : ''}`),
          why ? h('p', { className: 'meta' }, `Why it matched: ${why}`) : null,
        );
      }),
    ),
    h(BarChart, {
      title: 'Mentions per month',
      testId: 'entity-over-time',
      points: overTime.map((p) => ({ label: p.period, value: p.mentions })),
    }),
    h(
      'section',
      { 'aria-label': 'per source' },
      h('h3', null, 'Per source'),
      h(
        'table',
        null,
        h(
          'thead',
          null,
          h('tr', null, h('th', null, 'source'), h('th', null, 'mentions'), h('th', null, 'documents')),
        ),
        h(
          'tbody',
          null,
          ...bySource.map((s) =>
            h(
              'tr',
              { key: s.sourceId },
              h('td', null, s.name),
              h('td', null, s.mentions),
              h('td', null, s.documents),
            ),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-label': 'co-mentioned', 'data-testid': 'co-mentioned' },
      h('h3', null, 'Mentioned with'),
      h(ErrorLine, { error: graph.error }),
      neighbours.length === 0 && graph.data ? h('p', null, 'No other entity shares a document.') : null,
      h(
        'ul',
        null,
        ...neighbours.map((n) =>
          h(
            'li',
            { key: n.id },
            h('a', { href: `#/entity/${encodeURIComponent(n.id)}` }, label.get(n.id) ?? n.id),
            ` — ${n.weight} documents`,
          ),
        ),
      ),
      graph.data && graph.data.nodes.length > 1 ? h(NetworkGraph, graph.data) : null,
    ),
    h(
      'section',
      { 'aria-label': 'mentions' },
      h('h3', null, 'Latest mentions'),
      h(
        'ul',
        null,
        ...mentions.map((m, i) =>
          h(
            'li',
            { key: i },
            h('a', { href: `#/document/${m.documentId}` }, m.title ?? m.documentId),
            h(
              'span',
              { className: 'meta' },
              ` ${m.sourceId} · ${m.publishedAt ?? 'undated'} · «${m.surface}»`,
            ),
          ),
        ),
      ),
    ),
  );
}
