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

/** Parses an HTML string into a linkedom document (never throws on malformed markup). */
export function parseHtmlDocument(html: string): DomDocument {
  const window = parseHTML(html) as unknown as { document: DomDocument };
  return window.document;
}

/** Collapses runs of whitespace to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
