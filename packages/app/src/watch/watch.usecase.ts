// Watching registered sources: one pass over the due ones, or passes every `checkEverySeconds` until
// the signal stops it. Reports go to `onReports` as each pass ends (a long-running watch prints as it
// goes) and are all returned at the end.
import { pollDueSources, type PollReport, type WatchDependencies } from '@echotrace/core';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WatchRequest {
  /** Pages fetched per source per poll. */
  maxItems: number;
  /** Poll these sources now, due or not; implies one pass. */
  sourceIds?: string[];
  once: boolean;
  checkEverySeconds: number;
  signal: AbortSignal;
  onReports?: (reports: PollReport[]) => void;
}

export async function watchSources(deps: WatchDependencies, request: WatchRequest): Promise<PollReport[]> {
  const all: PollReport[] = [];
  for (;;) {
    const reports = await pollDueSources(deps, {
      maxItems: request.maxItems,
      sourceIds: request.sourceIds,
      signal: request.signal,
    });
    all.push(...reports);
    request.onReports?.(reports);
    if (request.once || request.sourceIds || request.signal.aborted) break;
    // Ctrl-C ends the wait early; any other failure of the timer is a bug and propagates.
    const stopped = await sleep(request.checkEverySeconds * 1000, false, { signal: request.signal }).catch(
      (error: unknown) => {
        if (request.signal.aborted) return true;
        throw error;
      },
    );
    if (stopped) break;
  }
  return all;
}

/** A watch failed when any source it polled is failing. */
export function watchFailed(reports: PollReport[]): boolean {
  return reports.some((report) => report.health.consecutiveFailures > 0);
}
