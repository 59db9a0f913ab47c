// Property tests for the query parser (fast-check). `npm test` runs a small seeded budget;
// `npm run fuzz` runs it long (ECHOTRACE_FUZZ_RUNS, ECHOTRACE_FUZZ_SEED). A counterexample found
// becomes a row of fixtures/query.fuzz.json, replayed by query.hardening.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_QUERY_DEPTH, parseQuery, QuerySyntaxError, type QueryNode } from '@echotrace/core';

const RUNS = Number(process.env.ECHOTRACE_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.ECHOTRACE_FUZZ_SEED ?? 16);
const settings = { numRuns: RUNS, seed: SEED };
let executions = 0;

// Query-shaped noise: operators, quotes, filters and scripts mixed, so most inputs reach the
// parser's deeper states rather than failing at the first character.
const pieces = fc.constantFrom(
  'Пхеньян',
  'санкц*',
  'sanction',
  'AND',
  'OR',
  'NOT',
  '&&',
  '||',
  '-',
  '(',
  ')',
  '"',
  '«',
  '»',
  '“',
  '”',
  'source:',
  'source:x',
  'lang:ru',
  'from:2024-01',
  'to:2024-13-40',
  'entity:',
  'title:',
  ':',
  '*',
  '😀',
  '\u0301',
  '\u0000',
  '\u001b[31m',
  ' ',
  '\t',
  'ё',
  '北京',
);
const queryish = fc.oneof(
  fc.array(pieces, { maxLength: 24 }).map((parts) => parts.join('')),
  fc.array(pieces, { maxLength: 24 }).map((parts) => parts.join(' ')),
  fc.string({ unit: 'binary', maxLength: 64 }),
);

function depth(node: QueryNode | null): number {
  if (!node) return 0;
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return 1;
    case 'not':
      return 1 + depth(node.child);
    case 'and':
    case 'or':
      return 1 + Math.max(...node.children.map(depth));
  }
}

function wellFormed(node: QueryNode | null): void {
  if (!node) return;
  switch (node.kind) {
    case 'term':
    case 'phrase':
      assert.ok(node.terms.length > 0 && node.terms.every((t) => t.length > 0), JSON.stringify(node));
      return;
    case 'not':
      wellFormed(node.child);
      return;
    case 'and':
    case 'or':
      assert.ok(node.children.length >= 2, `${node.kind} with ${node.children.length} children`);
      node.children.forEach(wellFormed);
  }
}

describe(`query parser properties (${RUNS} runs each, seed ${SEED})`, () => {
  it('any input parses to a well-formed tree or fails with a QuerySyntaxError at a position in it', () => {
    fc.assert(
      fc.property(queryish, (input) => {
        executions++;
        try {
          const query = parseQuery(input);
          assert.ok(
            query.text !== null || query.filters.sources.length + query.filters.languages.length >= 0,
          );
          wellFormed(query.text);
          assert.ok(depth(query.text) <= 2 * MAX_QUERY_DEPTH + 2);
        } catch (error) {
          if (!(error instanceof QuerySyntaxError)) throw error;
          assert.ok(error.position >= 0 && error.position <= input.length, `position ${error.position}`);
        }
      }),
      settings,
    );
  });

  it('nesting of any depth fails cleanly past the limit and parses within it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('(', 'NOT ', '-('), (n, opener) => {
        executions++;
        const closer = opener === 'NOT ' ? '' : ')';
        const input = `${opener.repeat(n)}word${closer.repeat(n)}`;
        try {
          parseQuery(input);
          assert.ok(n <= MAX_QUERY_DEPTH, `depth ${n} accepted`);
        } catch (error) {
          if (!(error instanceof QuerySyntaxError)) throw error;
          assert.ok(n > MAX_QUERY_DEPTH - 1, `depth ${n} refused: ${error.message}`);
        }
      }),
      settings,
    );
  });

  it('a query of words joined by AND or OR always parses, keeping every word', () => {
    const word = fc.stringMatching(/^[a-zа-я]{2,12}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(' ', ' AND ', ' OR '),
        (words, glue) => {
          executions++;
          const query = parseQuery(words.join(glue));
          const text = query.text!;
          const count = text.kind === 'and' || text.kind === 'or' ? text.children.length : 1;
          assert.equal(count, words.length);
        },
      ),
      settings,
    );
  });

  it('reports the executions', () => {
    console.log(`fuzz query parser: ${executions} executions, seed ${SEED}`);
    assert.ok(executions >= RUNS * 3);
  });
});
