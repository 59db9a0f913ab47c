// The public surface of core. Other packages import from here only.
export * from './model.ts';
export * from './ports.ts';
export * from './errors.ts';
export * from './hashing.ts';
export * from './text/normalize.ts';
export * from './text/language.ts';
export * from './text/analyzer.ts';
export * from './time/published.ts';
export * from './search/search.types.ts';
export * from './search/query.parser.ts';
export * from './search/snippet.ts';
export * from './ingest/ingest.stage.ts';
export * from './dedupe/duplicate.port.ts';
