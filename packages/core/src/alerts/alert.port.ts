// Alerts: saved searches evaluated on a schedule, the events they fire and the deliveries of those
// events (an outbox: an event and its deliveries are written in the same unit that advances the
// search's state, and a separate step sends them, so a crash between the two never loses or
// repeats an event; docs/alerts.md).
import type { Timestamp } from '../model.ts';

export const ALERT_TRIGGERS = ['new', 'spike', 'first-seen', 'silent'] as const;
export type AlertTrigger = (typeof ALERT_TRIGGERS)[number];

export const DELIVERY_CHANNELS = ['webhook', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'failed', 'delivered'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface SavedSearch {
  /** The analyst's name for it, unique in the store (`sanctions-slogan`). */
  readonly name: string;
  /** A search query (docs/query-syntax.md). */
  readonly query: string;
  readonly everyMinutes: number;
  readonly triggers: readonly AlertTrigger[];
  readonly webhookUrl: string | null;
  /** The environment variable holding the webhook's HMAC secret: the secret itself is never stored. */
  readonly webhookSecretEnv: string | null;
  readonly email: string | null;
  readonly createdAt: Timestamp;
}

/** How far a saved search has been evaluated. Absent until its first evaluation. */
export interface AlertState {
  readonly name: string;
  /** Documents up to this ingest cursor (documents.rowid) have been looked at. */
  readonly watermark: number;
  /** The last day-period a spike was looked at (fired or not), `YYYY-MM-DD`. */
  readonly spikePeriod: string | null;
  readonly evaluatedAt: Timestamp;
  readonly nextDueAt: Timestamp;
}

export interface AlertEvent {
  /** `ev-` + 24 hex of SHA-256 over (search, trigger, key): the idempotency key receivers see. */
  readonly id: string;
  readonly name: string;
  readonly trigger: AlertTrigger;
  /** What makes the event itself: a cursor range, a period, a source and entity, a source and day. */
  readonly key: string;
  readonly firedAt: Timestamp;
  readonly title: string;
  readonly summary: string;
  /** The trigger's facts (documents with their spans, counts, z…), JSON-serializable. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface Delivery {
  readonly eventId: string;
  readonly channel: DeliveryChannel;
  /** The webhook URL or the email address. */
  readonly target: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** When it is next tried; null once delivered or given up. */
  readonly nextAttemptAt: Timestamp | null;
  readonly lastError: string | null;
  readonly deliveredAt: Timestamp | null;
}

export interface DeliveryView extends Delivery {
  readonly event: AlertEvent;
}

/** What one evaluation writes, in one unit. */
export interface AlertAdvance {
  readonly state: AlertState;
  readonly events: readonly AlertEvent[];
  readonly deliveries: readonly Delivery[];
  /** Keys (`entity:SOURCE:ID`, `silent:SOURCE:DAY`…) the search has now seen. */
  readonly seen: readonly string[];
}

export interface AlertRepository {
  /** Adds a saved search; a taken name is a ConflictError. */
  create(search: SavedSearch): Promise<void>;
  get(name: string): Promise<SavedSearch | null>;
  list(): Promise<SavedSearch[]>;
  /** Removes the search with its state, events and deliveries; false when there was none. */
  remove(name: string): Promise<boolean>;
  state(name: string): Promise<AlertState | null>;
  /** Searches never evaluated or whose next evaluation is due at `now`, oldest due first. */
  due(now: Timestamp, limit: number): Promise<SavedSearch[]>;
  /** The highest ingest cursor of any document (0 for an empty store). */
  documentCursor(): Promise<number>;
  /** Which of these keys the search has seen. */
  seen(name: string, keys: readonly string[]): Promise<Set<string>>;
  /**
   * Writes the new state, the events and their deliveries and the seen keys in one unit. An event
   * id already stored is kept as it was (with its deliveries): re-evaluating never fires twice.
   */
  advance(advance: AlertAdvance): Promise<void>;
  /** Events of one search (or all), newest first. */
  events(filter: { name?: string; limit: number }): Promise<AlertEvent[]>;
  /** Deliveries with their events, newest event first. */
  deliveries(filter: { status?: DeliveryStatus; name?: string; limit: number }): Promise<DeliveryView[]>;
  /**
   * Claims deliveries due at `now` (pending or failed, next attempt reached): each one's next
   * attempt moves to `leaseUntil`, so a second runner does not send it meanwhile.
   */
  claimDue(now: Timestamp, leaseUntil: Timestamp, limit: number): Promise<DeliveryView[]>;
  markDelivered(eventId: string, channel: DeliveryChannel, at: Timestamp): Promise<void>;
  /** Records a failed attempt; `nextAttemptAt` null means no more attempts. */
  markFailed(
    eventId: string,
    channel: DeliveryChannel,
    error: string,
    nextAttemptAt: Timestamp | null,
  ): Promise<void>;
}

/** A delivery channel (webhook, email): sends one event or throws. */
export interface AlertDelivery {
  readonly channel: DeliveryChannel;
  send(message: { search: SavedSearch; event: AlertEvent; target: string }): Promise<void>;
}
