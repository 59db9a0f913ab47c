// A small corpus written for the server's tests: two sources, three documents (one archived from a
// hostile HTML page with a script and an onerror handler), entity, quote and sanctions annotations
// with exact spans.
import {
  documentIdForKey,
  normalizeText,
  paragraphSpans,
  sha256Hex,
  type Annotation,
  type Document,
  type Store,
} from '@echotrace/core';

export const HOSTILE_HTML =
  '<html><head><script>window.__pwned = 1</script></head><body><img src=x onerror="window.__pwned = 2">' +
  '<p>Глеб Туманов заявил: «Санкции не работают».</p></body></html>';

export interface Corpus {
  hostile: Document;
  english: Document;
  plain: Document;
}

function document(key: string, fields: Partial<Document> & { text: string }): Document {
  const text = normalizeText(fields.text);
  return {
    id: documentIdForKey(key),
    key,
    sourceId: 'fringe-daily',
    captureSha256: '',
    paragraphs: paragraphSpans(text),
    title: null,
    byline: null,
    publishedAt: '2024-03-01T10:00:00+03:00',
    language: 'ru',
    canonicalUrl: key,
    ingestedAt: '2024-03-02T00:00:00Z',
    ...fields,
    text,
  };
}

const span = (doc: Document, surface: string): { start: number; end: number } => {
  const start = doc.text.indexOf(surface);
  if (start < 0) throw new Error(`${surface} not in ${doc.key}`);
  return { start, end: start + surface.length };
};

export async function seedCorpus(store: Store): Promise<Corpus> {
  await store.sources.upsert({
    id: 'fringe-daily',
    name: 'Fringe Daily',
    kind: 'website',
    homepage: 'https://fringe-daily.test/',
    language: 'ru',
    country: 'RU',
    labels: ['state-affiliated'],
  });
  await store.sources.upsert({
    id: 'wire',
    name: 'Wire',
    kind: 'website',
    homepage: 'https://wire.test/',
    language: 'en',
    country: null,
    labels: [],
  });
  const hostile = document('https://fringe-daily.test/1', {
    title: 'Туманов о санкциях',
    text: 'Глеб Туманов заявил: «Санкции не работают».',
  });
  const english = document('https://wire.test/2', {
    sourceId: 'wire',
    language: 'en',
    title: 'Sanctions debate',
    text: 'Gleb Tumanov said sanctions do not work. The debate goes on.',
    publishedAt: '2024-04-01T09:00:00Z',
  });
  const plain = document('https://fringe-daily.test/3', {
    title: 'Погода',
    text: 'Дождь в Москве. Санкции обсуждают снова.',
    publishedAt: '2024-05-01T09:00:00Z',
  });
  const corpus = { hostile, english, plain };
  for (const [doc, bytes, mediaType] of [
    [hostile, HOSTILE_HTML, 'text/html'],
    [english, english.text, 'text/plain'],
    [plain, plain.text, 'text/plain'],
  ] as const) {
    const capture = await store.captures.put(new TextEncoder().encode(bytes), {
      mediaType,
      charset: 'utf-8',
      capturedAt: doc.ingestedAt,
      origin: doc.key,
    });
    doc.captureSha256 = capture.sha256;
    await store.documents.upsert(doc, sha256Hex(doc.text));
  }
  const annotation = (doc: Document, id: string, fields: Partial<Annotation>): Annotation => ({
    id,
    documentId: doc.id,
    kind: 'entity',
    label: 'PERSON',
    start: 0,
    end: 0,
    confidence: 1,
    producer: 'ner',
    producerVersion: '1',
    attributes: {},
    ...fields,
  });
  await store.annotations.replace(hostile.id, 'ner', [
    annotation(hostile, 'h-e1', {
      ...span(hostile, 'Глеб Туманов'),
      attributes: { entityId: 'gleb-tumanov' },
    }),
  ]);
  await store.annotations.replace(hostile.id, 'quotes', [
    annotation(hostile, 'h-q1', {
      kind: 'quote',
      label: 'direct',
      producer: 'quotes',
      ...span(hostile, 'Санкции не работают'),
      attributes: { speaker: 'Глеб Туманов', speakerEntityId: 'gleb-tumanov', mode: 'direct' },
    }),
  ]);
  await store.annotations.replace(hostile.id, 'sanctions-screening', [
    annotation(hostile, 'h-s1', {
      kind: 'sanction',
      label: 'ofac-sdn',
      producer: 'sanctions-screening',
      confidence: 0.93,
      ...span(hostile, 'Глеб Туманов'),
      attributes: {
        entityId: 'gleb-tumanov',
        list: 'ofac-sdn',
        listEntryId: '990101',
        listedName: 'TUMANOV, Gleb',
        programs: ['RUSSIA-EO14024'],
        explanation: 'surname and given name match',
        ambiguous: false,
      },
    }),
  ]);
  await store.annotations.replace(english.id, 'ner', [
    annotation(english, 'e-e1', {
      ...span(english, 'Gleb Tumanov'),
      attributes: { entityId: 'gleb-tumanov' },
    }),
  ]);
  await store.annotations.replace(plain.id, 'ner', [
    annotation(plain, 'p-e1', {
      label: 'LOCATION',
      ...span(plain, 'Москве'),
      attributes: { entityId: 'moskva' },
    }),
  ]);
  return corpus;
}
