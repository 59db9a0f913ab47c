// A small element tree over saxes, safe for hostile input. saxes never fetches external DTDs or
// entities and does not expand entities declared in a DTD; we go further and refuse any DOCTYPE
// with an internal subset outright, so an entity bomb ("billion laughs") or an external-entity
// probe (file:///etc/passwd) fails fast with a clear error instead of half-parsing. Feeds and
// sitemaps never need a DTD; the RSS 0.91 public DOCTYPE (no internal subset) is still accepted.
import { InputError } from '@echotrace/core';
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Qualified name as written, e.g. `item`, `dc:creator`, `news:publication_date`. */
  name: string;
  /** Name without its prefix. */
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside this element (text and CDATA), in order. */
  text: string;
}

// HTML entities that sloppy feeds use without declaring them. Only plain characters: nothing here
// can expand into markup or into more entities.
const LENIENT_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  middot: '·',
  bull: '•',
  deg: '°',
  euro: '€',
  times: '×',
  shy: '\u00ad',
  numero: '№',
};

export function parseXml(xml: string, origin: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: true });
  Object.assign(parser.ENTITIES, LENIENT_ENTITIES);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: InputError | null = null;

  parser.on('doctype', (doctype) => {
    if (doctype.includes('[')) {
      failure = new InputError(origin, 'XML with a DTD internal subset (entity declarations) is refused');
      throw failure;
    }
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const element: XmlElement = {
      name,
      local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      children: [],
      text: '',
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (text: string): void => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (error) => {
    // Unknown entities and stray ampersands are the common sloppiness of real feeds: keep the
    // literal text. Anything else means the document is not XML we can trust.
    if (/entity|character in entity name/i.test(error.message)) return;
    failure ??= new InputError(origin, `malformed XML: ${error.message}`);
    throw failure;
  });

  try {
    parser.write(escapeStrayAmpersands(xml)).close();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(origin, `malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!root) throw new InputError(origin, 'no XML root element');
  return root;
}

// `?a=1&b=2` in an unescaped link is the most common error in real feeds; a bare `&` would make
// the parser swallow the markup after it, so it becomes `&amp;` before parsing.
function escapeStrayAmpersands(xml: string): string {
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, index) =>
      index % 2 === 1 ? part : part.replace(/&(?!#\d+;|#x[0-9a-f]+;|[a-z_][\w.-]*;)/gi, '&amp;'),
    )
    .join('');
}

export function childrenNamed(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((child) => child.local === local);
}

export function firstChild(element: XmlElement, local: string, prefix?: string): XmlElement | undefined {
  return element.children.find(
    (child) => child.local === local && (prefix === undefined || child.name === `${prefix}:${local}`),
  );
}

/**
 * Trimmed text of the first child with this local name that has any, or null. "First with text"
 * because RSS channels routinely put an empty `<atom:link rel="self"/>` before their `<link>`.
 */
export function childText(element: XmlElement, local: string, prefix?: string): string | null {
  for (const child of element.children) {
    if (child.local !== local || (prefix !== undefined && child.name !== `${prefix}:${local}`)) continue;
    const text = deepText(child).trim();
    if (text) return text;
  }
  return null;
}

/** All text inside an element, descendants included (Atom xhtml content, stray markup). */
export function deepText(element: XmlElement): string {
  if (element.children.length === 0) return element.text;
  return element.text + element.children.map(deepText).join(' ');
}
