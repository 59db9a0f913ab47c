// Sources: the registry with each source's health (last poll, last success, failures in a row, the
// last error), items per day over the last weeks as a sparkline, and a form to add a source, with
// feed discovery from its homepage.
import { createElement as h, useState, type FormEvent, type ReactNode } from 'react';
import * as api from './api.client.ts';
import { Sparkline } from './charts.ts';
import { ErrorLine, Field, useLoad, when } from './ui.ts';

/** Days the sparklines cover. */
const DAYS = 60;

function AddSource(props: { onAdded: () => void }): ReactNode {
  const [name, setName] = useState('');
  const [homepage, setHomepage] = useState('');
  const [labels, setLabels] = useState('');
  const [discover, setDiscover] = useState(true);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    api
      .addSource({
        name,
        ...(homepage ? { homepage } : {}),
        labels: labels
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean),
        discover: discover && homepage !== '',
      })
      .then(
        (saved) => {
          setError(null);
          setOutcome(
            `Saved ${saved.source.id}; feeds: ${saved.settings?.feeds.join(', ') || 'none'}${saved.warnings.length ? ` (${saved.warnings.join('; ')})` : ''}`,
          );
          props.onAdded();
        },
        (e: Error) => setError(e.message),
      );
  };
  return h(
    'form',
    { className: 'stack', onSubmit: submit, 'aria-label': 'add a source' },
    h('h3', null, 'Add a source'),
    h(Field, { label: 'Name', name: 'name', value: name, onChange: setName }),
    h(Field, { label: 'Homepage', name: 'homepage', value: homepage, onChange: setHomepage, type: 'url' }),
    h(Field, { label: 'Labels (comma-separated)', name: 'labels', value: labels, onChange: setLabels }),
    h(
      'label',
      null,
      h('input', {
        type: 'checkbox',
        name: 'discover',
        checked: discover,
        onChange: () => setDiscover(!discover),
      }),
      ' discover feeds from the homepage',
    ),
    h('button', { type: 'submit' }, 'Add'),
    outcome ? h('p', { role: 'status', 'data-testid': 'added' }, outcome) : null,
    h(ErrorLine, { error }),
  );
}

export function SourcesPage(props: { user: api.User }): ReactNode {
  const registry = useLoad(() => api.sources(), []);
  const health = useLoad(() => api.sourcesHealth(), []);
  const since = new Date(Date.now() - DAYS * 86_400_000).toISOString().slice(0, 10);
  const daily = useLoad(() => api.trend(`from:${since}`, 'day', 'source'), [since]);
  const reload = () => {
    registry.reload();
    health.reload();
  };
  const byId = new Map(health.data?.sources.map((s) => [s.sourceId, s]) ?? []);
  // The trend lists only the days between the first and last document in scope: every day of the
  // window gets a value, so a quiet stretch reads as zeros rather than disappearing.
  const days = Array.from({ length: DAYS + 1 }, (_, i) =>
    new Date(Date.parse(since) + i * 86_400_000).toISOString().slice(0, 10),
  );
  const perDay = new Map(
    daily.data?.series.map((s) => {
      const counts = new Map(s.points.map((p) => [p.period, p.documents]));
      return [s.key, days.map((d) => counts.get(d) ?? 0)];
    }) ?? [],
  );
  return h(
    'section',
    { className: 'page', 'aria-label': 'sources' },
    h('h2', null, 'Sources'),
    h(ErrorLine, { error: registry.error ?? health.error ?? daily.error }),
    h(
      'div',
      { className: 'scroll' },
      h(
        'table',
        { 'data-testid': 'sources' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ...[
              'source',
              'labels',
              'feeds',
              'last poll',
              'last success',
              'failures',
              'last error',
              `items per day (${DAYS} d)`,
            ].map((t) => h('th', { key: t }, t)),
          ),
        ),
        h(
          'tbody',
          null,
          // Rows wait for health and activity too: a row drawn before them would read "0 failures".
          ...(registry.data && health.data && daily.data ? registry.data.sources : []).map(
            ({ source, settings }) => {
              const row = byId.get(source.id);
              const values = perDay.get(source.id) ?? [];
              return h(
                'tr',
                {
                  key: source.id,
                  'data-source': source.id,
                  className: row && row.consecutiveFailures > 0 ? 'failing' : '',
                },
                h('td', null, h('strong', null, source.name), h('div', { className: 'meta' }, source.id)),
                h('td', null, source.labels.join(', ')),
                h('td', null, settings?.feeds.length ?? 0),
                h('td', null, when(row?.lastPollAt ?? null)),
                h('td', null, when(row?.lastSuccessAt ?? null)),
                h('td', { 'data-testid': 'failures' }, row?.consecutiveFailures ?? 0),
                h('td', { className: 'meta' }, row?.lastError ?? ''),
                h(
                  'td',
                  null,
                  h(Sparkline, {
                    values: values.length ? values : days.map(() => 0),
                    label: `${source.name} items per day`,
                  }),
                  ` ${values.reduce((a, b) => a + b, 0)}`,
                ),
              );
            },
          ),
        ),
      ),
    ),
    props.user.role !== 'viewer' ? h(AddSource, { onAdded: reload }) : null,
  );
}
