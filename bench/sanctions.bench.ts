// Screening speed: 100,000 mention names (common names, listed names in press, Cyrillic and typo
// forms, bare surnames) against the full OFAC SDN list with its aliases. Reports index build time,
// queries per second, latency percentiles and memory. Run: node bench/sanctions.bench.ts [COUNT]
// or through `npm run bench -- --only sanctions`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { latinToCyrillic, parseName } from '@echotrace/core';
import { createSanctionsMatcher, parseOfacCsv } from '@echotrace/sanctions';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A deterministic generator, so that runs are comparable.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function typo(word: string, next: () => number): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(next() * (word.length - 2));
  const vowels = 'aeiou';
  return word.slice(0, at) + vowels[Math.floor(next() * vowels.length)] + word.slice(at + 1);
}

/** Mention names as NER would hand them over: mostly people who are not listed. */
export function mentionNames(listed: string[], common: string[], count: number, seed = 42): string[] {
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
  const given = common.map((name) => name.split(' ')[0] as string);
  const surnames = common.map((name) => name.split(' ').slice(-1)[0] as string);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const roll = next();
    if (roll < 0.6) out.push(`${pick(given)} ${pick(surnames)}`);
    else if (roll < 0.7) out.push(pick(surnames));
    else {
      const parsed = parseName(pick(listed));
      const words = parsed.tokens.filter((token) => token.role !== 'patronymic').map((token) => token.text);
      const surname = words[0] ?? '';
      const press = [...words.slice(1), surname].join(' ');
      const form = next();
      if (form < 0.4) out.push(press);
      else if (form < 0.6) out.push(latinToCyrillic(press));
      else if (form < 0.8) out.push(typo(press, next));
      else out.push(surname);
    }
  }
  return out;
}

export async function benchSanctions(
  options: { sharedData?: string; mentions?: number } = {},
): Promise<Record<string, unknown> | null> {
  const data = path.join(options.sharedData ?? path.resolve(root, '../shared/data'), 'sanctions');
  const sdnFile = path.join(data, 'ofac_sdn_2023-01/sdn.csv');
  if (!existsSync(sdnFile)) {
    console.log(`sanctions bench skipped: ${sdnFile} not found`);
    return null;
  }
  const count = options.mentions ?? 100_000;
  const read = (file: string): { name: string; text: string } => ({
    name: path.basename(file),
    text: readFileSync(path.join(data, file), 'latin1'),
  });
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const parsed = parseOfacCsv({
    sdn: read('ofac_sdn_2023-01/sdn.csv'),
    alt: read('ofac_alt_add_2026/alt.csv'),
  });
  const parseMs = performance.now() - started;
  started = performance.now();
  const matcher = createSanctionsMatcher(parsed.entries);
  const indexMs = performance.now() - started;
  const indexHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const persons = parsed.entries.filter((entry) => entry.kind === 'person');
  const listed = persons.flatMap((entry) => [entry.name, ...entry.aliases.map((alias) => alias.name)]);
  const common = readFileSync(
    path.join(root, 'packages/sanctions/test/fixtures/non-sanctioned-names.txt'),
    'utf8',
  )
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Za-z]+ [A-Za-z]+$/.test(line));
  const queries = mentionNames(listed, common, count);
  const latencies = new Float64Array(queries.length);
  let matched = 0;
  const cpuBefore = process.cpuUsage();
  started = performance.now();
  for (let i = 0; i < queries.length; i++) {
    const t0 = performance.now();
    const candidates = matcher.matchName(queries[i] as string, { limit: 5 });
    latencies[i] = performance.now() - t0;
    if (candidates[0]?.match) matched++;
  }
  const screenMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const screenCpuSeconds = (cpu.user + cpu.system) / 1e6;
  latencies.sort();
  const percentile = (p: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] as number;
  const result = {
    entries: parsed.entries.length,
    names: matcher.size.names,
    tokenKeys: matcher.size.keys,
    parseMs: Math.round(parseMs),
    indexMs: Math.round(indexMs),
    indexHeapMb: Math.round(indexHeapMb),
    mentions: queries.length,
    screenSeconds: Math.round(screenMs / 100) / 10,
    mentionsPerSecond: Math.round(queries.length / (screenMs / 1000)),
    // On a shared machine wall time includes waiting for the CPU; CPU time is what the work costs.
    screenCpuSeconds: Math.round(screenCpuSeconds * 10) / 10,
    mentionsPerCpuSecond: Math.round(queries.length / screenCpuSeconds),
    p50Ms: Math.round(percentile(0.5) * 1000) / 1000,
    p99Ms: Math.round(percentile(0.99) * 1000) / 1000,
    maxMs: Math.round(percentile(1) * 10) / 10,
    matchedMentions: matched,
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(await benchSanctions(count === undefined ? {} : { mentions: count }));
}
