// The web app's only way out: the HTTP API, with the session cookie the browser keeps and the CSRF
// token login returned, sent back on every write. Errors arrive as the API's {error: {code, message}}.

export interface User {
  username: string;
  role: 'viewer' | 'analyst' | 'admin';
}

export interface FacetCount {
  value: string;
  documents: number;
}

export interface SearchHit {
  documentId: string;
  title: string | null;
  sourceId: string;
  language: string;
  publishedAt: string | null;
  snippet: string;
  highlights: Array<{ start: number; end: number }>;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets?: { sources: FacetCount[]; languages: FacetCount[]; entities: FacetCount[] };
}

export interface Annotation {
  id: string;
  kind: string;
  label: string;
  start: number;
  end: number;
  attributes: Record<string, unknown>;
}

export interface DocumentView {
  document: {
    id: string;
    title: string | null;
    text: string;
    sourceId: string;
    publishedAt: string | null;
    canonicalUrl: string | null;
    language: string;
  };
  entities: Annotation[];
  quotes: Annotation[];
  sanctions: Annotation[];
}

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

let csrfToken: string | null = null;

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  if (csrfToken && init.method && init.method !== 'GET') headers.set('X-CSRF-Token', csrfToken);
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new ApiError(response.status, body.error?.message ?? response.statusText);
  return body;
}

export async function login(username: string, password: string): Promise<User> {
  const session = await call<{ user: User; csrfToken: string }>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  });
  csrfToken = session.csrfToken;
  return session.user;
}

/** The user of the session the browser already has, or null. */
export async function currentUser(): Promise<User | null> {
  try {
    const session = await call<{ user: User; csrfToken: string | null }>('/api/auth/me');
    csrfToken = session.csrfToken;
    return session.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function logout(): Promise<void> {
  await call('/api/auth/logout', { method: 'POST' });
  csrfToken = null;
}

export function search(query: string, offset = 0): Promise<SearchResult> {
  const params = new URLSearchParams({ q: query, limit: '20', offset: String(offset), facets: 'true' });
  return call<SearchResult>(`/api/search?${params.toString()}`);
}

export function documentView(id: string): Promise<DocumentView> {
  return call<DocumentView>(`/api/documents/${encodeURIComponent(id)}`);
}
