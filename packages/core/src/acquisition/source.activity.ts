// Is a source still publishing as it used to? A feed that breaks quietly (a redesign, a moved
// sitemap, a block) usually shows up as silence, not as errors: compare the recent daily rate of
// documents with the source's own baseline before it.
import type { SearchIndex } from '../ports.ts';

export type ActivityState = 'ok' | 'declining' | 'silent' | 'no-history';

export interface SourceActivity {
  /** Documents per day published in the recent window. */
  recentPerDay: number;
  /** Documents per day published in the baseline window just before it. */
  baselinePerDay: number;
  recentDays: number;
  baselineDays: number;
  state: ActivityState;
}

export interface ActivityOptions {
  recentDays?: number;
  baselineDays?: number;
  /** Below this baseline rate a quiet spell is normal, not news. */
  minBaselinePerDay?: number;
  /** Recent rate below this share of the baseline counts as declining. */
  decliningShare?: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** Judges recent against baseline daily rates; pure, for tests and for any source of counts. */
export function judgeActivity(
  recent: number,
  baseline: number,
  recentDays: number,
  baselineDays: number,
  options: ActivityOptions = {},
): SourceActivity {
  const recentPerDay = recent / recentDays;
  const baselinePerDay = baseline / baselineDays;
  let state: ActivityState = 'ok';
  if (baselinePerDay < (options.minBaselinePerDay ?? 1)) state = 'no-history';
  else if (recent === 0) state = 'silent';
  else if (recentPerDay < baselinePerDay * (options.decliningShare ?? 0.25)) state = 'declining';
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    recentPerDay: round(recentPerDay),
    baselinePerDay: round(baselinePerDay),
    recentDays,
    baselineDays,
    state,
  };
}

/** Counts a source's documents by publication time through the search port (any adapter). */
export async function sourceActivity(
  search: SearchIndex,
  sourceId: string,
  now: Date,
  options: ActivityOptions = {},
): Promise<SourceActivity> {
  const recentDays = options.recentDays ?? 3;
  const baselineDays = options.baselineDays ?? 28;
  const recentStart = new Date(now.getTime() - recentDays * DAY_MS);
  const baselineStart = new Date(recentStart.getTime() - baselineDays * DAY_MS);
  const count = async (from: Date, to: Date): Promise<number> =>
    (
      await search.search({
        query: {
          source: `source:${sourceId}`,
          text: null,
          filters: {
            sources: [sourceId],
            languages: [],
            from: from.toISOString(),
            to: to.toISOString(),
            entities: [],
          },
        },
        limit: 1,
        offset: 0,
      })
    ).total;
  const [recent, baseline] = await Promise.all([count(recentStart, now), count(baselineStart, recentStart)]);
  return judgeActivity(recent, baseline, recentDays, baselineDays, options);
}
