// The alert evaluator at scale: a corpus generated from the real Telegram posts
// (foundation.bench.ts), 1,000 saved searches on words of those posts (every tenth also watching
// for spikes, first appearances or silences), each with a webhook to a receiver on loopback. Timed:
// the first pass (each search records where things stand), then, after 1 % more documents arrive,
// a second pass over all 1,000 (evaluations per minute: the goal is 1,000) and the delivery of what
// it fired. CPU time is this process's (user + system); the load average is the machine's.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { ingest, type IngestInput, type Store } from '@echotrace/core';
import { addAlert, deliverDue, evaluateDue } from '@echotrace/app';
import { createWebhookDelivery } from '@echotrace/fetch';
import { startWebhookReceiver } from '@echotrace/fetch/test-alert-receivers';
import { openPostgresStore, openSqliteStore } from '@echotrace/storage';
import { generate, loadPosts } from './foundation.bench.ts';
import { benchServerUrl, withSchema } from './postgres.bench.ts';

const SEARCHES = 1_000;
const SECRET = 'bench-secret';
const round = (n: number): number => Math.round(n * 10) / 10;

async function* skip<T>(items: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  let i = 0;
  for await (const item of items) if (i++ >= count) yield item;
}

/** The SEARCHES most frequent words of six letters or more in the posts: queries that match. */
function queries(posts: NonNullable<ReturnType<typeof loadPosts>>): string[] {
  const counts = new Map<string, number>();
  for (const post of posts.slice(0, 20_000))
    for (const word of post.text.toLowerCase().match(/\p{L}{6,}/gu) ?? [])
      counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, SEARCHES)
    .map(([word]) => word);
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return round((used.user + used.system) / 1e6);
}

async function measure(store: Store, posts: NonNullable<ReturnType<typeof loadPosts>>, size: number) {
  await ingest(store, generate(posts, size), { clock: { now: () => new Date() }, batchSize: 1000 });
  const receiver = await startWebhookReceiver(SECRET);
  const channels = {
    webhook: createWebhookDelivery({
      allowPrivateNetwork: true,
      userAgent: 'bench',
      env: { BENCH_SECRET: SECRET },
    }),
  };
  const clock = { now: () => new Date() };
  const words = queries(posts);
  const extra = ['spike', 'first-seen', 'silent'] as const;
  for (const [i, word] of words.entries())
    await addAlert(store, clock, {
      name: `q${i}`,
      query: word,
      every: '1m',
      triggers: i % 10 === 0 ? ['new', extra[(i / 10) % 3]!] : ['new'],
      webhook: receiver.url,
      secretEnv: 'BENCH_SECRET',
    });
  const entry: Record<string, unknown> = { documents: size, searches: words.length };
  try {
    let cpu = process.cpuUsage();
    let started = performance.now();
    const first = await evaluateDue(store, clock, { all: true });
    const firstSeconds = (performance.now() - started) / 1000;
    entry.firstPass = {
      evaluated: first.evaluated,
      failed: first.failed.length,
      seconds: round(firstSeconds),
      cpuSeconds: cpuSeconds(cpu),
      perMinute: Math.round((first.evaluated / firstSeconds) * 60),
    };
    console.log(`  ${size} first pass: ${JSON.stringify(entry.firstPass)}`);

    const added = Math.max(1, Math.round(size / 100));
    await ingest(store, skip(generate(posts, size + added) as AsyncIterable<IngestInput>, size), {
      clock,
      batchSize: 1000,
    });
    cpu = process.cpuUsage();
    started = performance.now();
    const second = await evaluateDue(store, clock, { all: true });
    const secondSeconds = (performance.now() - started) / 1000;
    entry.secondPass = {
      newDocuments: added,
      evaluated: second.evaluated,
      fired: second.fired,
      failed: second.failed.length,
      seconds: round(secondSeconds),
      cpuSeconds: cpuSeconds(cpu),
      perMinute: Math.round((second.evaluated / secondSeconds) * 60),
    };
    console.log(`  ${size} second pass: ${JSON.stringify(entry.secondPass)}`);

    cpu = process.cpuUsage();
    started = performance.now();
    const delivered = await deliverDue(store, channels, clock);
    const deliverSeconds = (performance.now() - started) / 1000;
    entry.delivery = {
      delivered: delivered.delivered,
      failed: delivered.failed.length,
      received: receiver.calls.length,
      distinct: new Set(receiver.calls.map((c) => c.id)).size,
      signaturesValid: receiver.calls.every((c) => c.signatureValid),
      seconds: round(deliverSeconds),
      cpuSeconds: cpuSeconds(cpu),
      perSecond: Math.round(delivered.delivered / deliverSeconds),
    };
    console.log(`  ${size} delivery: ${JSON.stringify(entry.delivery)}`);
  } finally {
    await receiver.close();
  }
  entry.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  entry.loadAverage = round(os.loadavg()[0]!);
  return entry;
}

export async function benchAlerts(options: {
  sharedData: string;
  size: number;
  db: 'sqlite' | 'postgres';
}): Promise<Record<string, unknown> | null> {
  const posts = loadPosts(options.sharedData);
  if (!posts) return null;
  if (options.db === 'postgres') {
    const url = benchServerUrl();
    if (!url) return null;
    return withSchema(url, async (scoped) => {
      const store = await openPostgresStore(scoped);
      try {
        return { db: 'postgres', ...(await measure(store, posts, options.size)) };
      } finally {
        await store.close();
      }
    });
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-alerts-bench-'));
  const store = openSqliteStore(path.join(dir, 'bench.db'));
  try {
    return { db: 'sqlite', ...(await measure(store, posts, options.size)) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
