// What route tests share: a user with an API token, and one function calling the app with it that
// reads JSON answers as JSON and anything else as text.
import { createApiToken, createUser } from '@echotrace/app';
import type { Clock, Role, Store } from '@echotrace/core';

// Route tests read loosely shaped JSON and assert on it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Creates the user and returns `Bearer <token>` for it. */
export async function bearerFor(
  store: Store,
  clock: Clock,
  user: { username: string; password: string; role: Role },
): Promise<string> {
  await createUser(store, { ...user, actor: 'test', now: clock.now() });
  const { token } = await createApiToken(store, {
    username: user.username,
    name: 'tests',
    actor: 'test',
    now: clock.now(),
  });
  return `Bearer ${token}`;
}

export interface Answer {
  status: number;
  type: string;
  headers: Headers;
  body: Json;
}

/** `call(method, url, body?)` through `app.request` with the bearer token. */
export function callerOf(
  app: { request(url: string, init: RequestInit): Response | Promise<Response> },
  bearer: () => string,
): (method: string, url: string, body?: unknown) => Promise<Answer> {
  return async (method, url, body) => {
    const response = await app.request(url, {
      method,
      headers: {
        Authorization: bearer(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      headers: response.headers,
      body: type.includes('json') ? ((await response.json()) as unknown) : { text: await response.text() },
    };
  };
}
