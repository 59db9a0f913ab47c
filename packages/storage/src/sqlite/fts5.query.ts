// Compiles core's query tree into an FTS5 MATCH expression over the stemmed index. Every term is
// quoted, so nothing a user types is read as FTS5 syntax. FTS5 has no unary NOT: a negation must sit
// beside a positive condition in an AND (`a -b`), or stand alone at the top (then the search layer
// excludes its matches from all documents).
import { InputError, type QueryNode } from '@echotrace/core';

export interface CompiledMatch {
  /** Expression documents must match, or null when there is no positive condition. */
  include: string | null;
  /** Expression documents must not match (top-level negations), or null. */
  exclude: string | null;
}

export function compileMatch(node: QueryNode | null, query: string): CompiledMatch {
  if (!node) return { include: null, exclude: null };
  if (node.kind === 'not') return { include: null, exclude: compile(node.child, query) };
  if (node.kind === 'and' && node.children.every((c) => c.kind === 'not')) {
    return {
      include: null,
      exclude: node.children.map((c) => compile((c as { child: QueryNode }).child, query)).join(' OR '),
    };
  }
  return { include: compile(node, query), exclude: null };
}

function compile(node: QueryNode, query: string): string {
  switch (node.kind) {
    case 'term': {
      const alternatives = node.terms.map((t) => (node.prefix ? `${quote(t)} *` : quote(t)));
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
    }
    case 'phrase':
      return quote(node.terms.join(' '));
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
        .join(' OR ')})`;
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
      let expression =
        positives.length === 1
          ? compile(positives[0]!, query)
          : `(${positives.map((c) => compile(c, query)).join(' AND ')})`;
      for (const negative of negatives) expression = `(${expression} NOT ${compile(negative.child, query)})`;
      return expression;
    }
    case 'not':
      throw new InputError(
        `query ${JSON.stringify(query)}`,
        'NOT needs a positive condition beside it, e.g. "korea -south"',
      );
  }
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
