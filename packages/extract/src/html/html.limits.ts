// Bounds a page must keep before it is handed to linkedom. Building a deeply nested tree is
// quadratic there (0.76 MB of nested <div> took 3.4 s, 50 MB did not finish in 300 s) and a huge
// flat page grows the heap by gigabytes, so both are measured first by htmlparser2's tokenizer, the
// one linkedom itself parses with: the depth counted is the depth linkedom would build, implied
// closes (`<p><p>`, `<li><li>`) and void elements included. The scan builds no tree, is linear in
// the input and stops at the first bound passed.
import { InputError } from '@echotrace/core';
import { Parser } from 'htmlparser2';

export interface HtmlLimits {
  /** Deepest element nesting accepted (ECHOTRACE_HTML_MAX_DEPTH). */
  maxDepth: number;
  /** Most elements accepted in one page (ECHOTRACE_HTML_MAX_ELEMENTS). */
  maxElements: number;
}

// Browsers cap tree depth at 512 (Blink) and real article pages stay under 100; the element bound
// is ten times a heavy news page (about 20,000 elements with its menus and comments).
export const DEFAULT_HTML_LIMITS: HtmlLimits = { maxDepth: 512, maxElements: 200_000 };

/** A page past a bound of `HtmlLimits`: its bytes are kept, its text is not extracted. */
export class HtmlLimitError extends InputError {
  readonly limit: keyof HtmlLimits;
  constructor(input: string, limit: keyof HtmlLimits, value: number) {
    const problem =
      limit === 'maxDepth'
        ? `HTML nested more than ${value} elements deep (ECHOTRACE_HTML_MAX_DEPTH), not extracted`
        : `HTML has more than ${value} elements (ECHOTRACE_HTML_MAX_ELEMENTS), not extracted`;
    super(input, problem);
    this.name = 'HtmlLimitError';
    this.limit = limit;
  }
}

class Stop extends Error {
  readonly limit: keyof HtmlLimits;
  constructor(limit: keyof HtmlLimits) {
    super(limit);
    this.limit = limit;
  }
}

/** What the scan measured: the deepest nesting and the number of elements (up to the first bound passed). */
export interface HtmlShape {
  depth: number;
  elements: number;
}

/** Measures `html`; throws HtmlLimitError naming `input` at the first bound it passes. */
export function checkHtmlLimits(
  html: string,
  input: string,
  limits: HtmlLimits = DEFAULT_HTML_LIMITS,
): HtmlShape {
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  const parser = new Parser(
    {
      onopentag() {
        elements++;
        depth++;
        if (depth > deepest) deepest = depth;
        if (depth > limits.maxDepth) throw new Stop('maxDepth');
        if (elements > limits.maxElements) throw new Stop('maxElements');
      },
      onclosetag() {
        depth--;
      },
    },
    // The options linkedom parses HTML with: the same tokens, so the same tree shape.
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false },
  );
  try {
    parser.end(html);
  } catch (error) {
    if (error instanceof Stop) throw new HtmlLimitError(input, error.limit, limits[error.limit]);
    throw error;
  }
  return { depth: deepest, elements };
}
