// Narratives found in the corpus with documents per month, and one narrative's documents with the
// sentences that support it.
import { createElement as h, type ReactNode } from 'react';
import * as api from './api.client.ts';
import { BarChart } from './charts.ts';
import { ErrorLine, useLoad } from './ui.ts';

export function NarrativesPage(props: { id: string | null }): ReactNode {
  const list = useLoad(() => api.narratives(), []);
  const one = useLoad(() => (props.id ? api.narrative(props.id) : Promise.resolve(null)), [props.id]);
  return h(
    'section',
    { className: 'page', 'aria-label': 'narratives' },
    h('h2', null, 'Narratives'),
    h(ErrorLine, { error: list.error ?? one.error }),
    list.data && list.data.narratives.length === 0 ? h('p', null, 'No narrative labelled yet.') : null,
    h(
      'ul',
      { 'data-testid': 'narratives' },
      ...(list.data?.narratives ?? []).map((n) =>
        h(
          'li',
          { key: n.id },
          h('a', { href: `#/narratives/${encodeURIComponent(n.id)}` }, n.name),
          h(
            'span',
            { className: 'meta' },
            ` ${n.documents} documents · ${Object.keys(n.bySource).length} sources`,
          ),
        ),
      ),
    ),
    one.data
      ? h(
          'article',
          null,
          h('h3', null, one.data.name),
          (() => {
            const counts = list.data?.narratives.find((n) => n.id === one.data!.id)?.byMonth ?? {};
            return h(BarChart, {
              title: 'Documents per month',
              points: Object.keys(counts)
                .sort()
                .map((m) => ({ label: m, value: counts[m]! })),
            });
          })(),
          h(
            'ul',
            null,
            ...one.data.documents.map((d) =>
              h(
                'li',
                { key: d.documentId },
                h('a', { href: `#/document/${d.documentId}` }, d.title ?? d.documentId),
                h(
                  'span',
                  { className: 'meta' },
                  ` ${d.sourceId} · ${d.publishedAt ?? 'undated'} · ${d.score.toFixed(2)} ${d.method}`,
                ),
                ...d.evidence.map((e) => h('blockquote', { key: e.start }, e.text)),
              ),
            ),
          ),
        )
      : null,
  );
}
