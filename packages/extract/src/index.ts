// Pure extraction stages. Each group below belongs to one pipeline step.

// Ingest: file formats read by `echotrace ingest`.
export * from './ingest/file.parsers.ts';
export * from './ingest/text.decoder.ts';
export * from './ingest/html.simple.ts';

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
