// Baselines and change points of an attention series (docs/decisions/0150-trend-change-points.md):
// a period's expected count is the median share of the previous periods times the period's own
// volume, and a count that a Poisson variable with that mean would rarely reach is marked. The
// median ignores the spikes it is meant to find; the share keeps a busy news day from reading as a
// rise; the Poisson z needs no fitted model and says "how surprising" in one number.

/** Periods before the current one the baseline is the median of. */
export const BASELINE_WINDOW = 8;
/** No baseline (and no mark) before this many earlier periods with documents in scope. */
export const MIN_HISTORY = 4;
/** |z| at or beyond this marks a change (about 1 in 740 under the baseline, one-sided). */
export const Z_THRESHOLD = 3;
/** A rise needs at least this many documents: two items are never a trend. */
export const MIN_RISE_DOCUMENTS = 3;

export interface SeriesInput {
  documents: number;
  /** Documents in scope in the period: what the share is a share of. */
  total: number;
}

export interface Baselined {
  /** documents / total, null when nothing in scope was published in the period. */
  share: number | null;
  /** Median share over the window, null without enough history. */
  baselineShare: number | null;
  /** baselineShare × total: the count the history predicts. */
  expected: number | null;
  z: number | null;
  change: 'rise' | 'drop' | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function baseline(series: readonly SeriesInput[]): Baselined[] {
  const history: number[] = [];
  return series.map(({ documents, total }) => {
    const share = total > 0 ? documents / total : null;
    let out: Baselined = { share, baselineShare: null, expected: null, z: null, change: null };
    if (share !== null && history.length >= MIN_HISTORY) {
      const baselineShare = median(history.slice(-BASELINE_WINDOW));
      const expected = baselineShare * total;
      // A floor of one document keeps an all-zero history from making any single mention infinite.
      const z = (documents - expected) / Math.sqrt(Math.max(expected, 1));
      const change =
        z >= Z_THRESHOLD && documents >= MIN_RISE_DOCUMENTS ? 'rise' : z <= -Z_THRESHOLD ? 'drop' : null;
      out = { share, baselineShare, expected, z: Math.round(z * 100) / 100, change };
    }
    if (share !== null) history.push(share);
    return out;
  });
}
