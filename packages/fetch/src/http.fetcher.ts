// The Fetcher adapter over node:http/https: polite (robots.txt, per-host concurrency and delay),
// safe (address guard on every connection, scheme check on every redirect, size and time limits)
// and faithful (each result is an archive record with the exact payload and its SHA-256).
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import {
  FetchRefusedError,
  InputError,
  OperationalError,
  sha256Hex,
  type Clock,
  type FetchedResponse,
  type Fetcher,
  type FetchRequest,
} from '@echotrace/core';
import { isAddressAllowed } from './address.guard.ts';
import { decodeContentEncoding } from './body.decoder.ts';
import { guardedLookup, refusal, systemResolver, type Resolver } from './guarded.lookup.ts';
import { HostScheduler } from './host.scheduler.ts';
import { backoffMs, isRetryableStatus, isTransientNetworkError, retryAfterMs } from './retry.policy.ts';
import { RobotsPolicy } from './robots.policy.ts';

export const DEFAULT_USER_AGENT =
  'EchotraceBot/0.1 (+https://github.com/echotrace/echotrace; media research archiver)';

export interface HttpFetcherOptions {
  /** Sent as User-Agent; its first product token is what robots.txt rules are matched against. */
  userAgent?: string;
  /** Whole exchange per attempt: connect, headers and body. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Retries after the first attempt, for transient failures only. */
  retries?: number;
  backoffBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the fetch fails as transient instead. */
  maxRetryAfterMs?: number;
  perHostConcurrency?: number;
  perHostDelayMs?: number;
  respectRobots?: boolean;
  robotsTtlMs?: number;
  maxCrawlDelayMs?: number;
  /**
   * Allows loopback and private addresses (tests, intranet mirrors). Cloud metadata addresses stay
   * refused regardless.
   */
  allowPrivateNetwork?: boolean;
  /** Name resolution; injectable so tests can simulate a hostile DNS answer. */
  resolver?: Resolver;
  clock?: Clock;
}

interface Exchange {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
  body: Uint8Array;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class HttpFetcher implements Fetcher {
  readonly #options: Required<Omit<HttpFetcherOptions, 'clock' | 'resolver'>>;
  readonly #clock: Clock;
  readonly #resolver: Resolver;
  readonly #scheduler: HostScheduler;
  readonly #robots: RobotsPolicy;

  constructor(options: HttpFetcherOptions = {}) {
    this.#options = {
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxBodyBytes: options.maxBodyBytes ?? 25 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      retries: options.retries ?? 3,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      perHostConcurrency: options.perHostConcurrency ?? 2,
      perHostDelayMs: options.perHostDelayMs ?? 1000,
      respectRobots: options.respectRobots ?? true,
      robotsTtlMs: options.robotsTtlMs ?? 3_600_000,
      maxCrawlDelayMs: options.maxCrawlDelayMs ?? 60_000,
      allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    };
    this.#clock = options.clock ?? { now: () => new Date() };
    this.#resolver = options.resolver ?? systemResolver;
    this.#scheduler = new HostScheduler(this.#options.perHostConcurrency);
    const agentToken = this.#options.userAgent.split(/[/\s]/)[0] || 'EchotraceBot';
    this.#robots = new RobotsPolicy({
      agentToken,
      ttlMs: this.#options.robotsTtlMs,
      maxCrawlDelayMs: this.#options.maxCrawlDelayMs,
      fetchRobots: async (url) => {
        const response = await this.#follow({ url }, false, 512 * 1024);
        return { status: response.status, body: response.bytes };
      },
    });
  }

  async fetch(request: FetchRequest): Promise<FetchedResponse> {
    try {
      return await this.#follow(request, this.#options.respectRobots, this.#options.maxBodyBytes);
    } catch (error) {
      // Ctrl-C while waiting for a host slot or a backoff: report it like any interrupted fetch.
      if (request.signal?.aborted && !(error instanceof InputError) && !(error instanceof OperationalError)) {
        throw new OperationalError(`${request.url}: aborted`, { cause: error });
      }
      throw error;
    }
  }

  async #follow(request: FetchRequest, checkRobots: boolean, maxBodyBytes: number): Promise<FetchedResponse> {
    const redirects: string[] = [];
    let url = parseHttpUrl(request.url, request.url);
    for (;;) {
      const conditional: Record<string, string> = {};
      if (redirects.length === 0 && request.etag) conditional['if-none-match'] = request.etag;
      if (redirects.length === 0 && request.lastModified)
        conditional['if-modified-since'] = request.lastModified;
      let crawlDelayMs = 0;
      if (checkRobots) {
        const verdict = await this.#robots.check(url).catch((error: unknown) => {
          // The robots.txt fetch failed for the host itself: name the URL asked for, not robots.txt.
          throw error instanceof FetchRefusedError
            ? new FetchRefusedError(url.href, error.reason, error.problem)
            : error instanceof InputError
              ? new InputError(url.href, error.problem, { cause: error })
              : error;
        });
        if (!verdict.allowed)
          throw new FetchRefusedError(
            url.href,
            'robots',
            verdict.refusal ?? 'refused: disallowed by robots.txt',
          );
        crawlDelayMs = verdict.crawlDelayMs;
      }
      const exchange = await this.#withRetries(url, conditional, crawlDelayMs, maxBodyBytes, request.signal);
      const location = exchange.headers.location;
      if (REDIRECTS.has(exchange.status) && location) {
        redirects.push(url.href);
        if (redirects.length > this.#options.maxRedirects) {
          throw new InputError(request.url, `too many redirects (more than ${this.#options.maxRedirects})`);
        }
        url = parseHttpUrl(location, request.url, url);
        continue;
      }
      return {
        requestUrl: request.url,
        finalUrl: url.href,
        redirects,
        status: exchange.status,
        statusText: exchange.statusText,
        headers: exchange.headers,
        requestHeaders: exchange.requestHeaders,
        fetchedAt: this.#clock.now().toISOString(),
        bytes: exchange.body,
        sha256: sha256Hex(exchange.body),
      };
    }
  }

  async #withRetries(
    url: URL,
    conditional: Record<string, string>,
    crawlDelayMs: number,
    maxBodyBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<Exchange> {
    const { retries, backoffBaseMs, maxRetryAfterMs } = this.#options;
    for (let attempt = 0; ; attempt++) {
      const release = await this.#scheduler.acquire(
        url.host,
        Math.max(this.#options.perHostDelayMs, crawlDelayMs),
        signal,
      );
      let exchange: Exchange;
      try {
        exchange = await this.#exchange(url, conditional, maxBodyBytes, signal);
      } catch (error) {
        if (!(error instanceof OperationalError) || attempt >= retries) throw error;
        await delay(backoffMs(attempt, backoffBaseMs), undefined, { signal });
        continue;
      } finally {
        release();
      }
      if (!isRetryableStatus(exchange.status)) return exchange;
      const stated = retryAfterMs(exchange.headers['retry-after'], this.#clock.now());
      const problem = `${url.href}: HTTP ${exchange.status} after ${attempt + 1} attempt${attempt ? 's' : ''}`;
      if (attempt >= retries) throw new OperationalError(problem);
      if (stated !== null && stated > maxRetryAfterMs)
        throw new OperationalError(`${problem}; Retry-After ${stated} ms is too long to wait`);
      await delay(stated ?? backoffMs(attempt, backoffBaseMs), undefined, { signal });
    }
  }

  /** One request/response, no redirects followed, no retries. */
  #exchange(
    url: URL,
    conditional: Record<string, string>,
    maxBodyBytes: number,
    signal?: AbortSignal,
  ): Promise<Exchange> {
    const { allowPrivateNetwork, timeoutMs } = this.#options;
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    // Literal IPs bypass DNS, so the guard checks them here; names are checked in the lookup.
    if (isIP(hostname) && !isAddressAllowed(hostname, allowPrivateNetwork))
      return Promise.reject(refusal(url.href, hostname));
    const requestHeaders: Record<string, string> = {
      host: url.host,
      'user-agent': this.#options.userAgent,
      accept: '*/*',
      'accept-encoding': 'gzip, deflate, br',
      ...conditional,
    };
    return new Promise<Exchange>((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        request.destroy();
        reject(classify(error, url.href));
      };
      const transport = url.protocol === 'https:' ? https : http;
      const request = transport.request(url, {
        method: 'GET',
        headers: requestHeaders,
        agent: false,
        lookup: guardedLookup(url.href, allowPrivateNetwork, this.#resolver),
      });
      const timer = setTimeout(
        () => fail(new OperationalError(`${url.href}: timed out after ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onAbort = (): void => fail(new OperationalError(`${url.href}: aborted`));
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', fail);
      request.on('response', (response: IncomingMessage) => {
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBodyBytes) {
          return fail(
            new InputError(
              url.href,
              `body of ${declared} bytes exceeds the maximum of ${maxBodyBytes} bytes`,
            ),
          );
        }
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.byteLength;
          if (received > maxBodyBytes)
            return fail(new InputError(url.href, `body exceeds the maximum of ${maxBodyBytes} bytes`));
          chunks.push(chunk);
        });
        response.on('error', fail);
        response.on('aborted', () =>
          fail(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })),
        );
        response.on('end', () => {
          if (settled) return;
          try {
            const headers = flattenHeaders(response.headers);
            const body = decodeContentEncoding(
              Buffer.concat(chunks),
              headers['content-encoding'],
              maxBodyBytes,
              url.href,
            );
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve({
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? '',
              headers,
              requestHeaders,
              body,
            });
          } catch (error) {
            fail(error);
          }
        });
      });
      request.end();
    });
  }
}

function classify(error: unknown, url: string): Error {
  if (error instanceof InputError || error instanceof OperationalError) return error;
  if (isTransientNetworkError(error)) {
    return new OperationalError(`${url}: ${(error as Error).message}`, { cause: error });
  }
  const code = (error as { code?: string }).code;
  if (code === 'ENOTFOUND') return new InputError(url, `host not found`, { cause: error });
  return new OperationalError(`${url}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseHttpUrl(text: string, requested: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new InputError(requested, `not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError(
      url.href,
      'scheme',
      `refused: only http and https are fetched, not ${url.protocol.replace(':', '')}`,
    );
  }
  url.hash = '';
  return url;
}
