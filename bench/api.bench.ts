// API benchmark: search requests/s and p50/p99 latency through the HTTP server on loopback, measured
// by autocannon. The corpus is the store benchmark's (real Telegram posts replicated with varied
// dates, foundation.bench.ts), ingested into a SQLite file; the server is `createApp` on a Node
// listener, as `echotrace serve` runs it; every request carries an API token, so authentication is
// part of what is measured. Queries cycle through the store benchmark's first set.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiToken, createUser } from '@echotrace/app';
import { ingest } from '@echotrace/core';
import { createApp, listen } from '@echotrace/server';
import { openSqliteStore } from '@echotrace/storage';
import autocannon from 'autocannon';
import { QUERIES, generate, loadPosts } from './foundation.bench.ts';

export interface ApiBenchOptions {
  sharedData: string;
  /** Documents in the corpus. */
  size: number;
  /** Concurrent connections (default 10). */
  connections?: number;
  /** Seconds per measured run (default 10). */
  seconds?: number;
}

interface Run {
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  errors: number;
  non2xx: number;
}

async function measure(
  url: string,
  paths: string[],
  token: string,
  connections: number,
  seconds: number,
): Promise<Run> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: paths.map((p) => ({ method: 'GET', path: p })),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export async function benchApi(options: ApiBenchOptions): Promise<Record<string, unknown> | null> {
  const posts = loadPosts(options.sharedData);
  if (!posts) return null;
  const connections = options.connections ?? 10;
  const seconds = options.seconds ?? 10;
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-api-bench-'));
  const store = openSqliteStore(path.join(dir, 'bench.db'));
  try {
    const clock = { now: () => new Date() };
    await ingest(store, generate(posts, options.size), { clock, batchSize: 1000 });
    await createUser(store, {
      username: 'bench',
      password: 'bench password, not secret',
      role: 'viewer',
      actor: 'bench',
      now: clock.now(),
    });
    const { token } = await createApiToken(store, {
      username: 'bench',
      name: 'bench',
      actor: 'bench',
      now: clock.now(),
    });
    const server = await listen(createApp({ store, clock }), { host: '127.0.0.1', port: 0 });
    try {
      const search = QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=20`);
      const withFacets = search.map((p) => `${p}&facets=true`);
      // A short warm-up so the page cache and the prepared statements are in place.
      await measure(server.url, search, token, connections, 2);
      const plain = await measure(server.url, search, token, connections, seconds);
      console.log(`  search: ${plain.requestsPerSecond} req/s, p50 ${plain.p50Ms} ms, p99 ${plain.p99Ms} ms`);
      const faceted = await measure(server.url, withFacets, token, connections, seconds);
      console.log(
        `  search+facets: ${faceted.requestsPerSecond} req/s, p50 ${faceted.p50Ms} ms, p99 ${faceted.p99Ms} ms`,
      );
      return {
        documents: options.size,
        connections,
        seconds,
        queries: QUERIES.length,
        cpus: os.availableParallelism(),
        loadAverage: os.loadavg()[0],
        search: plain,
        searchWithFacets: faceted,
      };
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
