// Article metadata from what pages declare: JSON-LD first (most deliberate), then Open Graph and
// other meta tags, then markup (<time>, rel=author, <h1>), then the URL itself for the date.
import type { Timestamp } from '@echotrace/core';
import { readDate } from './date.reader.ts';
import { collapseWhitespace } from './html.dom.ts';
import type { DomDocument } from './html.dom.ts';
import { findArticleNode, firstStringOf, readJsonLd, resolveReferences, stringOf } from './jsonld.reader.ts';

export interface ArticleMetadata {
  title: string | null;
  byline: string | null;
  publishedAt: Timestamp | null;
  modifiedAt: Timestamp | null;
  /** BCP 47 primary language subtag, lower case (`ru`), from the markup. */
  language: string | null;
  canonicalUrl: string | null;
  leadImageUrl: string | null;
  /** The article text the page declares in JSON-LD, if any (a fallback for script-rendered pages). */
  declaredBody: string | null;
}

const PUBLISHED_META = [
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'published_time',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.date',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'cxenseparse:recs:publishtime',
  'mediator_published_time',
  'citation_publication_date',
];
const MODIFIED_META = [
  'article:modified_time',
  'og:updated_time',
  'og:article:modified_time',
  'datemodified',
  'last-modified',
  'dcterms.modified',
  'article.updated',
  'modified_time',
];
const AUTHOR_META = ['author', 'article:author', 'sailthru.author', 'parsely-author', 'dc.creator', 'byl'];

/** Meta tag contents by lower-cased name/property/itemprop (first one wins). */
function readMeta(document: DomDocument): Map<string, string> {
  const meta = new Map<string, string>();
  const tags = document.querySelectorAll('meta');
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const key = tag.getAttribute('property') ?? tag.getAttribute('name') ?? tag.getAttribute('itemprop');
    const content = tag.getAttribute('content') ?? tag.getAttribute('datetime');
    if (!key || content === null || content.trim() === '') continue;
    for (const k of key.toLowerCase().split(/\s+/)) if (!meta.has(k)) meta.set(k, content.trim());
  }
  return meta;
}

const firstTime = (values: Array<string | null | undefined>): Timestamp | null => {
  for (const value of values) {
    const time = readDate(value);
    if (time) return time;
  }
  return null;
};

// /2024/11/26/, /2024-11-26, /20241126/ in a URL path.
const URL_DATE = /\/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/;

/** A publication date read from the URL path, e.g. `/2024/11/26/`, as a date without time. */
export function dateFromUrl(url: string | undefined): Timestamp | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const match = URL_DATE.exec(path);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

// Only http(s): a page may declare `javascript:` or `data:` as its canonical URL, and that URL
// becomes the document's key and the link a dispatch prints (fuzzing found it accepted).
function absolute(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const resolved = new URL(href.trim(), base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return base === undefined && /^https?:\/\//i.test(href.trim()) ? href.trim() : null;
  }
}

const isUrl = (value: string): boolean => /^https?:\/\//i.test(value);

function languageOf(document: DomDocument, meta: Map<string, string>): string | null {
  const declared =
    document.documentElement?.getAttribute('lang') ??
    document.documentElement?.getAttribute('xml:lang') ??
    meta.get('og:locale') ??
    meta.get('content-language') ??
    meta.get('language') ??
    document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content') ??
    null;
  const primary = declared
    ?.trim()
    .split(/[-_,;\s]/)[0]
    ?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

function titleOf(document: DomDocument, meta: Map<string, string>, jsonTitle: string | null): string | null {
  const candidates = [
    jsonTitle,
    meta.get('og:title'),
    meta.get('twitter:title'),
    document.querySelector('h1')?.textContent,
    document.querySelector('title')?.textContent,
  ];
  for (const candidate of candidates) {
    const title = candidate ? collapseWhitespace(candidate) : '';
    if (title !== '') return withoutSiteName(title, document, meta);
  }
  return null;
}

const TITLE_SEPARATOR = /\s+[|–—·»:-]\s+/;

/**
 * Declared titles often carry the site's name ("Story – Site"): the page's own headline, when the
 * declared title contains it, or the title less a segment that is the declared site name.
 */
function withoutSiteName(title: string, document: DomDocument, meta: Map<string, string>): string {
  const headline = collapseWhitespace(document.querySelector('h1')?.textContent ?? '');
  if (headline.length >= 10 && headline.length < title.length && title.includes(headline)) return headline;
  const site = meta.get('og:site_name')?.trim().toLowerCase();
  if (!site) return title;
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  if (parts.at(-1)!.trim().toLowerCase() === site)
    return title.slice(0, title.lastIndexOf(parts.at(-1)!)).replace(/\s+[|–—·»:-]\s*$/, '');
  if (parts[0]!.trim().toLowerCase() === site)
    return title.slice(parts[0]!.length).replace(/^\s*[|–—·»:-]\s+/, '');
  return title;
}

function bylineOf(
  document: DomDocument,
  meta: Map<string, string>,
  jsonAuthor: string | null,
  publisher: string | null,
): string | null {
  const candidates = [
    jsonAuthor,
    ...AUTHOR_META.map((key) => meta.get(key)),
    document.querySelector('[rel="author"], [itemprop="author"], .byline, .author')?.textContent,
  ];
  // A site or publisher named as the author is the outlet, not a writer: a person named after it
  // (in the markup, say) is the better answer.
  const outlets = new Set(
    [meta.get('og:site_name'), publisher, meta.get('application-name')]
      .filter((name): name is string => !!name)
      .map((name) => collapseWhitespace(name).toLowerCase()),
  );
  let outlet: string | null = null;
  for (const candidate of candidates) {
    const byline = candidate ? cleanByline(candidate) : null;
    if (!byline) continue;
    if (!outlets.has(byline.toLowerCase())) return byline;
    outlet ??= byline;
  }
  return outlet;
}

/** "By Jane Doe • 2 min read" → "Jane Doe"; URLs and paragraph-length text are no byline. */
function cleanByline(raw: string): string | null {
  // Separators and list punctuation left at either end by the theme ("| Jane Doe", "Jane Doe,").
  const trim = (value: string): string => value.replace(/^[\s|•·,;:–—-]+|[\s|•·,;:–—-]+$/g, '');
  const text = trim(
    trim(collapseWhitespace(raw))
      .replace(/^(?:by|von|par|автор(?:ы)?|текст)\s*:?\s+/i, '')
      .split(/\s+[•|·]\s+/)[0]!,
  );
  if (text === '' || isUrl(text) || text.length > 100) return null;
  return text;
}

// Elements whose names say they hold the publication date, in themes' and RDFa's words.
const DATE_ELEMENTS =
  '[property$="datePublished"], [property$="dateCreated"], abbr.published, [class*="date"], [class*="publish"], [class*="datum"], [id*="date"]';
const NOT_PUBLICATION = /updat|modif|aktualisiert|geändert|birth|event|expir/i;
const MAX_DATE_ELEMENTS = 8;
// A day written inside a label ("Veröffentlicht am 06.10.2023", "29.04.2020, 12:01 Uhr").
const DATE_IN_TEXT =
  /\b(?:(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}(?:,?\s+\d{1,2}:\d{2})?|\d{1,2}\.?\s+(?:de\s+)?\p{L}{3,10}\.?\s+(?:de\s+)?(?:19|20)\d{2})(?![\p{L}\d])/u;

/** Dates shown on the page in elements named for them: their machine attribute, else their text. */
function visibleDates(document: DomDocument): string[] {
  const found: string[] = [];
  const elements = document.querySelectorAll(DATE_ELEMENTS);
  for (let i = 0; i < elements.length && found.length < MAX_DATE_ELEMENTS; i++) {
    const element = elements[i]!;
    const name = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (NOT_PUBLICATION.test(name) || element.localName === 'meta') continue;
    const attribute =
      element.getAttribute('datetime') ?? element.getAttribute('content') ?? element.getAttribute('title');
    const text = collapseWhitespace(element.textContent ?? '');
    if (NOT_PUBLICATION.test(text.slice(0, 40))) continue;
    const inText = text.length <= 80 ? DATE_IN_TEXT.exec(text)?.[0] : undefined;
    const value = attribute && DATE_IN_TEXT.test(attribute) ? attribute : inText;
    if (value) found.push(value.replace(/,\s+/, ' '));
  }
  return found;
}

/** Everything but the main text: title, byline, dates, language, canonical URL and lead image. */
export function extractMetadata(document: DomDocument, url?: string): ArticleMetadata {
  const meta = readMeta(document);
  const nodes = readJsonLd(document);
  const article = findArticleNode(nodes);
  // Microdata on a visible element (`<span itemprop="datePublished" content="…">`).
  const published = document.querySelector('[itemprop="datePublished"]:not(meta)');
  // In order of trust: a time marked as the publication time, one inside the article, any.
  const timeElement =
    document.querySelector('time[pubdate][datetime]') ??
    document.querySelector('article time[datetime]') ??
    document.querySelector('time[datetime]');
  const publishedAt =
    firstTime([
      stringOf(article?.datePublished),
      stringOf(article?.dateCreated),
      ...PUBLISHED_META.map((key) => meta.get(key)),
      timeElement?.getAttribute('datetime'),
      published?.getAttribute('content') ?? published?.getAttribute('datetime') ?? published?.textContent,
      document.querySelector('article time')?.textContent,
      ...visibleDates(document),
    ]) ?? dateFromUrl(url);
  const modifiedAt = firstTime([
    stringOf(article?.dateModified),
    ...MODIFIED_META.map((key) => meta.get(key)),
  ]);
  const canonicalHref =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta.get('og:url') ?? null;
  const image =
    meta.get('og:image') ??
    meta.get('og:image:url') ??
    meta.get('twitter:image') ??
    firstStringOf(article?.image) ??
    null;
  const body = stringOf(article?.articleBody);
  return {
    title: titleOf(document, meta, stringOf(article?.headline)),
    byline: bylineOf(
      document,
      meta,
      stringOf(resolveReferences(article?.author, nodes)),
      stringOf(resolveReferences(article?.publisher, nodes)),
    ),
    publishedAt,
    modifiedAt,
    language: languageOf(document, meta),
    canonicalUrl: absolute(canonicalHref, url),
    leadImageUrl: absolute(image, url),
    declaredBody: body,
  };
}
