// Login rate limiting, in memory (one server process serves a team): after 5 failed logins for a
// username, or 20 from one client address, within WINDOW_MS, further attempts are refused until the
// oldest failure leaves the window. A success clears the username's failures.
const WINDOW_MS = 15 * 60_000;
/** Failures allowed per key kind (the text before the first colon). */
const MAX_FAILURES: Record<string, number> = { user: 5, client: 20 };
const maxFor = (key: string): number => MAX_FAILURES[key.slice(0, key.indexOf(':'))] ?? 5;

export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #now: () => number;
  constructor(now: () => number) {
    this.#now = now;
  }

  /** Seconds to wait before another attempt for these keys, or 0. */
  retryAfter(keys: string[]): number {
    const now = this.#now();
    let wait = 0;
    for (const key of keys) {
      const recent = (this.#failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
      this.#failures.set(key, recent);
      if (recent.length >= maxFor(key))
        wait = Math.max(wait, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
    }
    return wait;
  }

  failed(keys: string[]): void {
    const now = this.#now();
    for (const key of keys) this.#failures.set(key, [...(this.#failures.get(key) ?? []), now]);
  }

  succeeded(key: string): void {
    this.#failures.delete(key);
  }
}
