// What ingest spends outside the enrichers on the real Telegram posts, per document: language
// identification (first call, which loads eld's model, apart) and the search index form.
//   node bench/text.stages.bench.ts   (ECHOTRACE_SHARED_DATA overrides ../shared/data)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { identifyLanguage, indexForm } from '@echotrace/core';
import { readTelegramDocuments } from './enrichment.stages.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = process.env.ECHOTRACE_SHARED_DATA ?? path.resolve(root, '../shared/data');
const documents = await readTelegramDocuments(sharedData);
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = (work: () => void): number => {
  const started = performance.now();
  work();
  return performance.now() - started;
};
const texts = documents.map((d) => `${d.title ?? ''}\n${d.text}`);
const load = time(() => identifyLanguage('Загрузка модели'));
const language: number[] = [];
const index: number[] = [];
for (let round = 0; round < 5; round++) {
  language.push(time(() => texts.forEach((t) => identifyLanguage(t))));
  index.push(time(() => documents.forEach((d) => (indexForm(d.title ?? ''), indexForm(d.text)))));
}
const perDoc = (ms: number): string => `${((ms / documents.length) * 1000).toFixed(0)} µs/doc`;
console.log(
  `${documents.length} documents; eld model load ${load.toFixed(0)} ms; language ${perDoc(median(language))}; index form ${perDoc(median(index))} (medians of 5)`,
);
