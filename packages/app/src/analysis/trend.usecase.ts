// Attention over time: how many documents of a selection appeared per day, week or month, overall or
// split by source, language or source label, as counts and as shares of everything those sources
// published in the period, with each series' own baseline and change points (change.points.ts).
import type { DayCount, DocumentSelection, Source, Store } from '@echotrace/core';
import { baseline, type Baselined } from './change.points.ts';
import { periodOf, periodRange, type Interval } from './periods.ts';

export const TREND_SPLITS = ['source', 'lang', 'label'] as const;
export type TrendSplit = (typeof TREND_SPLITS)[number];

/** The key of the series a source without labels falls in when split by label. */
export const UNLABELED = '(no label)';

export interface TrendRequest {
  selection: DocumentSelection;
  interval: Interval;
  by?: TrendSplit | null;
}

export interface TrendPoint extends Baselined {
  period: string;
  documents: number;
  total: number;
}

export interface TrendSeries {
  /** `all`, a source id, a language or a label. */
  key: string;
  documents: number;
  points: TrendPoint[];
}

export interface TrendChange {
  key: string;
  period: string;
  direction: 'rise' | 'drop';
  documents: number;
  expected: number;
  z: number;
}

export interface Trend {
  interval: Interval;
  by: TrendSplit | null;
  /** Matching dated documents (each once, though a split by label may count it in two series). */
  documents: number;
  periods: string[];
  series: TrendSeries[];
  /** The first period of each run of marked periods in a series: where attention changed. */
  changes: TrendChange[];
}

export async function trend(store: Store, request: TrendRequest): Promise<Trend> {
  const { selection, interval } = request;
  const by = request.by ?? null;
  const [counts, totals, sources] = await Promise.all([
    store.analysis.dailyCounts(selection),
    store.analysis.dailyTotals(selection),
    by === 'label' ? store.sources.list() : Promise.resolve([] as Source[]),
  ]);
  const labels = new Map(sources.map((s) => [s.id, s.labels.length ? s.labels : [UNLABELED]]));
  const keysOf = (row: DayCount): string[] =>
    by === 'source'
      ? [row.sourceId]
      : by === 'lang'
        ? [row.language]
        : by === 'label'
          ? (labels.get(row.sourceId) ?? [UNLABELED])
          : ['all'];
  const tally = (rows: DayCount[]) => {
    const out = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const period = periodOf(row.day, interval);
      for (const key of keysOf(row)) {
        const perPeriod = out.get(key) ?? new Map<string, number>();
        perPeriod.set(period, (perPeriod.get(period) ?? 0) + row.documents);
        out.set(key, perPeriod);
      }
    }
    return out;
  };
  const matched = tally(counts);
  const scope = tally(totals);
  const days = totals.map((t) => t.day);
  const periods = days.length
    ? periodRange(periodOf(days[0]!, interval), periodOf(days.at(-1)!, interval), interval)
    : [];
  const series: TrendSeries[] = [...matched.keys()].sort().map((key) => {
    const mine = matched.get(key)!;
    const all = scope.get(key) ?? new Map<string, number>();
    const raw = periods.map((period) => ({
      period,
      documents: mine.get(period) ?? 0,
      total: all.get(period) ?? 0,
    }));
    const marked = baseline(raw);
    const points = raw.map((point, i) => ({ ...point, ...marked[i]! }));
    return { key, documents: points.reduce((sum, p) => sum + p.documents, 0), points };
  });
  // Largest series first, so a chart shows what matters at the top.
  series.sort((a, b) => b.documents - a.documents || (a.key < b.key ? -1 : 1));
  const changes: TrendChange[] = [];
  for (const s of series) {
    s.points.forEach((point, i) => {
      if (!point.change || s.points[i - 1]?.change === point.change) return;
      changes.push({
        key: s.key,
        period: point.period,
        direction: point.change,
        documents: point.documents,
        expected: Math.round(point.expected! * 100) / 100,
        z: point.z!,
      });
    });
  }
  changes.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const documents = counts.reduce((sum, c) => sum + c.documents, 0);
  return { interval, by, documents, periods, series, changes };
}
