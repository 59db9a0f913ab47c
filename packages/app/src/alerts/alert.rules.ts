// The rules behind the spike and silence triggers (docs/alerts.md, docs/decisions/0151-alert-rules.md).
// A spike is trend's own change-point test (change.points.ts) on the saved search's daily series: a
// day whose count a Poisson variable around the median share of the eight days before, times the
// day's volume, would reach with z ≥ 3 (and ≥ 3 documents). A source is silent when the days since
// its last document exceed SILENCE_FACTOR times its usual gap between publishing days (the median
// of its last gaps), and at least MIN_SILENT_DAYS.
import { median } from '../analysis/change.points.ts';

/** Silence: this many times the usual gap with nothing published. */
export const SILENCE_FACTOR = 3;
/** A source needs this many publishing days before it has a usual rhythm to break. */
export const MIN_ACTIVE_DAYS = 5;
/** Gaps the usual one is the median of: recent habits, not those of years ago. */
export const GAP_WINDOW = 20;
/** Never silent before this many whole days without a document (one quiet day is a weekend). */
export const MIN_SILENT_DAYS = 2;

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

export interface Silence {
  sourceId: string;
  lastDay: string;
  daysSilent: number;
  usualGapDays: number;
}

/** Sources whose publishing days (any order, repeats allowed) show a silence at `today`. */
export function silences(daysBySource: ReadonlyMap<string, readonly string[]>, today: string): Silence[] {
  const out: Silence[] = [];
  const now = dayNumber(today);
  for (const [sourceId, days] of daysBySource) {
    const numbers = [...new Set(days.map(dayNumber))].filter((d) => d <= now).sort((a, b) => a - b);
    if (numbers.length < MIN_ACTIVE_DAYS) continue;
    const gaps = numbers.slice(1).map((d, i) => d - numbers[i]!);
    const usualGapDays = median(gaps.slice(-GAP_WINDOW));
    const last = numbers.at(-1)!;
    const daysSilent = now - last;
    if (daysSilent >= MIN_SILENT_DAYS && daysSilent > SILENCE_FACTOR * usualGapDays)
      out.push({
        sourceId,
        lastDay: new Date(last * DAY_MS).toISOString().slice(0, 10),
        daysSilent,
        usualGapDays,
      });
  }
  return out.sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1));
}
