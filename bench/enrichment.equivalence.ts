// Writes every annotation recognition + resolution + screening produce on the real Telegram posts
// as sorted JSON lines, so that an optimization can be checked byte for byte against the output
// before it: `node bench/enrichment.equivalence.ts OUT.jsonl [--no-sanctions]`, then `cmp`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline, readScreener, readTelegramDocuments } from './enrichment.stages.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(root, '../shared/data');
const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/enrichment.equivalence.ts OUT.jsonl [--no-sanctions]');
  process.exit(2);
}
const documents = await readTelegramDocuments(sharedData);
const screener = process.argv.includes('--no-sanctions') ? null : await readScreener(sharedData);
const pipeline = await createPipeline(screener);
const times = { recognition: 0, resolution: 0, screening: 0 };
const lines: string[] = [];
for (const document of documents)
  for (const a of pipeline.run(document, times))
    lines.push(
      JSON.stringify([
        a.documentId,
        a.kind,
        a.start,
        a.end,
        a.label,
        a.id,
        a.confidence,
        a.producer,
        a.attributes,
      ]),
    );
lines.sort();
writeFileSync(out, lines.join('\n') + '\n');
const ms = (v: number): string => `${(v / documents.length).toFixed(2)} ms/doc`;
console.log(
  `${documents.length} documents, ${lines.length} annotations; recognition ${ms(times.recognition)}, resolution ${ms(times.resolution)}, screening ${ms(times.screening)}`,
);
