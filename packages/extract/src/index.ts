// Pure extraction stages. Each group below belongs to one pipeline step.

// Ingest: file formats read by `echotrace ingest`.
export * from './ingest/file.parsers.ts';
export * from './ingest/telegram.markup.ts';
export * from './telegram/telegram.preview.ts';

// HTML: main text and metadata of article pages, and the benchmark metric that scores them.
export * from './html/article.extractor.ts';
export * from './html/extraction.eval.ts';
export { dateFromUrl } from './html/article.metadata.ts';
export { readDate } from './html/date.reader.ts';
export { parseHtmlDocument } from './html/html.dom.ts';
export { blockViews } from './html/main-text.extractor.ts';
export * from './html/block.model.ts';
export type { DomDocument, DomElement, DomNode } from './html/html.dom.ts';
export * from './html/html.limits.ts';

// Evidence: is a passage in the archived bytes (dispatch bundles, `echotrace verify`).
export * from './evidence/capture.text.ts';

// Acquisition: charsets, feeds, sitemaps, safe XML (fetching branch).
export * from './charset/charset.decoder.ts';
export * from './charset/charset.declarations.ts';
export * from './charset/charset.detector.ts';
export * from './xml/safe-xml.parser.ts';
export * from './feeds/feed.types.ts';
export * from './feeds/feed.parser.ts';
export * from './feeds/feed.discovery.ts';
export * from './sitemaps/sitemap.parser.ts';
export * from './sitemaps/sitemap.discovery.ts';

// Dedupe: near-duplicate groups (syndication, reposts) and Telegram forward edges.
export * from './dedupe/dedupe.config.ts';
export * from './dedupe/document.signature.ts';
export * from './dedupe/duplicate.index.ts';
export * from './dedupe/forward.edge.ts';
export { extractFacts, factsConflict, factsSubstituted, type TextFacts } from './dedupe/fact.extractor.ts';
export { shingleSequence } from './dedupe/shingle.hasher.ts';
export * from './dedupe/dedupe.stage.ts';
