// JSON-LD blocks as outlets write them: single objects, arrays, `@graph` lists, and now and then
// invalid JSON (raw newlines in strings, trailing commas, HTML comments). A block that cannot be
// read is skipped; it never fails the page.
import type { DomDocument } from './html.dom.ts';

export type JsonLdNode = Record<string, unknown>;

const ARTICLE_TYPES =
  /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting)$/;

function parseLenient(raw: string): unknown {
  const text = raw
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\/\/<!\[CDATA\[|\/\/\]\]>$/g, '');
  try {
    return JSON.parse(text);
  } catch {
    // Control characters inside strings and trailing commas are the usual faults.
    // eslint-disable-next-line no-control-regex
    const repaired = text.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1');
    try {
      return JSON.parse(repaired);
    } catch {
      return undefined;
    }
  }
}

function flatten(value: unknown, into: JsonLdNode[], depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, into, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  into.push(node);
  if (node['@graph']) flatten(node['@graph'], into, depth + 1);
  if (node.mainEntity) flatten(node.mainEntity, into, depth + 1);
  if (node.mainEntityOfPage && typeof node.mainEntityOfPage === 'object')
    flatten(node.mainEntityOfPage, into, depth + 1);
}

/** Every JSON-LD object on the page, `@graph` members and main entities included. */
export function readJsonLd(document: DomDocument): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    const raw = scripts[i]?.textContent;
    if (raw) flatten(parseLenient(raw), nodes);
  }
  return nodes;
}

const typesOf = (node: JsonLdNode): string[] => {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
};

/** The page's article object, if any: the first of an article type, else a WebPage with dates. */
export function findArticleNode(nodes: JsonLdNode[]): JsonLdNode | null {
  return (
    nodes.find((node) => typesOf(node).some((t) => ARTICLE_TYPES.test(t))) ??
    nodes.find((node) => typesOf(node).includes('WebPage') && node.datePublished !== undefined) ??
    null
  );
}

/** A string property, or the `name`/`url` of an object property, or those of an array's items joined. */
export function stringOf(value: unknown, key: 'name' | 'url' = 'name'): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => stringOf(v, key)).filter((v): v is string => v !== null);
    return parts.length > 0 ? [...new Set(parts)].join(', ') : null;
  }
  if (value && typeof value === 'object') return stringOf((value as JsonLdNode)[key], key);
  return null;
}

/** The first of several values (an image list, say) as a string. */
export function firstStringOf(value: unknown, key: 'name' | 'url' = 'url'): string | null {
  return Array.isArray(value) ? stringOf(value[0], key) : stringOf(value, key);
}

/**
 * A property whose objects are bare `{"@id": …}` references (as graph-writing plugins link an
 * article to its author), with each reference replaced by the node of that id when the page has it.
 */
export function resolveReferences(value: unknown, nodes: JsonLdNode[]): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, nodes));
  if (!value || typeof value !== 'object') return value;
  const node = value as JsonLdNode;
  const id = node['@id'];
  if (typeof id !== 'string' || node.name !== undefined) return value;
  return nodes.find((other) => other !== node && other['@id'] === id && other.name !== undefined) ?? value;
}
