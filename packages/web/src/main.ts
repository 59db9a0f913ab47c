// The web app: log in, search with facets, read a document with its entity, quote and sanctions
// spans highlighted (each kind can be toggled). Written with React.createElement rather than JSX so
// that the repository's TypeScript and lint settings check it like every other file.
import { createElement as h, StrictMode, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import * as api from './api.client.ts';
import { pieces } from './highlight.ts';
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

function DocumentReader(props: { id: string; onBack: () => void }): ReactNode {
  const [view, setView] = useState<api.DocumentView | null>(null);
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
      { 'data-testid': 'text' },
      ...pieces(d.text, spans).map((p, i) =>
        p.mark ? h('mark', { key: i, className: p.mark.kind, title: p.mark.title }, p.text) : p.text,
      ),
    ),
  );
}

function Workspace(props: { user: api.User; onLogout: () => void }): ReactNode {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<api.SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const run = (q: string) => {
    setQuery(q);
    setOpen(null);
    api.search(q).then(
      (r) => {
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
    'div',
    null,
    h(
      'header',
      null,
      h('h1', null, 'Echotrace'),
      h('span', null, `${props.user.username} (${props.user.role})`),
      h('button', { type: 'button', onClick: () => void api.logout().then(props.onLogout) }, 'Log out'),
    ),
    h(
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
        ? h(DocumentReader, { id: open, onBack: () => setOpen(null) })
        : result
          ? h(
              'section',
              { 'aria-label': 'results' },
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
    ),
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
