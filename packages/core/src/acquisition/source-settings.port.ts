// What to watch for each source and how that is going. Kept apart from `Source` (identity and
// labels) so that acquisition settings can grow without touching the core model.
import type { Timestamp } from '../model.ts';

export interface SourceSettings {
  sourceId: string;
  /** Feed URLs (RSS, Atom, JSON Feed) polled for new items. */
  feeds: string[];
  /** Sitemap URLs (urlset, index or Google News) polled for new items. */
  sitemaps: string[];
  pollIntervalMinutes: number;
  enabled: boolean;
}

export interface SourceHealth {
  sourceId: string;
  lastPollAt: Timestamp | null;
  lastSuccessAt: Timestamp | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Documents added or updated by the last poll. */
  lastNewItems: number;
  nextPollAt: Timestamp | null;
}

export interface SourceSettingsRepository {
  upsert(settings: SourceSettings): Promise<void>;
  get(sourceId: string): Promise<SourceSettings | null>;
  list(): Promise<SourceSettings[]>;
  remove(sourceId: string): Promise<void>;
  recordHealth(health: SourceHealth): Promise<void>;
  health(sourceId: string): Promise<SourceHealth | null>;
  listHealth(): Promise<SourceHealth[]>;
}

export const DEFAULT_POLL_INTERVAL_MINUTES = 30;
