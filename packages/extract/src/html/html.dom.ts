// The slice of the DOM our extractors use, typed structurally: linkedom's own typings lean on the
// browser `lib.dom` types, which this project does not load (Node code, no DOM globals).
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  nodeType: number;
  parentNode: DomNode | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  textContent: string | null;
}

export interface DomElement extends DomNode {
  /** Lower-case tag name (`p`, `div`). */
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomText extends DomNode {
  data: string;
}

export interface DomDocument {
  documentElement: DomElement | null;
  head: DomElement | null;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const isElement = (node: DomNode): node is DomElement => node.nodeType === ELEMENT_NODE;
export const isText = (node: DomNode): node is DomText => node.nodeType === TEXT_NODE;

/**
 * Parses an HTML string into a linkedom document (never throws on malformed markup). linkedom
 * does not infer the implied <html>/<body> of fragments and bare pages (its `body` is then empty
 * or throws), so those are added first, keeping the <html> attributes such as `lang`.
 */
export function parseHtmlDocument(html: string): DomDocument {
  const window = parseHTML(completeDocument(html)) as unknown as { document: DomDocument };
  if (window.document.documentElement) return window.document;
  // An <html> tag whose attribute quote never closes (`<html lang=">`) swallows the page into the
  // attribute, and linkedom then has no root: reading `body` threw a TypeError (fuzzing found it).
  // The page is read again without its <html> tags: its text is kept rather than the item lost.
  const bare = html.replace(/<!doctype[^>]*>/i, '').replace(/<\/?html\b[^>]*>?/gi, '');
  return (parseHTML(completeDocument(bare)) as unknown as { document: DomDocument }).document;
}

function completeDocument(source: string): string {
  // Text before <html> (server error messages printed ahead of the page) leaves linkedom with an
  // empty body; browsers show it above the page, and it is never the article.
  const start = /<!doctype|<html[\s>]/i.exec(source);
  const html = start && start.index > 0 && /<body[\s>]/i.test(source) ? source.slice(start.index) : source;
  const hasBody = /<body[\s>]/i.test(html);
  const htmlTag = /<html(?:\s[^>]*)?>/i.exec(html);
  if (hasBody) return htmlTag ? html : `<html>${html}</html>`;
  const inner = html.replace(/<!doctype[^>]*>/i, '').replace(/<\/?html(?:\s[^>]*)?>/gi, '');
  const headEnd = /<\/head\s*>/i.exec(inner);
  const head = headEnd ? inner.slice(0, headEnd.index).replace(/<head(?:\s[^>]*)?>/i, '') : '';
  // A <head> never closed (and no <body>) runs on into the page: linkedom would keep it all in head.
  const body = headEnd
    ? inner.slice(headEnd.index + headEnd[0].length)
    : inner.replace(/<head(?:\s[^>]*)?>/i, '');
  return `<!doctype html>${htmlTag?.[0] ?? '<html>'}<head>${head}</head><body>${body}</body></html>`;
}

/** Collapses runs of whitespace to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
