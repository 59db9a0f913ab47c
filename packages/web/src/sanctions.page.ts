// Sanctions triage: hits grouped by list entry, each matched entity confirmed or dismissed with a
// reason (analysts and admins; viewers see the decisions only).
import { createElement as h, useState, type ReactNode } from 'react';
import * as api from './api.client.ts';
import { ErrorLine, useLoad, when } from './ui.ts';

function Decide(props: {
  group: api.HitGroup;
  entity: api.HitGroup['entities'][number];
  onDone: () => void;
}): ReactNode {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = (status: 'confirmed' | 'dismissed') => {
    if (!reason.trim()) {
      setError('give a reason');
      return;
    }
    setError(null);
    api
      .decide({
        entityId: props.entity.entityId,
        listEntryId: props.group.listEntryId,
        list: props.group.list,
        status,
        reason: reason.trim(),
      })
      .then(props.onDone, (e: Error) => setError(e.message));
  };
  return h(
    'div',
    { className: 'decide' },
    h(
      'label',
      null,
      'Reason ',
      h('input', {
        name: 'reason',
        value: reason,
        onChange: (e: { target: HTMLInputElement }) => setReason(e.target.value),
      }),
    ),
    h('button', { type: 'button', 'data-action': 'confirm', onClick: () => send('confirmed') }, 'Confirm'),
    h('button', { type: 'button', 'data-action': 'dismiss', onClick: () => send('dismissed') }, 'Dismiss'),
    h(ErrorLine, { error }),
  );
}

export function SanctionsPage(props: { user: api.User }): ReactNode {
  const hits = useLoad(() => api.sanctionsHits(), []);
  const canDecide = props.user.role !== 'viewer';
  if (hits.error) return h(ErrorLine, { error: hits.error });
  if (!hits.data) return h('p', null, 'Loading…');
  return h(
    'section',
    { className: 'page', 'aria-label': 'sanctions triage' },
    h('h2', null, 'Sanctions triage'),
    hits.data.groups.length === 0 ? h('p', null, 'No flagged mentions.') : null,
    ...hits.data.groups.map((g) =>
      h(
        'article',
        { key: `${g.list} ${g.listEntryId}`, className: 'hitgroup', 'data-entry': g.listEntryId },
        h('h3', null, `${g.listedName} `, h('span', { className: 'meta' }, `${g.list} ${g.listEntryId}`)),
        h(
          'p',
          { className: 'meta' },
          `${g.programs.join(', ')} · ${g.mentions} mentions in ${g.documents} documents`,
        ),
        ...g.entities.map((e) =>
          h(
            'div',
            { key: e.entityId, className: `entity-decision ${e.status}`, 'data-entity': e.entityId },
            h('a', { href: `#/entity/${encodeURIComponent(e.entityId)}` }, e.entityId),
            h(
              'span',
              { 'data-testid': 'status' },
              ` ${e.status}${e.reason ? ` — ${e.reason}` : ''}${e.decidedAt ? ` (${when(e.decidedAt)})` : ''}`,
            ),
            canDecide ? h(Decide, { group: g, entity: e, onDone: hits.reload }) : null,
          ),
        ),
        h(
          'ul',
          null,
          ...g.hits
            .slice(0, 20)
            .map((hit) =>
              h(
                'li',
                { key: `${hit.documentId} ${hit.start}` },
                h('a', { href: `#/document/${hit.documentId}` }, `«${hit.text}»`),
                h(
                  'span',
                  { className: 'meta' },
                  ` ${when(hit.publishedAt)} · score ${hit.score.toFixed(2)} · ${hit.explanation}`,
                ),
              ),
            ),
        ),
      ),
    ),
  );
}
