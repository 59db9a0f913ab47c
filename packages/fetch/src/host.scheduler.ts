// Politeness per host: at most N requests in flight, and starts spaced by a delay (the larger of
// the configured delay and robots.txt's Crawl-delay). Start times are reserved in arrival order,
// so concurrent callers queue up behind each other instead of bursting when a delay ends.
import { setTimeout as delay } from 'node:timers/promises';

interface HostState {
  active: number;
  nextStart: number;
  waiters: Array<() => void>;
}

export class HostScheduler {
  readonly #concurrency: number;
  readonly #hosts = new Map<string, HostState>();

  constructor(concurrency: number) {
    this.#concurrency = Math.max(1, concurrency);
  }

  /** Waits for a slot on `host`; call the returned function when the request is done. */
  async acquire(host: string, delayMs: number, signal?: AbortSignal): Promise<() => void> {
    let state = this.#hosts.get(host);
    if (!state) {
      state = { active: 0, nextStart: 0, waiters: [] };
      this.#hosts.set(host, state);
    }
    const current = state;
    while (current.active >= this.#concurrency) {
      await new Promise<void>((resolve) => current.waiters.push(resolve));
    }
    current.active++;
    const now = Date.now();
    const startAt = Math.max(now, current.nextStart);
    current.nextStart = startAt + delayMs;
    const release = (): void => {
      current.active--;
      current.waiters.shift()?.();
    };
    if (startAt > now) {
      try {
        await delay(startAt - now, undefined, { signal });
      } catch (error) {
        release();
        throw error;
      }
    }
    return release;
  }
}
