// Pure extraction stages. Each group below belongs to one pipeline step.

// Ingest: file formats read by `echotrace ingest`.
export * from './ingest/file.parsers.ts';
export * from './ingest/text.decoder.ts';
export * from './ingest/html.simple.ts';

// Dedupe: near-duplicate groups (syndication, reposts) and Telegram forward edges.
export * from './dedupe/dedupe.config.ts';
export * from './dedupe/document.signature.ts';
export * from './dedupe/duplicate.index.ts';
export * from './dedupe/forward.edge.ts';
export { shingleSequence } from './dedupe/shingle.hasher.ts';
export * from './dedupe/dedupe.stage.ts';
