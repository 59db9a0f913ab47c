// Dispatches: the list, a new one, and the editor — blocks in order (move up, down, remove), a
// heading or paragraph of one's own, a preview and downloads as Markdown, HTML and Word. Excerpts
// are added from the document reader (ExcerptPicker). The preview is built from the dispatch's
// JSON as React text nodes: no HTML from the server or from an archived page is ever inserted.
import { createElement as h, useState, type FormEvent, type ReactNode } from 'react';
import * as api from './api.client.ts';
import { ErrorLine, Field, useLoad } from './ui.ts';

export function DispatchList(props: { user: api.User }): ReactNode {
  const list = useLoad(() => api.dispatches(), []);
  const [headline, setHeadline] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    api.createDispatch(headline).then(
      (d) => {
        window.location.hash = `#/dispatch/${encodeURIComponent(d.id)}`;
      },
      (e: Error) => setError(e.message),
    );
  };
  return h(
    'section',
    { className: 'page', 'aria-label': 'dispatches' },
    h('h2', null, 'Dispatches'),
    h(ErrorLine, { error: error ?? list.error }),
    h(
      'ul',
      { 'data-testid': 'dispatches' },
      ...(list.data?.dispatches ?? []).map((d) =>
        h(
          'li',
          { key: d.id },
          h('a', { href: `#/dispatch/${encodeURIComponent(d.id)}` }, d.headline),
          h('span', { className: 'meta' }, ` ${d.date}`),
        ),
      ),
    ),
    props.user.role !== 'viewer'
      ? h(
          'form',
          { className: 'inline', onSubmit: submit, 'aria-label': 'new dispatch' },
          h(Field, { label: 'Headline', name: 'headline', value: headline, onChange: setHeadline }),
          h('button', { type: 'submit' }, 'New dispatch'),
        )
      : null,
  );
}

function Preview(props: { view: api.DispatchView }): ReactNode {
  const { dispatch, blocks, footnotes } = props.view;
  return h(
    'article',
    { className: 'preview', 'aria-label': 'preview', 'data-testid': 'preview' },
    h('p', { className: 'meta' }, dispatch.date),
    h('h1', null, dispatch.headline),
    dispatch.subheadline ? h('p', { className: 'sub' }, dispatch.subheadline) : null,
    dispatch.summary ? h('p', null, dispatch.summary) : null,
    ...blocks.map((b) => {
      if (b.kind === 'excerpt')
        return h(
          'blockquote',
          { key: b.position },
          b.excerpt.translation ?? b.excerpt.text,
          h('sup', null, String(b.footnote)),
          b.excerpt.translation ? h('p', { className: 'meta' }, b.excerpt.text) : null,
          b.change ? h('p', { className: 'error' }, b.change.note) : null,
        );
      return b.kind === 'heading'
        ? h('h2', { key: b.position }, b.text)
        : h('p', { key: b.position }, b.text);
    }),
    footnotes.length
      ? h(
          'ol',
          { className: 'footnotes' },
          ...footnotes.map((f) =>
            h(
              'li',
              { key: f.number },
              `${f.outlet}, «${f.title ?? 'untitled'}», ${f.publishedAt?.slice(0, 10) ?? 'undated'}. ${f.url ?? ''} (capture SHA-256 ${f.captureSha256.slice(0, 12)}…)`,
            ),
          ),
        )
      : null,
  );
}

/** An excerpt's translation and note, edited in place (empty clears). */
function ExcerptEdit(props: { excerpt: api.Excerpt; onSaved: () => void }): ReactNode {
  const [translation, setTranslation] = useState(props.excerpt.translation ?? '');
  const [note, setNote] = useState(props.excerpt.note ?? '');
  const [error, setError] = useState<string | null>(null);
  return h(
    'div',
    { className: 'inline excerpt-edit' },
    h(Field, { label: 'Translation', name: 'translation', value: translation, onChange: setTranslation }),
    h(Field, { label: 'Note', name: 'note', value: note, onChange: setNote }),
    h(
      'button',
      {
        type: 'button',
        onClick: () =>
          void api
            .reviseExcerpt(props.excerpt.id, { translation, note })
            .then(props.onSaved, (e: Error) => setError(e.message)),
      },
      'Save',
    ),
    h(ErrorLine, { error }),
  );
}

const blockText = (b: api.DispatchBlock): string =>
  b.kind === 'excerpt' ? `excerpt [${b.footnote}] «${b.excerpt.text}»` : `${b.kind}: ${b.text}`;

export function DispatchEditor(props: { id: string; user: api.User }): ReactNode {
  const loaded = useLoad(() => api.dispatch(props.id), [props.id]);
  const [view, setView] = useState<api.DispatchView | null>(null);
  const [heading, setHeading] = useState('');
  const [paragraph, setParagraph] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = view ?? loaded.data;
  const editable = props.user.role !== 'viewer';
  const fail = (e: Error) => setError(e.message);
  const add = (block: { heading: string } | { text: string }) =>
    api.addBlock(props.id, block).then(() => {
      setView(null);
      loaded.reload();
    }, fail);
  if (loaded.error) return h(ErrorLine, { error: loaded.error });
  if (!current) return h('p', null, 'Loading…');
  const last = current.blocks.length - 1;
  return h(
    'section',
    { className: 'page editor', 'aria-label': 'dispatch editor' },
    h('h2', null, current.dispatch.headline),
    h(
      'p',
      null,
      'Download: ',
      ...(['md', 'html', 'docx'] as const).map((f) =>
        h(
          'a',
          { key: f, href: api.renderUrl(props.id, f), download: '', className: 'download', 'data-format': f },
          f,
        ),
      ),
    ),
    h(ErrorLine, { error }),
    h(
      'ol',
      { className: 'blocks', 'data-testid': 'blocks', start: 0 },
      ...current.blocks.map((b) =>
        h(
          'li',
          { key: `${b.position} ${blockText(b)}`, 'data-kind': b.kind },
          h(
            'span',
            null,
            blockText(b),
            editable && b.kind === 'excerpt'
              ? h(ExcerptEdit, {
                  excerpt: b.excerpt,
                  onSaved: () => {
                    setView(null);
                    loaded.reload();
                  },
                })
              : null,
          ),
          editable
            ? h(
                'span',
                { className: 'actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    disabled: b.position === 0,
                    'aria-label': `move block ${b.position + 1} up`,
                    onClick: () =>
                      void api.moveBlock(props.id, b.position, b.position - 1).then(setView, fail),
                  },
                  '↑',
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    disabled: b.position === last,
                    'aria-label': `move block ${b.position + 1} down`,
                    onClick: () =>
                      void api.moveBlock(props.id, b.position, b.position + 1).then(setView, fail),
                  },
                  '↓',
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    'aria-label': `remove block ${b.position + 1}`,
                    onClick: () => void api.removeBlock(props.id, b.position).then(setView, fail),
                  },
                  '✕',
                ),
              )
            : null,
        ),
      ),
    ),
    editable
      ? h(
          'div',
          { className: 'inline' },
          h(Field, { label: 'Heading', name: 'heading', value: heading, onChange: setHeading }),
          h(
            'button',
            { type: 'button', onClick: () => void add({ heading }).then(() => setHeading('')) },
            'Add heading',
          ),
          h(Field, { label: 'Paragraph', name: 'paragraph', value: paragraph, onChange: setParagraph }),
          h(
            'button',
            { type: 'button', onClick: () => void add({ text: paragraph }).then(() => setParagraph('')) },
            'Add paragraph',
          ),
          h('p', { className: 'meta' }, 'Excerpts are added from a document: select text in the reader.'),
        )
      : null,
    h('h3', null, 'Preview'),
    h(Preview, { view: current }),
  );
}

/** In the document reader: the selected text (or a passage typed) added to a dispatch as an excerpt. */
export function ExcerptPicker(props: { documentId: string; selection: string }): ReactNode {
  const list = useLoad(() => api.dispatches(), []);
  const [target, setTarget] = useState('');
  const [typed, setTyped] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const passage = typed ?? props.selection;
  const chosen = target || list.data?.dispatches[0]?.id || '';
  const add = () => {
    if (!chosen || !passage.trim()) {
      setError('select a passage of the text and a dispatch');
      return;
    }
    api.addBlock(chosen, { excerpt: { documentId: props.documentId, passage: passage.trim() } }).then(
      () => {
        setError(null);
        setDone(`Added to ${chosen}`);
        setTyped(null);
      },
      (e: Error) => setError(e.message),
    );
  };
  return h(
    'fieldset',
    { className: 'picker', 'aria-label': 'add an excerpt' },
    h('legend', null, 'Add to a dispatch'),
    h(
      'label',
      null,
      'Passage ',
      h('textarea', {
        name: 'passage',
        rows: 2,
        value: passage,
        onChange: (e: { target: HTMLTextAreaElement }) => setTyped(e.target.value),
      }),
    ),
    h(
      'label',
      null,
      'Dispatch ',
      h(
        'select',
        {
          name: 'dispatch',
          value: chosen,
          onChange: (e: { target: HTMLSelectElement }) => setTarget(e.target.value),
        },
        ...(list.data?.dispatches ?? []).map((d) => h('option', { key: d.id, value: d.id }, d.headline)),
      ),
    ),
    h('button', { type: 'button', onClick: add }, 'Add excerpt'),
    done
      ? h(
          'p',
          { role: 'status' },
          done,
          ' · ',
          h('a', { href: `#/dispatch/${encodeURIComponent(chosen)}` }, 'open'),
        )
      : null,
    h(ErrorLine, { error: error ?? list.error }),
  );
}
