// Admin: users (add, disable), a user's API tokens (make one, shown once; revoke), the audit log.
import { createElement as h, useState, type FormEvent, type ReactNode } from 'react';
import * as api from './api.client.ts';
import { ErrorLine, Field, useLoad, when } from './ui.ts';

function Tokens(props: { username: string }): ReactNode {
  const list = useLoad(() => api.tokens(props.username), [props.username]);
  const [name, setName] = useState('');
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    api.addToken(props.username, name).then(
      (t) => {
        setMade(t.token);
        list.reload();
      },
      (e: Error) => setError(e.message),
    );
  };
  return h(
    'section',
    { 'aria-label': `tokens of ${props.username}` },
    h('h3', null, `Tokens of ${props.username}`),
    h(
      'ul',
      { 'data-testid': 'tokens' },
      ...(list.data?.tokens ?? []).map((t) =>
        h(
          'li',
          { key: t.id },
          `${t.name} · made ${when(t.createdAt)} · last used ${when(t.lastUsedAt)} `,
          t.revokedAt
            ? h('span', { className: 'meta' }, `revoked ${when(t.revokedAt)}`)
            : h(
                'button',
                {
                  type: 'button',
                  onClick: () =>
                    void api.revokeToken(t.id).then(list.reload, (e: Error) => setError(e.message)),
                },
                'Revoke',
              ),
        ),
      ),
    ),
    h(
      'form',
      { className: 'inline', onSubmit: submit },
      h(Field, { label: 'Token name', name: 'tokenName', value: name, onChange: setName }),
      h('button', { type: 'submit' }, 'Make token'),
    ),
    made ? h('p', { role: 'status' }, 'Shown once: ', h('code', { 'data-testid': 'new-token' }, made)) : null,
    h(ErrorLine, { error: error ?? list.error }),
  );
}

export function AdminPage(): ReactNode {
  const people = useLoad(() => api.users(), []);
  const log = useLoad(() => api.audit(), []);
  const [picked, setPicked] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<api.User['role']>('viewer');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    people.reload();
    log.reload();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    api.addUser(username, password, role).then(
      () => {
        setError(null);
        setUsername('');
        setPassword('');
        refresh();
      },
      (e: Error) => setError(e.message),
    );
  };
  return h(
    'section',
    { className: 'page', 'aria-label': 'admin' },
    h('h2', null, 'Users'),
    h(ErrorLine, { error: error ?? people.error }),
    h(
      'div',
      { className: 'scroll' },
      h(
        'table',
        { 'data-testid': 'users' },
        h(
          'thead',
          null,
          h('tr', null, ...['user', 'role', 'since', 'state', ''].map((t) => h('th', { key: t }, t))),
        ),
        h(
          'tbody',
          null,
          ...(people.data?.users ?? []).map((u) =>
            h(
              'tr',
              { key: u.id, 'data-user': u.username },
              h('td', null, u.username),
              h('td', null, u.role),
              h('td', null, when(u.createdAt)),
              h('td', null, u.disabledAt ? `disabled ${when(u.disabledAt)}` : 'active'),
              h(
                'td',
                null,
                h('button', { type: 'button', onClick: () => setPicked(u.username) }, 'Tokens'),
                u.disabledAt
                  ? null
                  : h(
                      'button',
                      {
                        type: 'button',
                        onClick: () =>
                          void api.disableUser(u.username).then(refresh, (e: Error) => setError(e.message)),
                      },
                      'Disable',
                    ),
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      'form',
      { className: 'inline', onSubmit: submit, 'aria-label': 'add a user' },
      h(Field, { label: 'Username', name: 'newUsername', value: username, onChange: setUsername }),
      h(Field, {
        label: 'Password',
        name: 'newPassword',
        value: password,
        onChange: setPassword,
        type: 'password',
      }),
      h(
        'label',
        null,
        'Role ',
        h(
          'select',
          {
            name: 'role',
            value: role,
            onChange: (e: { target: HTMLSelectElement }) => setRole(e.target.value as api.User['role']),
          },
          ...['viewer', 'analyst', 'admin'].map((r) => h('option', { key: r, value: r }, r)),
        ),
      ),
      h('button', { type: 'submit' }, 'Add user'),
    ),
    picked ? h(Tokens, { username: picked }) : null,
    h('h2', null, 'Audit log'),
    h(ErrorLine, { error: log.error }),
    h(
      'div',
      { className: 'scroll' },
      h(
        'table',
        { 'data-testid': 'audit' },
        h(
          'thead',
          null,
          h('tr', null, ...['when', 'who', 'action', 'target', 'details'].map((t) => h('th', { key: t }, t))),
        ),
        h(
          'tbody',
          null,
          ...(log.data?.events ?? []).map((e) =>
            h(
              'tr',
              { key: e.id },
              h('td', null, when(e.at)),
              h('td', null, e.actor),
              h('td', null, e.action),
              h('td', null, e.target ?? ''),
              h('td', { className: 'meta' }, JSON.stringify(e.details)),
            ),
          ),
        ),
      ),
    ),
  );
}
