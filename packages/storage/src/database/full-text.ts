// The full-text part of the dialect seam. SQLite keeps a contentless FTS5 table beside documents and
// ranks with bm25(); PostgreSQL keeps a tsvector column on the row and ranks with ts_rank(). Both
// index the same analyzer terms (core's indexForm), and both compile core's query tree with the same
// walker (compileMatch below) into their own syntax, so the same queries find the same documents and
// are refused with the same errors.
import { InputError, type QueryNode } from '@echotrace/core';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Database } from './schema.ts';
import type { StoreContext } from './unit-of-work.ts';

export interface CompiledMatch {
  /** Expression documents must match, or null when there is no positive condition. */
  include: string | null;
  /** Expression documents must not match (top-level negations), or null. */
  exclude: string | null;
}

/** How a database spells the pieces of a match expression; every term comes in already analyzed. */
export interface MatchSyntax {
  term(term: string, prefix: boolean): string;
  phrase(terms: readonly string[]): string;
  or(parts: readonly string[]): string;
  /** positives joined by AND, each negative subtracted (at least one positive). */
  and(positives: readonly string[], negatives: readonly string[]): string;
}

/** A ranked page of matching documents: rowids, best first, scores higher-is-better. */
export interface RankedPage {
  rows: Array<{ rowid: number; score: number }>;
  total: number;
}

export interface IndexedDocument {
  rowid: number;
  title: string | null;
  text: string;
  /** Whether the document had an entry before (it is replaced). */
  replacing: boolean;
}

export interface FullTextDialect {
  readonly syntax: MatchSyntax;
  /**
   * Values of the columns the document row itself carries for the index (PostgreSQL's
   * search_vector, a tsvector literal the column's type parses); none where the index is a table of
   * its own.
   */
  documentValues(title: string | null, text: string): Record<string, string>;
  /**
   * Writes a document's entry into an index kept apart from the row (SQLite's FTS5 table), replacing
   * the previous entry when the document was there before; nothing where the row carries it. Made
   * once per store, so that its statements are prepared once.
   */
  indexer(context: StoreContext): (document: IndexedDocument) => Promise<void>;
  /** A condition on documents `d`: the document matches expression. */
  matches(expression: string): RawBuilder<SqlBool>;
  /** The page of documents `d` matching include and the filter condition, ranked, with the total. */
  ranked(
    db: Kysely<Database>,
    request: { include: string; filter: RawBuilder<SqlBool> | null; limit: number; offset: number },
  ): Promise<RankedPage>;
}

/**
 * Core's query tree as a match expression in syntax. A negation must sit beside a positive condition
 * in an AND (`a -b`) or stand alone at the top, where it becomes the exclude expression (the search
 * layer removes its matches from all documents); neither database can evaluate it anywhere else.
 */
export function compileMatch(node: QueryNode | null, query: string, syntax: MatchSyntax): CompiledMatch {
  if (!node) return { include: null, exclude: null };
  if (node.kind === 'not') return { include: null, exclude: compile(node.child, query, syntax) };
  if (node.kind === 'and' && node.children.every((c) => c.kind === 'not')) {
    return {
      include: null,
      exclude: syntax.or(node.children.map((c) => compile((c as { child: QueryNode }).child, query, syntax))),
    };
  }
  return { include: compile(node, query, syntax), exclude: null };
}

function compile(node: QueryNode, query: string, syntax: MatchSyntax): string {
  const refuse = (problem: string): never => {
    throw new InputError(`query ${JSON.stringify(query)}`, problem);
  };
  switch (node.kind) {
    case 'term': {
      const alternatives = node.terms.map((t) => syntax.term(t, node.prefix));
      return alternatives.length === 1 ? alternatives[0]! : syntax.or(alternatives);
    }
    case 'phrase':
      return syntax.phrase(node.terms);
    case 'or':
      return syntax.or(
        node.children.map((child) =>
          child.kind === 'not'
            ? refuse('NOT cannot be an alternative of OR; combine it with a positive word')
            : compile(child, query, syntax),
        ),
      );
    case 'and': {
      const positives = node.children.filter((c) => c.kind !== 'not');
      const negatives = node.children.filter(
        (c): c is Extract<QueryNode, { kind: 'not' }> => c.kind === 'not',
      );
      if (positives.length === 0) refuse('a group of only NOT conditions needs a positive word beside it');
      return syntax.and(
        positives.map((c) => compile(c, query, syntax)),
        negatives.map((c) => compile(c.child, query, syntax)),
      );
    }
    case 'not':
      return refuse('NOT needs a positive condition beside it, e.g. "korea -south"');
  }
}
