// A deliberately simple HTML → text extractor for local files: title, canonical URL, published
// time from common meta tags, and the text of block elements outside navigation and scripts.
import { parseHTML } from 'linkedom';

export interface SimpleArticle {
  title: string | null;
  text: string;
  canonicalUrl: string | null;
  publishedAt: string | null;
  byline: string | null;
  language: string | null;
}

const DROP =
  'script, style, noscript, template, iframe, nav, header, footer, aside, form, svg, [aria-hidden="true"]';
const BLOCKS = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'TD',
  'FIGCAPTION',
  'DD',
  'DT',
]);

export function extractSimpleHtml(html: string): SimpleArticle {
  const { document } = parseHTML(html);
  const meta = (selector: string): string | null =>
    document.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const title =
    meta('meta[property="og:title"]') ?? (document.querySelector('title')?.textContent?.trim() || null);
  const canonicalUrl =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ||
    meta('meta[property="og:url"]');
  const publishedAt =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="pubdate"]') ??
    meta('meta[name="date"]') ??
    (document.querySelector('time[datetime]')?.getAttribute('datetime') || null);
  const byline = meta('meta[name="author"]');
  const language = document.documentElement?.getAttribute('lang')?.slice(0, 2).toLowerCase() || null;
  for (const node of [...document.querySelectorAll(DROP)]) node.remove();
  const root = document.querySelector('article') ?? document.querySelector('main') ?? document.body;
  const paragraphs: string[] = [];
  const walk = (element: Element): void => {
    if (BLOCKS.has(element.tagName)) {
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) paragraphs.push(text);
      return;
    }
    for (const child of Array.from(element.children)) walk(child);
  };
  if (root) walk(root);
  if (paragraphs.length === 0 && root) paragraphs.push((root.textContent ?? '').replace(/\s+/g, ' ').trim());
  return { title, text: paragraphs.join('\n\n'), canonicalUrl, publishedAt, byline, language };
}
