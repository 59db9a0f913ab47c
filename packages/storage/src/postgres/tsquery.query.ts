// Compiles core's query tree into a tsquery over the analyzer's lexemes, with the same semantics
// and the same refusals as the FTS5 compiler (sqlite/fts5.query.ts): term alternatives are ORed,
// prefixes use `:*`, phrases `<->`, and a negation must sit beside a positive condition or stand
// alone at the top (then the search layer excludes its matches). Every lexeme is quoted, and the
// text is cast to tsquery directly (no parser or dictionary runs), so the lexemes compare exactly
// with the ones search.vector.ts wrote.
import { InputError, type QueryNode } from '@echotrace/core';
import type { CompiledMatch } from '../sqlite/fts5.query.ts';
import { ftsTokens, quoteLexeme } from './search.vector.ts';

export function compileTsquery(node: QueryNode | null, query: string): CompiledMatch {
  if (!node) return { include: null, exclude: null };
  if (node.kind === 'not') return { include: null, exclude: compile(node.child, query) };
  if (node.kind === 'and' && node.children.every((c) => c.kind === 'not')) {
    return {
      include: null,
      exclude: node.children.map((c) => compile((c as { child: QueryNode }).child, query)).join(' | '),
    };
  }
  return { include: compile(node, query), exclude: null };
}

function compile(node: QueryNode, query: string): string {
  switch (node.kind) {
    case 'term': {
      const alternatives = node.terms.map((t) => phrase(ftsTokens(t), node.prefix, t));
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' | ')})`;
    }
    case 'phrase':
      return node.terms.length === 1
        ? quoteLexeme(node.terms[0]!)
        : `(${node.terms.map(quoteLexeme).join(' <-> ')})`;
    case 'or':
      return `(${node.children
        .map((child) => {
          if (child.kind === 'not')
            throw new InputError(
              `query ${JSON.stringify(query)}`,
              'NOT cannot be an alternative of OR; combine it with a positive word',
            );
          return compile(child, query);
        })
        .join(' | ')})`;
    case 'and': {
      const positives = node.children.filter((c) => c.kind !== 'not');
      const negatives = node.children.filter(
        (c): c is Extract<QueryNode, { kind: 'not' }> => c.kind === 'not',
      );
      if (positives.length === 0) {
        throw new InputError(
          `query ${JSON.stringify(query)}`,
          'a group of only NOT conditions needs a positive word beside it',
        );
      }
      const parts = [
        ...positives.map((c) => compile(c, query)),
        ...negatives.map((c) => `!${compile(c.child, query)}`),
      ];
      return parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
    }
    case 'not':
      throw new InputError(
        `query ${JSON.stringify(query)}`,
        'NOT needs a positive condition beside it, e.g. "korea -south"',
      );
  }
}

/** A term FTS5 splits into several tokens is a phrase there; a prefix applies to its last token. */
function phrase(tokens: string[], prefix: boolean, original: string): string {
  if (tokens.length === 0) return quoteLexeme(original);
  const lexemes = tokens.map((t, i) =>
    prefix && i === tokens.length - 1 ? `${quoteLexeme(t)}:*` : quoteLexeme(t),
  );
  return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(' <-> ')})`;
}
