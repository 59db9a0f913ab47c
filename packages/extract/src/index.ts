// Pure extraction stages. Each group below belongs to one pipeline step.

// Ingest: file formats read by `echotrace ingest`.
export * from './ingest/file.parsers.ts';
export * from './ingest/text.decoder.ts';
export * from './ingest/html.simple.ts';
