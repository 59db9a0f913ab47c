// The web app: log in, search with facets and a chart of matches over time, read a document with
// its entity, quote and sanctions spans highlighted (each kind can be toggled) and take excerpts
// from it; entity pages, sanctions triage, sources, narratives, dispatches and admin, each at its
// own #/ address. Written with React.createElement rather than JSX so that the repository's
// TypeScript and lint settings check it like every other file.
import { createElement as h, StrictMode, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminPage } from './admin.page.ts';
import * as api from './api.client.ts';
import { BarChart, NetworkGraph, SpreadTimeline } from './charts.ts';
import { DispatchEditor, DispatchList, ExcerptPicker } from './dispatch.page.ts';
import { EntityPage } from './entity.page.ts';
import { pieces } from './highlight.ts';
import { NarrativesPage } from './narratives.page.ts';
import { SanctionsPage } from './sanctions.page.ts';
import { SourcesPage } from './sources.page.ts';
import { ErrorLine, useLoad } from './ui.ts';
import './app.css';

function Login(props: { onLogin: (user: api.User) => void }): ReactNode {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    api.login(username, password).then(props.onLogin, (e: Error) => setError(e.message));
  };
  return h(
    'form',
    { className: 'login', onSubmit: submit, 'aria-label': 'log in' },
    h('h1', null, 'Echotrace'),
    h(
      'label',
      null,
      'Username ',
      h('input', {
        name: 'username',
        value: username,
        autoComplete: 'username',
        onChange: (e: { target: HTMLInputElement }) => setUsername(e.target.value),
      }),
    ),
    h(
      'label',
      null,
      'Password ',
      h('input', {
        name: 'password',
        type: 'password',
        value: password,
        autoComplete: 'current-password',
        onChange: (e: { target: HTMLInputElement }) => setPassword(e.target.value),
      }),
    ),
    h('button', { type: 'submit' }, 'Log in'),
    error ? h('p', { className: 'error', role: 'alert' }, error) : null,
  );
}

const FACET_FILTER: Record<string, string> = { sources: 'source', languages: 'lang', entities: 'entity' };

function Facets(props: {
  facets: NonNullable<api.SearchResult['facets']>;
  onPick: (filter: string) => void;
}): ReactNode {
  return h(
    'aside',
    { className: 'facets', 'aria-label': 'facets' },
    ...(['sources', 'languages', 'entities'] as const).map((name) =>
      h(
        'section',
        { key: name },
        h('h2', null, name),
        ...props.facets[name].map((f) =>
          h(
            'button',
            {
              key: f.value,
              type: 'button',
              'data-facet': `${FACET_FILTER[name]}:${f.value}`,
              onClick: () => props.onPick(`${FACET_FILTER[name]}:${f.value}`),
            },
            `${f.value} (${f.documents})`,
          ),
        ),
      ),
    ),
  );
}

function Snippet(props: { hit: api.SearchHit }): ReactNode {
  const spans = props.hit.highlights.map((s) => ({ ...s, kind: 'match', label: '', title: 'match' }));
  return h(
    'p',
    null,
    ...pieces(props.hit.snippet, spans).map((p, i) => (p.mark ? h('mark', { key: i }, p.text) : p.text)),
  );
}

const KINDS = ['entities', 'quotes', 'sanctions'] as const;
const KIND_CLASS: Record<(typeof KINDS)[number], string> = {
  entities: 'entity',
  quotes: 'quote',
  sanctions: 'sanction',
};

/** The entity (or the quote's speaker) an annotation names, for its tooltip. */
const who = (a: api.Annotation): string => {
  const id = a.attributes.entityId ?? a.attributes.speakerEntityId ?? a.attributes.speaker;
  return typeof id === 'string' ? id : '';
};

function DocumentReader(props: { id: string; onBack: () => void; user: api.User }): ReactNode {
  const [view, setView] = useState<api.DocumentView | null>(null);
  const [selected, setSelected] = useState('');
  const [shown, setShown] = useState<Record<string, boolean>>({
    entities: true,
    quotes: true,
    sanctions: true,
  });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.documentView(props.id).then(setView, (e: Error) => setError(e.message));
  }, [props.id]);
  if (error) return h('p', { className: 'error', role: 'alert' }, error);
  if (!view) return h('p', null, 'Loading…');
  const spans = KINDS.filter((k) => shown[k]).flatMap((k) =>
    view[k].map((a) => ({
      start: a.start,
      end: a.end,
      kind: KIND_CLASS[k],
      label: a.label,
      title: `${KIND_CLASS[k]} ${a.label} ${who(a)}`,
    })),
  );
  const d = view.document;
  return h(
    'article',
    { className: 'document' },
    h('button', { type: 'button', onClick: props.onBack }, '← Results'),
    h('h2', null, d.title ?? d.id),
    h(
      'p',
      { className: 'meta' },
      `${d.sourceId} · ${d.publishedAt ?? 'undated'} · ${d.language}`,
      d.canonicalUrl
        ? h(
            'span',
            null,
            ' · ',
            h('a', { href: d.canonicalUrl, rel: 'noreferrer noopener', target: '_blank' }, 'original'),
          )
        : null,
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Highlights'),
      ...KINDS.map((k) =>
        h(
          'label',
          { key: k },
          h('input', {
            type: 'checkbox',
            name: k,
            checked: shown[k],
            onChange: () => setShown({ ...shown, [k]: !shown[k] }),
          }),
          ` ${k} (${view[k].length}) `,
        ),
      ),
    ),
    h(
      'p',
      {
        'data-testid': 'text',
        // What the analyst selected in the text becomes the passage of a new excerpt.
        onMouseUp: () => setSelected(window.getSelection()?.toString() ?? ''),
        onKeyUp: () => setSelected(window.getSelection()?.toString() ?? ''),
      },
      ...pieces(d.text, spans).map((p, i) =>
        p.mark ? h('mark', { key: i, className: p.mark.kind, title: p.mark.title }, p.text) : p.text,
      ),
    ),
    entityIds(view).length
      ? h(
          'p',
          { className: 'meta' },
          'Entities: ',
          ...entityIds(view).map((id) =>
            h('a', { key: id, href: `#/entity/${encodeURIComponent(id)}`, className: 'tag' }, id),
          ),
        )
      : null,
    props.user.role !== 'viewer' ? h(ExcerptPicker, { documentId: d.id, selection: selected }) : null,
  );
}

const entityIds = (view: api.DocumentView): string[] =>
  [
    ...new Set(view.entities.map((a) => a.attributes.entityId).filter((id) => typeof id === 'string')),
  ] as string[];

/** Matches per month above the results, with the spread and network of the same query on demand. */
function QueryCharts(props: { query: string }): ReactNode {
  const trend = useLoad(() => api.trend(props.query, 'month'), [props.query]);
  const [more, setMore] = useState<'spread' | 'network' | null>(null);
  const spread = useLoad(
    () => (more === 'spread' ? api.spread(props.query) : Promise.resolve(null)),
    [props.query, more],
  );
  const graph = useLoad(
    () => (more === 'network' ? api.network(props.query) : Promise.resolve(null)),
    [props.query, more],
  );
  const series = trend.data?.series[0];
  return h(
    'div',
    { className: 'query-charts' },
    h(ErrorLine, { error: trend.error }),
    series
      ? h(BarChart, {
          title: `Matches per month (${trend.data!.documents} dated documents)`,
          testId: 'trend',
          points: series.points.map((p) => ({ label: p.period, value: p.documents, mark: p.change })),
        })
      : null,
    h(
      'p',
      { className: 'inline' },
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': more === 'spread',
          onClick: () => setMore(more === 'spread' ? null : 'spread'),
        },
        'Spread',
      ),
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': more === 'network',
          onClick: () => setMore(more === 'network' ? null : 'network'),
        },
        'Network',
      ),
      h('a', { href: api.networkFileUrl(props.query, 'gexf'), download: '' }, 'GEXF'),
      h('a', { href: api.networkFileUrl(props.query, 'graphml'), download: '' }, 'GraphML'),
    ),
    more === 'spread' && spread.data ? h(SpreadTimeline, { sources: spread.data.sources }) : null,
    more === 'network' && graph.data ? h(NetworkGraph, graph.data) : null,
    h(ErrorLine, { error: spread.error ?? graph.error }),
  );
}

function SearchPage(props: { user: api.User }): ReactNode {
  const [query, setQuery] = useState('');
  const [ran, setRan] = useState('');
  const [result, setResult] = useState<api.SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const run = (q: string) => {
    setQuery(q);
    setOpen(null);
    api.search(q).then(
      (r) => {
        setRan(q);
        setResult(r);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(query);
  };
  return h(
    'main',
    null,
    h(
      'form',
      { className: 'search', role: 'search', onSubmit: submit },
      h('input', {
        name: 'q',
        'aria-label': 'query',
        placeholder: 'Пхеньян санкции lang:ru from:2024-01',
        value: query,
        onChange: (e: { target: HTMLInputElement }) => setQuery(e.target.value),
      }),
      h('button', { type: 'submit' }, 'Search'),
    ),
    error ? h('p', { className: 'error', role: 'alert' }, error) : null,
    result?.facets
      ? h(Facets, { facets: result.facets, onPick: (f) => run(`${query} ${f}`.trim()) })
      : h('aside'),
    open
      ? h(DocumentReader, { id: open, onBack: () => setOpen(null), user: props.user })
      : result
        ? h(
            'section',
            { 'aria-label': 'results' },
            ran.trim() ? h(QueryCharts, { query: ran }) : null,
            h('p', { 'data-testid': 'total' }, `${result.total} documents`),
            ...result.hits.map((hit) =>
              h(
                'div',
                { className: 'hit', key: hit.documentId },
                h(
                  'button',
                  {
                    type: 'button',
                    'data-document': hit.documentId,
                    onClick: () => setOpen(hit.documentId),
                  },
                  hit.title ?? hit.documentId,
                ),
                h(
                  'div',
                  { className: 'meta' },
                  `${hit.sourceId} · ${hit.publishedAt ?? 'undated'} · ${hit.language}`,
                ),
                h(Snippet, { hit }),
              ),
            ),
          )
        : h('section'),
  );
}

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}

const NAV: Array<[string, string, api.User['role']]> = [
  ['#/', 'Search', 'viewer'],
  ['#/sanctions', 'Sanctions', 'viewer'],
  ['#/sources', 'Sources', 'viewer'],
  ['#/narratives', 'Narratives', 'viewer'],
  ['#/dispatches', 'Dispatches', 'viewer'],
  ['#/admin', 'Admin', 'admin'],
];

function Screen(props: { user: api.User; route: string[] }): ReactNode {
  const [page, id] = props.route;
  const back = () => window.history.back();
  const one = id ? decodeURIComponent(id) : null;
  if (page === 'entity' && one) return h('main', { className: 'single' }, h(EntityPage, { id: one }));
  if (page === 'document' && one)
    return h('main', { className: 'single' }, h(DocumentReader, { id: one, onBack: back, user: props.user }));
  if (page === 'sanctions') return h('main', { className: 'single' }, h(SanctionsPage, { user: props.user }));
  if (page === 'sources') return h('main', { className: 'single' }, h(SourcesPage, { user: props.user }));
  if (page === 'narratives') return h('main', { className: 'single' }, h(NarrativesPage, { id: one }));
  if (page === 'dispatches') return h('main', { className: 'single' }, h(DispatchList, { user: props.user }));
  if (page === 'dispatch' && one)
    return h('main', { className: 'single' }, h(DispatchEditor, { id: one, user: props.user }));
  if (page === 'admin' && props.user.role === 'admin')
    return h('main', { className: 'single' }, h(AdminPage));
  return h(SearchPage, { user: props.user });
}

function Workspace(props: { user: api.User; onLogout: () => void }): ReactNode {
  const hash = useHash();
  const route = hash.replace(/^#\/?/, '').split('/');
  const rank = { viewer: 0, analyst: 1, admin: 2 };
  return h(
    'div',
    null,
    h(
      'header',
      null,
      h('h1', null, 'Echotrace'),
      h(
        'nav',
        { 'aria-label': 'screens' },
        ...NAV.filter(([, , least]) => rank[props.user.role] >= rank[least]).map(([href, label]) =>
          h(
            'a',
            { key: href, href, 'aria-current': `#/${route[0] ?? ''}` === href ? 'page' : undefined },
            label,
          ),
        ),
      ),
      h('span', null, `${props.user.username} (${props.user.role})`),
      h('button', { type: 'button', onClick: () => void api.logout().then(props.onLogout) }, 'Log out'),
    ),
    // The search page keeps its state while another screen is shown.
    h(Screen, { user: props.user, route }),
  );
}

function App(): ReactNode {
  const [user, setUser] = useState<api.User | null | undefined>(undefined);
  useEffect(() => {
    api.currentUser().then(setUser, () => setUser(null));
  }, []);
  if (user === undefined) return h('p', null, 'Loading…');
  if (!user) return h(Login, { onLogin: setUser });
  return h(Workspace, { user, onLogout: () => setUser(null) });
}

createRoot(document.getElementById('root')!).render(h(StrictMode, null, h(App)));
