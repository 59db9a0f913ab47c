// robots.txt per origin, cached. Outcomes follow RFC 9309: a 4xx robots.txt means no rules; a
// server error or an unreachable robots.txt means "assume complete disallow" until it is
// fetched again, because a site in trouble is the last one to hammer.
import { InputError } from '@echotrace/core';
import robotsParserModule from 'robots-parser';

interface Robots {
  isAllowed(url: string, agent?: string): boolean | undefined;
  getCrawlDelay(agent?: string): number | undefined;
}
// The package's type declarations do not describe its CommonJS default export callably.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robots;

export interface RobotsVerdict {
  allowed: boolean;
  /** Why a page is not allowed: a rule, or robots.txt that could not be fetched. */
  refusal?: string;
  /** Crawl-delay for our agent in milliseconds, or 0. */
  crawlDelayMs: number;
}

export type RobotsFetch = (url: string) => Promise<{ status: number; body: Uint8Array } | null>;

interface Entry {
  verdictFor(url: string): RobotsVerdict;
  expiresAt: number;
}

export class RobotsPolicy {
  readonly #agentToken: string;
  readonly #fetchRobots: RobotsFetch;
  readonly #ttlMs: number;
  readonly #maxCrawlDelayMs: number;
  readonly #cache = new Map<string, Promise<Entry>>();

  constructor(options: {
    agentToken: string;
    fetchRobots: RobotsFetch;
    ttlMs: number;
    maxCrawlDelayMs: number;
  }) {
    this.#agentToken = options.agentToken;
    this.#fetchRobots = options.fetchRobots;
    this.#ttlMs = options.ttlMs;
    this.#maxCrawlDelayMs = options.maxCrawlDelayMs;
  }

  async check(url: URL): Promise<RobotsVerdict> {
    const origin = url.origin;
    let pending = this.#cache.get(origin);
    if (pending) {
      const entry = await pending;
      if (entry.expiresAt < Date.now()) pending = undefined;
    }
    if (!pending) {
      pending = this.#load(origin);
      this.#cache.set(origin, pending);
      // A refusal (forbidden address) is the real answer for the page too, not a robots verdict.
      pending.catch(() => this.#cache.delete(origin));
    }
    return (await pending).verdictFor(url.href);
  }

  async #load(origin: string): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    const expiresAt = Date.now() + this.#ttlMs;
    let response: Awaited<ReturnType<RobotsFetch>>;
    let failure = '';
    try {
      response = await this.#fetchRobots(robotsUrl);
    } catch (error) {
      // A forbidden address or a host that does not exist is the page's answer too, not a robots
      // verdict: reporting it as "disallowed by robots.txt" would send the user the wrong way.
      if (error instanceof InputError) throw error;
      response = null;
      failure = error instanceof Error ? error.message : String(error);
    }
    if (!response || response.status >= 500) {
      const refusal = response
        ? `refused: ${robotsUrl} answered HTTP ${response.status}, so the site is treated as disallowed (RFC 9309)`
        : `refused: ${robotsUrl} could not be fetched (${failure}), so the site is treated as disallowed (RFC 9309)`;
      return { expiresAt, verdictFor: () => ({ allowed: false, refusal, crawlDelayMs: 0 }) };
    }
    if (response.status < 200 || response.status >= 300) {
      return { expiresAt, verdictFor: () => ({ allowed: true, crawlDelayMs: 0 }) };
    }
    const robots = robotsParser(robotsUrl, new TextDecoder().decode(response.body));
    const delaySeconds = robots.getCrawlDelay(this.#agentToken) ?? 0;
    const crawlDelayMs = Math.min(Math.max(0, delaySeconds * 1000), this.#maxCrawlDelayMs);
    return {
      expiresAt,
      verdictFor: (url) => ({
        allowed: robots.isAllowed(url, this.#agentToken) !== false,
        refusal: `refused: disallowed by robots.txt (${robotsUrl})`,
        crawlDelayMs,
      }),
    };
  }
}
