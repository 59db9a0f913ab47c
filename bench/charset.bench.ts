// Charset detection benchmark: real Russian news posts (../shared/data/media) encoded in
// windows-1251 and KOI8-R without any declaration, decoded by detection. Accuracy is exact text
// recovery, per length bucket, for decodeBytes and, as a baseline, the simple ingest decoder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '@echotrace/extract';

type Charset = 'windows-1251' | 'koi8-r';
const BUCKETS: Array<[string, number, number]> = [
  ['1-40', 1, 40],
  ['41-200', 41, 200],
  ['201+', 201, Infinity],
];

function encoder(charset: Charset): (text: string) => Uint8Array | null {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return (text) => {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const byte = table.get(text[i]!);
      if (byte === undefined) return null;
      out[i] = byte;
    }
    return out;
  };
}

export async function benchCharset(options: { sharedData: string }): Promise<Record<string, unknown> | null> {
  const dir = path.join(options.sharedData, 'media/telegram_ru_news_2024');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    console.log(`skipped: ${dir} is absent`);
    return null;
  }
  const texts: string[] = [];
  for (const file of files) {
    const posts = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Array<{ text?: string }>;
    for (const post of posts) if (post.text?.trim()) texts.push(post.text.trim());
  }
  // Short texts too: headlines and first sentences are what feeds carry.
  const samples = texts.flatMap((text) => [text, text.split(/[.!?\n]/)[0]!.trim()]).filter(Boolean);
  const result: Record<string, unknown> = { samples: samples.length };
  for (const charset of ['windows-1251', 'koi8-r'] as const) {
    const encode = encoder(charset);
    const counts = new Map<string, { n: number; decodeBytes: number }>();
    let bytesTotal = 0;
    let elapsed = 0;
    for (const text of samples) {
      const bytes = encode(text);
      if (!bytes) continue; // emoji and other characters the code page cannot hold
      const bucket = BUCKETS.find(([, min, max]) => text.length >= min && text.length <= max)![0];
      const entry = counts.get(bucket) ?? { n: 0, decodeBytes: 0 };
      const started = performance.now();
      const decoded = decodeBytes(bytes, { origin: 'bench' });
      elapsed += performance.now() - started;
      bytesTotal += bytes.byteLength;
      entry.n++;
      if (decoded.text === text) entry.decodeBytes++;
      counts.set(bucket, entry);
    }
    const perBucket = Object.fromEntries(
      BUCKETS.map(([name]) => {
        const c = counts.get(name) ?? { n: 0, decodeBytes: 0 };
        return [
          name,
          {
            n: c.n,
            decodeBytes: c.n ? c.decodeBytes / c.n : null,
          },
        ];
      }),
    );
    result[charset] = { ...perBucket, megabytesPerSecond: bytesTotal / 1e6 / (elapsed / 1000) };
    console.log(charset, JSON.stringify(result[charset]));
  }
  return result;
}
