// The query language (documented in docs/query-syntax.md):
//   words           Пхеньян sanctions          all must match (AND is implicit)
//   phrase          "Eastern NATO"
//   boolean         a OR b, a AND b, NOT a, -a, ( … )   precedence: NOT > AND > OR
//   prefix          санкц*
//   filters         source:ID lang:ru from:2024-01-01 to:2024-06-30 entity:ID speaker:ID
//                   narrative:ID technique:ID
// Words are analyzed like document text (folded, stemmed by script), so `Пхеньян` finds `Пхеньяна`.
import { QuerySyntaxError } from '../errors.ts';
import { analyze, queryStems } from '../text/analyzer.ts';
import { foldForSearch } from '../text/normalize.ts';
import { toInstant } from '../time/published.ts';
import type { Query, QueryFilters, QueryNode } from './search.types.ts';

type Lexeme =
  | { type: 'word'; value: string; prefix: boolean; negated: boolean; at: number }
  | { type: 'phrase'; value: string; negated: boolean; at: number }
  | { type: 'filter'; field: string; value: string; at: number }
  | { type: 'and' | 'or' | 'not' | 'open' | 'close'; at: number };

const FILTER_FIELDS = new Set([
  'source',
  'lang',
  'from',
  'to',
  'entity',
  'speaker',
  'narrative',
  'technique',
]);

/** Parentheses and NOTs nested deeper than this are refused: the parser and the SQL it becomes recurse. */
export const MAX_QUERY_DEPTH = 32;
/** Longer queries are refused: nobody types them, and each word becomes a join. */
export const MAX_QUERY_LENGTH = 4000;

export function parseQuery(input: string): Query {
  if (input.length > MAX_QUERY_LENGTH)
    throw new QuerySyntaxError(
      input.slice(0, 40) + '…',
      `query of ${input.length} characters is longer than the maximum of ${MAX_QUERY_LENGTH}`,
      MAX_QUERY_LENGTH,
    );
  const lexemes = lex(input);
  const filters: QueryFilters = {
    sources: [],
    languages: [],
    from: null,
    to: null,
    entities: [],
    speakers: [],
  };
  const parser = new Parser(input, lexemes, filters);
  const text = parser.parseTop();
  const hasFilter =
    filters.sources.length +
      filters.languages.length +
      filters.entities.length +
      (filters.speakers?.length ?? 0) +
      (filters.narratives?.length ?? 0) +
      (filters.techniques?.length ?? 0) >
      0 ||
    filters.from !== null ||
    filters.to !== null;
  // A blank query and one of only punctuation or emoji (which analysis drops) are the same
  // mistake; matching every document for the second would hide it.
  if (!text && !hasFilter)
    throw new QuerySyntaxError(
      input,
      lexemes.length === 0
        ? 'the query is empty: give words, "a phrase" or a filter such as source:ID'
        : 'the query has no words to search for (punctuation and emoji are not indexed) and no filter',
      0,
    );
  return { source: input, text, filters };
}

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ type: ch === '(' ? 'open' : 'close', at: i });
      i++;
      continue;
    }
    let negated = false;
    const at = i;
    if (ch === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    if (input[i] === '"' || input[i] === '«' || input[i] === '“') {
      const close = input[i] === '"' ? '"' : input[i] === '«' ? '»' : '”';
      const end = input.indexOf(close, i + 1);
      if (end === -1) throw new QuerySyntaxError(input, 'unclosed quotation mark', i);
      out.push({ type: 'phrase', value: input.slice(i + 1, end), negated, at });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/[\s()"]/.test(input[j]!)) j++;
    const word = input.slice(i, j);
    i = j;
    const colon = word.indexOf(':');
    const field = word.slice(0, colon).toLowerCase();
    // `name:` in Latin letters reads as a filter; an unknown one silently matching nothing (the
    // words `title` and `x` rarely sit side by side) would look like "no such documents".
    // A URL (`https://…`) is a phrase of its words, as before.
    if (
      colon > 0 &&
      /^[a-z][a-z_-]*$/.test(field) &&
      !FILTER_FIELDS.has(field) &&
      !word.startsWith('//', colon + 1)
    )
      throw new QuerySyntaxError(
        input,
        `unknown filter ${word.slice(0, colon)}: (filters are ${[...FILTER_FIELDS].map((f) => `${f}:`).join(' ')}; quote "${word}" to search for the text)`,
        at,
      );
    if (!negated && colon > 0 && FILTER_FIELDS.has(field)) {
      const value = word.slice(colon + 1);
      if (!value) throw new QuerySyntaxError(input, `filter ${word} needs a value`, at);
      out.push({ type: 'filter', field: word.slice(0, colon).toLowerCase(), value, at });
      continue;
    }
    if (!negated && (word === 'AND' || word === '&&')) out.push({ type: 'and', at });
    else if (!negated && (word === 'OR' || word === '||')) out.push({ type: 'or', at });
    else if (!negated && word === 'NOT') out.push({ type: 'not', at });
    else {
      const prefix = word.endsWith('*');
      out.push({ type: 'word', value: prefix ? word.slice(0, -1) : word, prefix, negated, at });
    }
  }
  return out;
}

class Parser {
  private position = 0;
  private readonly input: string;
  private readonly lexemes: Lexeme[];
  private readonly filters: QueryFilters;

  constructor(input: string, lexemes: Lexeme[], filters: QueryFilters) {
    this.input = input;
    this.lexemes = lexemes;
    this.filters = filters;
  }

  parseTop(): QueryNode | null {
    const node = this.parseOr(0);
    const rest = this.lexemes[this.position];
    if (rest)
      throw new QuerySyntaxError(
        this.input,
        rest.type === 'close' ? 'unmatched )' : 'unexpected input',
        rest.at,
      );
    return node;
  }

  /** `depth` counts the parentheses and NOTs around the current position, where filters are refused. */
  private parseOr(depth: number): QueryNode | null {
    const children: QueryNode[] = [];
    const first = this.parseAnd(depth);
    if (first) children.push(first);
    while (this.peek()?.type === 'or') {
      const orAt = this.next().at;
      // Not deeper: a filter after an OR operand (`a OR b lang:en`) still stands at the top, and
      // since filters always apply to the whole query, reading it there is unambiguous.
      const next = this.parseAnd(depth);
      if (!next || children.length === 0)
        throw new QuerySyntaxError(this.input, 'OR needs a condition on each side', orAt);
      children.push(next);
    }
    if (children.length === 0) return null;
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private parseAnd(depth: number): QueryNode | null {
    const children: QueryNode[] = [];
    for (;;) {
      const lexeme = this.peek();
      if (!lexeme || lexeme.type === 'or' || lexeme.type === 'close') break;
      if (lexeme.type === 'and') {
        this.next();
        if (children.length === 0)
          throw new QuerySyntaxError(this.input, 'AND needs a condition before it', lexeme.at);
        const following = this.peek();
        if (!following || following.type === 'or' || following.type === 'close' || following.type === 'and')
          throw new QuerySyntaxError(this.input, 'AND needs a condition after it', lexeme.at);
        continue;
      }
      const node = this.parseUnary(depth);
      if (node) children.push(node);
    }
    if (children.length === 0) return null;
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private parseUnary(depth: number): QueryNode | null {
    const lexeme = this.next();
    if ((lexeme.type === 'open' || lexeme.type === 'not') && depth >= MAX_QUERY_DEPTH)
      throw new QuerySyntaxError(
        this.input,
        `parentheses and NOT nested deeper than ${MAX_QUERY_DEPTH} levels`,
        lexeme.at,
      );
    switch (lexeme.type) {
      case 'not': {
        const following = this.peek();
        if (!following || following.type === 'close' || following.type === 'or' || following.type === 'and') {
          throw new QuerySyntaxError(this.input, 'NOT needs a condition after it', lexeme.at);
        }
        const operand = this.parseUnary(depth + 1);
        if (!operand) throw new QuerySyntaxError(this.input, 'NOT needs a condition after it', lexeme.at);
        return { kind: 'not', child: operand };
      }
      case 'open': {
        const inner = this.parseOr(depth + 1);
        if (this.peek()?.type !== 'close') throw new QuerySyntaxError(this.input, 'unclosed (', lexeme.at);
        this.next();
        return inner;
      }
      case 'filter':
        if (depth > 0) {
          throw new QuerySyntaxError(
            this.input,
            'filters apply to the whole query: put them outside parentheses and NOT',
            lexeme.at,
          );
        }
        this.addFilter(lexeme.field, lexeme.value, lexeme.at);
        return null;
      case 'word':
      case 'phrase': {
        const node = this.textNode(lexeme);
        return node && lexeme.negated ? { kind: 'not', child: node } : node;
      }
      case 'and':
      case 'or':
      case 'close':
        throw new QuerySyntaxError(
          this.input,
          `unexpected ${lexeme.type === 'close' ? ')' : lexeme.type.toUpperCase()}`,
          lexeme.at,
        );
    }
  }

  private textNode(lexeme: Extract<Lexeme, { type: 'word' | 'phrase' }>): QueryNode | null {
    // A token that folds to nothing (a lone combining accent: fuzzing found it) would become an
    // empty term, which as a prefix matches every word.
    const terms = analyze(lexeme.value)
      .map((token) => token.term)
      .filter((term) => term.length > 0);
    if (terms.length === 0) return null;
    if (lexeme.type === 'word' && terms.length === 1) {
      // A prefix is matched against stored stems, so it must not be stemmed itself (`санкц*`).
      const surface = analyze(lexeme.value).find((token) => token.term.length > 0)!.surface;
      const alternatives = (
        lexeme.prefix ? [foldForSearch(surface)] : queryStems(foldForSearch(surface))
      ).filter((term) => term.length > 0);
      if (alternatives.length === 0) return null;
      return { kind: 'term', raw: lexeme.value, terms: alternatives, prefix: lexeme.prefix };
    }
    return { kind: 'phrase', raw: lexeme.value, terms };
  }

  private addFilter(field: string, value: string, at: number): void {
    switch (field) {
      case 'source':
        this.filters.sources.push(value);
        return;
      case 'lang':
        this.filters.languages.push(value.toLowerCase());
        return;
      case 'entity':
        this.filters.entities.push(value);
        return;
      case 'speaker':
        (this.filters.speakers ??= []).push(value);
        return;
      case 'narrative':
        (this.filters.narratives ??= []).push(value.toLowerCase());
        return;
      case 'technique':
        (this.filters.techniques ??= []).push(value.toLowerCase());
        return;
      case 'from':
        this.filters.from = this.date(value, at, false);
        return;
      case 'to':
        this.filters.to = this.date(value, at, true);
        return;
      default:
        throw new QuerySyntaxError(this.input, `unknown filter ${field}:`, at);
    }
  }

  /** `to:` bounds are exclusive instants; a bare date or month means "through the end of it". */
  private date(value: string, at: number, upper: boolean): string {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
    if (!m) {
      const instant = Date.parse(value);
      if (Number.isNaN(instant))
        throw new QuerySyntaxError(this.input, `${JSON.stringify(value)} is not a date (use YYYY-MM-DD)`, at);
      return new Date(instant).toISOString();
    }
    const [, y, mo, d] = m;
    const year = Number(y);
    const month = mo ? Number(mo) : 1;
    const day = d ? Number(d) : 1;
    if (month < 1 || month > 12 || day < 1 || day > 31)
      throw new QuerySyntaxError(this.input, `${value} is not a valid date`, at);
    let start = new Date(Date.UTC(year, month - 1, day));
    if (upper) {
      start = d
        ? new Date(Date.UTC(year, month - 1, day + 1))
        : mo
          ? new Date(Date.UTC(year, month, 1))
          : new Date(Date.UTC(year + 1, 0, 1));
    }
    return toInstant(start.toISOString());
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.position];
  }

  private next(): Lexeme {
    const lexeme = this.lexemes[this.position++];
    if (!lexeme) throw new QuerySyntaxError(this.input, 'unexpected end of query', this.input.length);
    return lexeme;
  }
}

/** Every positive term and phrase of a query, for highlighting. */
export function positiveTerms(node: QueryNode | null): Array<{ term: string; prefix: boolean }> {
  if (!node) return [];
  switch (node.kind) {
    case 'term':
      return node.terms.map((term) => ({ term, prefix: node.prefix }));
    case 'phrase':
      return node.terms.map((term) => ({ term, prefix: false }));
    case 'and':
    case 'or':
      return node.children.flatMap(positiveTerms);
    case 'not':
      return [];
  }
}
