// NER throughput: documents and sentences per second through recognizeEntities, on real Russian
// Telegram posts (RIA Novosti, BBC Russian) and English CoNLL-2003 eng.testa documents read from
// ../shared/data. Returns {} and says why when the data is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recognizeEntities, loadNerModel } from '@echotrace/entities';
import { parseConll, splitSequences, tokenize } from '@echotrace/entities/training';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.resolve(root, '../shared/data');

function measure(language: string, texts: string[], prefix: string, out: Record<string, number>): void {
  recognizeEntities(texts[0] ?? 'warm up', language);
  let sentences = 0;
  let characters = 0;
  let mentions = 0;
  for (const text of texts) {
    sentences += splitSequences(text, tokenize(text)).length;
    characters += text.length;
  }
  const started = performance.now();
  for (const text of texts) mentions += recognizeEntities(text, language).length;
  const seconds = (performance.now() - started) / 1000;
  out[`${prefix}_documents`] = texts.length;
  out[`${prefix}_documents_per_s`] = Math.round(texts.length / seconds);
  out[`${prefix}_sentences_per_s`] = Math.round(sentences / seconds);
  out[`${prefix}_chars_per_s`] = Math.round(characters / seconds);
  out[`${prefix}_mentions_per_doc`] = Math.round((mentions / texts.length) * 100) / 100;
}

export async function benchNer(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const language of ['ru', 'en']) {
    const started = performance.now();
    loadNerModel(language);
    result[`${language}_model_load_ms`] = Math.round(performance.now() - started);
  }
  const telegram = path.join(data, 'media/telegram_ru_news_2024');
  if (existsSync(telegram)) {
    const texts = readdirSync(telegram)
      .filter((name) => name.endsWith('.json'))
      .flatMap(
        (name) => JSON.parse(readFileSync(path.join(telegram, name), 'utf8')) as Array<{ text?: string }>,
      )
      .map((post) => post.text ?? '')
      .filter((text) => text.length > 0);
    measure('ru', texts, 'ru_telegram', result);
  } else {
    console.log(`ner bench: ${telegram} not found, skipping Russian throughput`);
  }
  const conll = path.join(data, 'ner/conll2003/eng.testa');
  if (existsSync(conll)) {
    const texts = parseConll(readFileSync(conll, 'utf8'), 'eng.testa').map((doc) => doc.text);
    measure('en', texts, 'en_conll', result);
  } else {
    console.log(`ner bench: ${conll} not found, skipping English throughput`);
  }
  return Promise.resolve(result);
}

// Run directly: node bench/ner.bench.ts
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await benchNer());
}
