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

// Analysis (Trend, Spread and Network in the OpenAPI description).

export interface TrendPoint {
  period: string;
  documents: number;
  total: number;
  share: number | null;
  change: 'rise' | 'drop' | null;
}

export interface Trend {
  interval: 'day' | 'week' | 'month';
  documents: number;
  periods: string[];
  series: Array<{ key: string; documents: number; points: TrendPoint[] }>;
  changes: Array<{ key: string; period: string; direction: 'rise' | 'drop'; documents: number }>;
}

export interface Spread {
  documents: number;
  sources: Array<{
    order: number;
    sourceId: string;
    name: string;
    labels: string[];
    documents: number;
    firstDocumentId: string;
    firstPublishedUtc: string;
    delayHours: number;
  }>;
  links: Array<{ kind: string; fromSourceId: string | null; toSourceId: string; documents: number }>;
}

export interface Network {
  nodes: Array<{ id: string; label: string; type: string; documents: number }>;
  edges: Array<{ source: string; target: string; weight: number }>;
}

const qs = (params: Record<string, string | undefined>): string =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ).toString();

export function trend(
  q: string,
  interval: Trend['interval'],
  by?: 'source' | 'lang' | 'label',
): Promise<Trend> {
  return call<Trend>(`/api/trend?${qs({ q, interval, by })}`);
}

export function spread(q: string): Promise<Spread> {
  return call<Spread>(`/api/spread?${qs({ q })}`);
}

export function network(q: string): Promise<Network> {
  return call<Network>(`/api/network?${qs({ q })}`);
}

/** A same-origin download link: the browser sends the session cookie with it. */
export const networkFileUrl = (q: string, format: 'gexf' | 'graphml'): string =>
  `/api/network?${qs({ q, format })}`;

export interface NarrativeCount {
  id: string;
  name: string;
  level: string;
  documents: number;
  byMonth: Record<string, number>;
  bySource: Record<string, number>;
}

export interface NarrativeDocuments {
  id: string;
  name: string;
  documents: Array<{
    documentId: string;
    title: string | null;
    sourceId: string;
    publishedAt: string | null;
    score: number;
    method: string;
    evidence: Array<{ start: number; end: number; text: string }>;
  }>;
}

export const narratives = (): Promise<{ narratives: NarrativeCount[] }> => call('/api/narratives');
export const narrative = (id: string): Promise<NarrativeDocuments> =>
  call(`/api/narratives/${encodeURIComponent(id)}`);

// Entities and sanctions.

export interface EntityView {
  entity: {
    id: string;
    type: string;
    names: Record<string, string>;
    aliases: string[];
    description: string | null;
  } | null;
  ids: string[];
  overTime: Array<{ period: string; mentions: number; documents: number }>;
  bySource: Array<{ sourceId: string; name: string; mentions: number; documents: number }>;
  mentions: Array<{
    documentId: string;
    title: string | null;
    sourceId: string;
    publishedAt: string | null;
    surface: string;
  }>;
}

export const entity = (id: string): Promise<EntityView> => call(`/api/entities/${encodeURIComponent(id)}`);

export interface HitGroup {
  list: string;
  listEntryId: string;
  listedName: string;
  programs: string[];
  mentions: number;
  documents: number;
  entities: Array<{
    entityId: string;
    status: 'open' | 'confirmed' | 'dismissed';
    reason: string | null;
    decidedAt: string | null;
    mentions: number;
  }>;
  hits: Array<{
    documentId: string;
    publishedAt: string | null;
    text: string;
    entityId: string;
    score: number;
    explanation: string;
    start: number;
  }>;
}

export const sanctionsHits = (entityId?: string): Promise<{ groups: HitGroup[] }> =>
  call(`/api/sanctions/hits?${qs({ entity: entityId })}`);

export function decide(request: {
  entityId: string;
  listEntryId: string;
  list: string;
  status: 'confirmed' | 'dismissed';
  reason: string;
}): Promise<unknown> {
  return call('/api/sanctions/decisions', { method: 'POST', body: JSON.stringify(request) });
}

// Sources.

export interface SourceHealthRow {
  sourceId: string;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  lastNewItems: number;
  activity: { status?: string; recent?: number } & Record<string, unknown>;
  sanctioned: string[];
}

export interface SourceEntry {
  source: { id: string; name: string; kind: string; homepage: string | null; labels: string[] };
  settings: { feeds: string[]; sitemaps: string[] } | null;
}

export const sources = (): Promise<{ sources: SourceEntry[] }> => call('/api/sources');
export const sourcesHealth = (): Promise<{ sources: SourceHealthRow[] }> => call('/api/sources/health');

export function addSource(body: {
  name: string;
  homepage?: string;
  labels: string[];
  discover: boolean;
}): Promise<SourceEntry & { warnings: string[] }> {
  return call('/api/sources', { method: 'POST', body: JSON.stringify(body) });
}

// Admin.

export interface Account {
  id: string;
  username: string;
  role: User['role'];
  createdAt: string;
  disabledAt: string | null;
}

export interface Token {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

export const users = (): Promise<{ users: Account[] }> => call('/api/users');
export const addUser = (username: string, password: string, role: User['role']): Promise<Account> =>
  call('/api/users', { method: 'POST', body: JSON.stringify({ username, password, role }) });
export const disableUser = (username: string): Promise<Account> =>
  call(`/api/users/${encodeURIComponent(username)}/disable`, { method: 'POST' });
export const tokens = (username: string): Promise<{ tokens: Token[] }> =>
  call(`/api/users/${encodeURIComponent(username)}/tokens`);
export const addToken = (username: string, name: string): Promise<{ token: string }> =>
  call(`/api/users/${encodeURIComponent(username)}/tokens`, {
    method: 'POST',
    body: JSON.stringify({ name }),
  });
export const revokeToken = (id: string): Promise<unknown> =>
  call(`/api/tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
export const audit = (): Promise<{ events: AuditEvent[] }> => call('/api/audit?limit=100');

// Dispatches.

export interface Dispatch {
  id: string;
  headline: string;
  subheadline: string | null;
  date: string;
  summary: string | null;
}

export interface Excerpt {
  id: string;
  documentId: string;
  text: string;
  translation: string | null;
  note: string | null;
}

export type DispatchBlock =
  | { kind: 'heading' | 'text'; position: number; text: string }
  | {
      kind: 'excerpt';
      position: number;
      excerpt: Excerpt;
      footnote: number;
      change: { note: string } | null;
    };

export interface DispatchView {
  dispatch: Dispatch;
  blocks: DispatchBlock[];
  footnotes: Array<{
    number: number;
    outlet: string;
    title: string | null;
    publishedAt: string | null;
    url: string | null;
    captureSha256: string;
  }>;
}

export const dispatches = (): Promise<{ dispatches: Dispatch[] }> => call('/api/dispatches');
export const dispatch = (id: string): Promise<DispatchView> =>
  call(`/api/dispatches/${encodeURIComponent(id)}`);
export const createDispatch = (headline: string): Promise<Dispatch> =>
  call('/api/dispatches', { method: 'POST', body: JSON.stringify({ headline }) });

export function addBlock(
  id: string,
  block: { heading: string } | { text: string } | { excerpt: { documentId: string; passage: string } },
): Promise<unknown> {
  return call(`/api/dispatches/${encodeURIComponent(id)}/blocks`, {
    method: 'POST',
    body: JSON.stringify(block),
  });
}

export const moveBlock = (id: string, from: number, to: number): Promise<DispatchView> =>
  call(`/api/dispatches/${encodeURIComponent(id)}/move`, {
    method: 'POST',
    body: JSON.stringify({ from, to }),
  });
export const removeBlock = (id: string, position: number): Promise<DispatchView> =>
  call(`/api/dispatches/${encodeURIComponent(id)}/blocks/${position}`, { method: 'DELETE' });
export const renderUrl = (id: string, format: 'md' | 'html' | 'docx'): string =>
  `/api/dispatches/${encodeURIComponent(id)}/render?format=${format}`;

export const reviseExcerpt = (
  id: string,
  change: { translation?: string; note?: string },
): Promise<Excerpt> =>
  call(`/api/excerpts/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify(change) });
