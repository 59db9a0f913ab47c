// Alerts (docs/alerts.md): saved searches evaluated on their schedule. An evaluation reads what is
// new since the search's watermark (documents in ingest order), fires events for its triggers and
// writes the new state, the events, their deliveries (the outbox) and the keys it has now seen in
// one unit; delivering is a separate step that sends and then marks. So a crash before the unit
// commits re-evaluates the same documents (same event ids: nothing fires twice), and a crash after
// it leaves the deliveries pending for the next run.
import {
  ConflictError,
  InputError,
  NotFoundError,
  sha256Hex,
  type AlertDelivery,
  type AlertEvent,
  type AlertState,
  type AlertTrigger,
  type Clock,
  type Delivery,
  type DeliveryChannel,
  type DeliveryStatus,
  type DeliveryView,
  type SavedSearch,
  type SelectedDocument,
  type Store,
} from '@echotrace/core';
import { checkSelection, selectionFromText } from '../analysis/analysis.selection.ts';
import { matchedSpans, selectedDocuments } from '../analysis/export.usecase.ts';
import { trend } from '../analysis/trend.usecase.ts';
import { crashPoint } from '../crash.points.ts';
import { silences } from './alert.rules.ts';
import {
  checkAlertName,
  checkEmail,
  checkSecretEnv,
  checkWebhookUrl,
  parseEvery,
  parseTriggers,
} from './alert.settings.ts';

/** Documents listed in one event; the count says how many there were. */
export const EVENT_DOCUMENTS = 50;
/** Pages of new documents read per evaluation step. */
const PAGE = 500;
/** A claimed delivery is left alone this long by other runners. */
export const DELIVERY_LEASE_MS = 5 * 60_000;
/** Retry after 30 s, 1 min, 2 min … capped at 6 h; after this many attempts the delivery stays failed. */
export const MAX_ATTEMPTS = 12;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 6 * 3_600_000;

export type AlertDeliveries = Partial<Record<DeliveryChannel, AlertDelivery>>;

export interface AddAlertInput {
  name: string;
  query: string;
  every?: string;
  triggers?: readonly string[];
  webhook?: string;
  secretEnv?: string;
  email?: string;
}

/** Checks where a webhook may point (the fetcher's address guard); throws InputError naming --webhook. */
export type WebhookTargetCheck = (url: string) => void;

export async function addAlert(
  store: Store,
  clock: Clock,
  input: AddAlertInput,
  checkTarget: WebhookTargetCheck = () => undefined,
): Promise<SavedSearch> {
  const name = checkAlertName(input.name);
  const selection = selectionFromText(input.query);
  await checkSelection(store, selection);
  if (selection.kind !== 'query')
    throw new InputError('--query', 'a saved search is a query, not a copy group');
  const webhookUrl = input.webhook === undefined ? null : checkWebhookUrl(input.webhook);
  if (webhookUrl) checkTarget(webhookUrl);
  if ((input.secretEnv === undefined) !== (webhookUrl === null))
    throw new InputError(
      '--secret-env',
      webhookUrl
        ? 'is required with --webhook: name the environment variable holding the signing secret'
        : 'only goes with --webhook',
    );
  const search: SavedSearch = {
    name,
    query: input.query.trim(),
    everyMinutes: parseEvery(input.every ?? '15m'),
    triggers: parseTriggers(input.triggers ?? []),
    webhookUrl,
    webhookSecretEnv: input.secretEnv === undefined ? null : checkSecretEnv(input.secretEnv),
    email: input.email === undefined ? null : checkEmail(input.email),
    createdAt: clock.now().toISOString(),
  };
  if (await store.alerts.get(name))
    throw new ConflictError(`a saved search named ${name} exists`, {
      table: 'alert_searches',
      constraint: 'name',
    });
  await store.alerts.create(search);
  return search;
}

export interface AlertSummary extends SavedSearch {
  state: AlertState | null;
}

export async function listAlerts(store: Store): Promise<AlertSummary[]> {
  const searches = await store.alerts.list();
  return Promise.all(searches.map(async (s) => ({ ...s, state: await store.alerts.state(s.name) })));
}

export async function removeAlert(store: Store, name: string): Promise<void> {
  if (!(await store.alerts.remove(name))) throw new NotFoundError('saved search', name);
}

/** The idempotency key of an event: the same search (as created), trigger and key give the same id. */
export function eventId(search: SavedSearch, trigger: AlertTrigger, key: string): string {
  return `ev-${sha256Hex(JSON.stringify([search.name, search.createdAt, trigger, key])).slice(0, 24)}`;
}

interface Draft {
  trigger: AlertTrigger;
  key: string;
  title: string;
  summary: string;
  details: Record<string, unknown>;
}

interface DocumentFact {
  documentId: string;
  url: string | null;
  sourceId: string;
  title: string | null;
  publishedAt: string | null;
  /** Where it matched, UTF-16 code units of the document text. */
  start: number;
  end: number;
  matched: string;
}

const SNIPPET = 200;

/** Evaluates one saved search now and commits what it fired. Returns the events (new ones only once). */
export async function evaluateAlert(store: Store, search: SavedSearch, clock: Clock): Promise<AlertEvent[]> {
  const now = clock.now();
  const at = now.toISOString();
  const state = await store.alerts.state(search.name);
  const first = state === null;
  const upTo = await store.alerts.documentCursor();
  const selection = selectionFromText(search.query);
  const triggers = new Set(search.triggers);
  const names = new Map((await store.sources.list()).map((s) => [s.id, s.name]));
  const sourceName = (id: string) => names.get(id) ?? id;
  const drafts: Draft[] = [];
  const seen: string[] = [];

  // New documents since the watermark (on the first evaluation, only to seed first-seen: a new
  // saved search does not fire on the whole history).
  const wantsDocuments = (!first && triggers.has('new')) || triggers.has('first-seen');
  const fresh: DocumentFact[] = [];
  let freshCount = 0;
  const firstSeen = new Map<string, { key: string; kind: string; id: string; document: DocumentFact }>();
  if (wantsDocuments) {
    const finder = matchedSpans(selection);
    const after = state?.watermark ?? 0;
    pages: for await (const page of selectedDocuments(store, selection, PAGE, after)) {
      const inRange = page.filter((d) => d.cursor <= upTo);
      const mentions =
        finder.needsMentions || triggers.has('first-seen')
          ? await store.analysis.mentionsOf(inRange.map((d) => d.documentId))
          : [];
      for (const document of inRange) {
        const { start, end } = finder.spanOf(document, mentions);
        const fact = factOf(document, start, end);
        freshCount += 1;
        if (fresh.length < EVENT_DOCUMENTS) fresh.push(fact);
        if (triggers.has('first-seen')) {
          for (const m of mentions)
            if (m.documentId === document.documentId) {
              const key = `entity:${document.sourceId}:${m.entityId}`;
              if (!firstSeen.has(key))
                firstSeen.set(key, {
                  key,
                  kind: 'entity',
                  id: m.entityId,
                  document: { ...factOf(document, m.start, m.end) },
                });
            }
          for (const a of await store.annotations.forDocument(document.documentId))
            if (a.kind === 'narrative') {
              const raw = (a.attributes as { narrativeId?: unknown }).narrativeId;
              const id = typeof raw === 'string' ? raw : '';
              const key = `narrative:${document.sourceId}:${id}`;
              if (id && !firstSeen.has(key))
                firstSeen.set(key, {
                  key,
                  kind: 'narrative',
                  id,
                  document: factOf(document, a.start, a.end),
                });
            }
        }
      }
      if (inRange.length < page.length) break pages;
    }
  }
  if (!first && triggers.has('new') && freshCount > 0) {
    const bySource = new Map<string, number>();
    for (const f of fresh) bySource.set(f.sourceId, (bySource.get(f.sourceId) ?? 0) + 1);
    drafts.push({
      trigger: 'new',
      // The cursor range makes the event: re-evaluating the same documents gives the same id.
      key: `${state.watermark}-${upTo}`,
      title: `${freshCount} new document${freshCount === 1 ? '' : 's'} for ${search.name}`,
      summary: fresh
        .slice(0, 5)
        .map((f) => `${sourceName(f.sourceId)}: ${f.title ?? f.matched}`)
        .join('\n'),
      details: { count: freshCount, documents: fresh },
    });
  }
  if (triggers.has('first-seen') && firstSeen.size) {
    const known = await store.alerts.seen(search.name, [...firstSeen.keys()]);
    for (const item of firstSeen.values()) {
      if (known.has(item.key)) continue;
      seen.push(item.key);
      if (first) continue;
      drafts.push({
        trigger: 'first-seen',
        key: item.key,
        title: `${item.kind} ${item.id} first seen in ${sourceName(item.document.sourceId)}`,
        summary: `${sourceName(item.document.sourceId)}: ${item.document.matched}`,
        details: { kind: item.kind, id: item.id, sourceId: item.document.sourceId, document: item.document },
      });
    }
  }

  let spikePeriod = state?.spikePeriod ?? null;
  if (triggers.has('spike')) {
    const series = (await trend(store, { selection, interval: 'day' })).series.find((s) => s.key === 'all');
    const points = series?.points ?? [];
    const candidates = points.filter(
      (p) => p.change === 'rise' && (spikePeriod === null || p.period >= spikePeriod),
    );
    const keys = candidates.map((p) => `spike:${p.period}`);
    const known = await store.alerts.seen(search.name, keys);
    for (const point of candidates) {
      const key = `spike:${point.period}`;
      if (known.has(key)) continue;
      seen.push(key);
      // At creation, a spike already under way is the baseline, not news.
      if (first) continue;
      drafts.push({
        trigger: 'spike',
        key,
        title: `Spike for ${search.name} on ${point.period}: ${point.documents} documents, ${round(point.expected!)} expected`,
        summary: `z = ${point.z} against the median share of the previous days (${point.total} documents in scope)`,
        details: {
          period: point.period,
          documents: point.documents,
          total: point.total,
          expected: round(point.expected!),
          baselineShare: point.baselineShare,
          z: point.z,
        },
      });
    }
    spikePeriod = points.at(-1)?.period ?? spikePeriod;
  }

  if (triggers.has('silent')) {
    const days = new Map<string, string[]>();
    for (const row of await store.analysis.dailyTotals(selection)) {
      const list = days.get(row.sourceId) ?? [];
      list.push(row.day);
      days.set(row.sourceId, list);
    }
    const found = silences(days, at.slice(0, 10));
    const keys = found.map((s) => `silent:${s.sourceId}:${s.lastDay}`);
    const known = await store.alerts.seen(search.name, keys);
    for (const silence of found) {
      const key = `silent:${silence.sourceId}:${silence.lastDay}`;
      if (known.has(key)) continue;
      seen.push(key);
      if (first) continue;
      drafts.push({
        trigger: 'silent',
        key,
        title: `${sourceName(silence.sourceId)} silent for ${silence.daysSilent} days`,
        summary: `last document on ${silence.lastDay}; it usually publishes every ${silence.usualGapDays} day(s)`,
        details: { ...silence },
      });
    }
  }

  const events: AlertEvent[] = drafts.map((d) => ({
    id: eventId(search, d.trigger, d.key),
    name: search.name,
    trigger: d.trigger,
    key: d.key,
    firedAt: at,
    title: d.title,
    summary: d.summary,
    details: d.details,
  }));
  const deliveries: Delivery[] = events.flatMap((event) => [
    ...(search.webhookUrl ? [pending(event.id, 'webhook', search.webhookUrl, at)] : []),
    ...(search.email ? [pending(event.id, 'email', search.email, at)] : []),
  ]);
  await store.alerts.advance({
    state: {
      name: search.name,
      watermark: Math.max(upTo, state?.watermark ?? 0),
      spikePeriod,
      evaluatedAt: at,
      nextDueAt: new Date(now.getTime() + search.everyMinutes * 60_000).toISOString(),
    },
    events,
    deliveries,
    seen,
  });
  return events;
}

function factOf(document: SelectedDocument, start: number, end: number): DocumentFact {
  return {
    documentId: document.documentId,
    url: document.canonicalUrl,
    sourceId: document.sourceId,
    title: document.title,
    publishedAt: document.publishedAt,
    start,
    end,
    matched: document.text.slice(start, Math.min(end, start + SNIPPET)),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

const pending = (eventId: string, channel: DeliveryChannel, target: string, at: string): Delivery => ({
  eventId,
  channel,
  target,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: at,
  lastError: null,
  deliveredAt: null,
});

export interface EvaluationReport {
  evaluated: number;
  fired: number;
  failed: Array<{ name: string; error: string }>;
}

export interface EvaluateOptions {
  limit?: number;
  /** Every saved search now, due or not (`alerts run --all`). */
  all?: boolean;
  signal?: AbortSignal;
  onEvaluated?: (name: string, events: number) => void;
}

/** Evaluates every due saved search (at most `limit`), each in its own unit. */
export async function evaluateDue(
  store: Store,
  clock: Clock,
  options: EvaluateOptions = {},
): Promise<EvaluationReport> {
  const report: EvaluationReport = { evaluated: 0, fired: 0, failed: [] };
  const due = options.all
    ? await store.alerts.list()
    : await store.alerts.due(clock.now().toISOString(), options.limit ?? 10_000);
  for (const search of due) {
    if (options.signal?.aborted) break;
    try {
      const events = await evaluateAlert(store, search, clock);
      report.evaluated += 1;
      report.fired += events.length;
      options.onEvaluated?.(search.name, events.length);
      crashPoint('alert-fired', report.fired);
    } catch (error) {
      // One broken search (a source since removed, a query now refused) must not stop the others;
      // it is reported and tried again at its next run, since its state did not move.
      report.failed.push({
        name: search.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return report;
}

export interface DeliveryReport {
  delivered: number;
  failed: Array<{ eventId: string; channel: DeliveryChannel; error: string }>;
}

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
}

export interface DeliverOptions {
  signal?: AbortSignal;
  /** How long a claimed delivery is left alone by other runners (default 5 minutes). */
  leaseMs?: number;
}

/** Sends the deliveries that are due, marking each delivered or failed (with its next attempt). */
export async function deliverDue(
  store: Store,
  channels: AlertDeliveries,
  clock: Clock,
  options: DeliverOptions = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, failed: [] };
  const searches = new Map<string, SavedSearch | null>();
  for (;;) {
    if (options.signal?.aborted) break;
    const now = clock.now();
    const claimed = await store.alerts.claimDue(
      now.toISOString(),
      new Date(now.getTime() + (options.leaseMs ?? DELIVERY_LEASE_MS)).toISOString(),
      // One at a time: a runner killed mid-batch would otherwise hold the rest of its claims until
      // their leases ran out, though it never started sending them.
      1,
    );
    if (claimed.length === 0) break;
    for (const delivery of claimed) {
      if (!searches.has(delivery.event.name))
        searches.set(delivery.event.name, await store.alerts.get(delivery.event.name));
      const search = searches.get(delivery.event.name);
      try {
        const channel = channels[delivery.channel];
        if (!channel)
          throw new Error(
            delivery.channel === 'email'
              ? 'email is not configured: set ECHOTRACE_SMTP_HOST and ECHOTRACE_SMTP_FROM'
              : `no ${delivery.channel} delivery configured`,
          );
        if (!search) throw new Error(`saved search ${delivery.event.name} is gone`);
        await channel.send({ search, event: delivery.event, target: delivery.target });
        crashPoint('alert-sent', report.delivered + 1);
        await store.alerts.markDelivered(delivery.eventId, delivery.channel, clock.now().toISOString());
        report.delivered += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const attempts = delivery.attempts + 1;
        const next =
          attempts >= MAX_ATTEMPTS
            ? null
            : new Date(clock.now().getTime() + backoffMs(attempts)).toISOString();
        await store.alerts.markFailed(delivery.eventId, delivery.channel, message, next);
        report.failed.push({ eventId: delivery.eventId, channel: delivery.channel, error: message });
      }
    }
  }
  return report;
}

/** One pass: evaluate what is due, then deliver what is due. */
export async function runAlertsOnce(
  store: Store,
  channels: AlertDeliveries,
  clock: Clock,
  options: EvaluateOptions & DeliverOptions = {},
): Promise<{ evaluation: EvaluationReport; delivery: DeliveryReport }> {
  const evaluation = await evaluateDue(store, clock, options);
  const delivery = await deliverDue(store, channels, clock, options);
  return { evaluation, delivery };
}

export async function alertDeliveries(
  store: Store,
  filter: { status?: DeliveryStatus; name?: string; limit?: number } = {},
): Promise<DeliveryView[]> {
  if (filter.name !== undefined && !(await store.alerts.get(filter.name)))
    throw new NotFoundError('saved search', filter.name);
  return store.alerts.deliveries({ ...filter, limit: filter.limit ?? 100 });
}

export async function alertEvents(store: Store, name: string, limit = 100): Promise<AlertEvent[]> {
  if (!(await store.alerts.get(name))) throw new NotFoundError('saved search', name);
  return store.alerts.events({ name, limit });
}
