// The HTML stage's entry point: main text plus metadata from one page.
import { extractMetadata } from './article.metadata.ts';
import { collapseWhitespace, parseHtmlDocument } from './html.dom.ts';
import type { DomDocument } from './html.dom.ts';
import { checkHtmlLimits, DEFAULT_HTML_LIMITS, type HtmlLimits } from './html.limits.ts';
import type { BlockModel } from './block.model.ts';
import { extractMainText } from './main-text.extractor.ts';
import type { Timestamp } from '@echotrace/core';

export interface ExtractedArticle {
  /** Main text; paragraphs separated by a blank line. Empty when the page has none. */
  text: string;
  title: string | null;
  byline: string | null;
  publishedAt: Timestamp | null;
  modifiedAt: Timestamp | null;
  language: string | null;
  canonicalUrl: string | null;
  leadImageUrl: string | null;
}

const SCANT_TEXT = 250;

/**
 * Script-rendered pages often ship an empty shell whose text is only in JSON-LD `articleBody`;
 * that text is used when the markup gave next to nothing and the declared body is longer.
 */
function preferDeclaredBody(text: string, declared: string | null): string {
  if (text.length >= SCANT_TEXT || !declared) return text;
  const body = declared
    .replace(/<[^>]*>/g, ' ')
    .split(/\n\s*\n|\r?\n/)
    .map(collapseWhitespace)
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
  return body.length > text.length ? body : text;
}

export interface ExtractOptions {
  /** Bounds checked before parsing; a page past one throws HtmlLimitError. Default DEFAULT_HTML_LIMITS. */
  limits?: HtmlLimits;
  /** Names the page in errors (a path); default `url`, else "HTML page". */
  input?: string;
  /** Model adding blocks near the chosen container; default the shipped one, null for scoring alone. */
  blockModel?: BlockModel | null;
}

/**
 * Extracts an article from an HTML string; `url` resolves relative links and dates the page. A page
 * nested deeper or with more elements than `options.limits` allows throws HtmlLimitError before
 * any tree is built.
 */
export function extractArticle(html: string, url?: string, options: ExtractOptions = {}): ExtractedArticle {
  checkHtmlLimits(html, options.input ?? url ?? 'HTML page', options.limits ?? DEFAULT_HTML_LIMITS);
  let first: DomDocument | null = parseHtmlDocument(html);
  const metadata = extractMetadata(first, url);
  // Each cleaning attempt mutates its document, so later attempts parse afresh.
  const text = extractMainText(() => {
    const document = first ?? parseHtmlDocument(html);
    first = null;
    return document.body;
  }, options.blockModel);
  const { declaredBody, ...rest } = metadata;
  return { text: preferDeclaredBody(text, declaredBody), ...rest };
}
