import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, positiveTerms, QuerySyntaxError, type QueryNode } from '@echotrace/core';

/** A compact rendering of the tree, so expectations read like the query. */
function show(node: QueryNode | null): string {
  if (!node) return '∅';
  switch (node.kind) {
    case 'term':
      return node.prefix ? `${node.terms[0]}*` : node.terms[0]!;
    case 'phrase':
      return `"${node.terms.join(' ')}"`;
    case 'and':
      return `(${node.children.map(show).join(' & ')})`;
    case 'or':
      return `(${node.children.map(show).join(' | ')})`;
    case 'not':
      return `!${show(node.child)}`;
  }
}

describe('parseQuery', () => {
  it('reads implicit and explicit AND, OR, NOT and grouping with the usual precedence', () => {
    assert.equal(show(parseQuery('moscow beijing').text), '(moscow & beij)');
    assert.equal(show(parseQuery('a OR b c').text), '(a | (b & c))');
    assert.equal(show(parseQuery('(a OR b) c').text), '((a | b) & c)');
    assert.equal(show(parseQuery('korea -south').text), '(korea & !south)');
    assert.equal(show(parseQuery('korea NOT south').text), '(korea & !south)');
    assert.equal(show(parseQuery('korea AND NOT (south OR seoul)').text), '(korea & !(south | seoul))');
  });

  it('reads phrases in straight and typographic quotes, and prefixes', () => {
    assert.equal(show(parseQuery('"Eastern NATO"').text), '"eastern nato"');
    assert.equal(show(parseQuery('«восточное НАТО»').text), '"восточн нат"');
    assert.equal(show(parseQuery('санкц*').text), 'санкц*');
  });

  it('expands a Russian word to the stems of its case forms', () => {
    const node = parseQuery('Пхеньян').text;
    assert.equal(node?.kind, 'term');
    assert.ok(node.kind === 'term' && node.terms.includes('пхенья') && node.terms.includes('пхеньян'));
  });

  it('collects filters and turns date bounds into UTC instants', () => {
    const query = parseQuery(
      'санкции source:tsargrad source:ria lang:RU from:2024-03 to:2024-03-31 entity:Q123 speaker:Q7',
    );
    assert.deepEqual(query.filters, {
      sources: ['tsargrad', 'ria'],
      languages: ['ru'],
      from: '2024-03-01T00:00:00.000Z',
      to: '2024-04-01T00:00:00.000Z',
      entities: ['Q123'],
      speakers: ['Q7'],
    });
    assert.equal(show(query.text), 'санкц');
    assert.equal(parseQuery('speaker:Q7').text, null, 'a speaker filter alone is a query');
    assert.equal(parseQuery('to:2024').filters.to, '2025-01-01T00:00:00.000Z');
    assert.equal(parseQuery('lang:en').text, null);
  });

  it('applies a filter written beside an OR operand to the whole query', () => {
    const query = parseQuery('"Eastern Triangle" OR alliance lang:en from:2023-09');
    assert.equal(show(query.text), '("eastern triangl" | allianc)');
    assert.deepEqual(query.filters.languages, ['en']);
    assert.equal(query.filters.from, '2023-09-01T00:00:00.000Z');
    assert.equal(show(parseQuery('a lang:en OR b').text), '(a | b)');
    assert.deepEqual(parseQuery('a lang:en OR b').filters.languages, ['en']);
    assert.throws(() => parseQuery('a OR lang:en'), /OR needs a condition on each side/);
    assert.throws(() => parseQuery('a NOT lang:en'), /filters apply to the whole query/);
  });

  it('keeps the query text for messages', () => {
    assert.equal(parseQuery('a b').source, 'a b');
  });

  it('rejects malformed queries with the position of the problem', () => {
    const cases: Array<[string, RegExp]> = [
      ['"open', /unclosed quotation mark at character 1/],
      ['(a b', /unclosed \( at character 1/],
      ['a b)', /unmatched \) at character 4/],
      ['OR a', /OR needs a condition on each side at character 1/],
      ['a OR', /OR needs a condition on each side at character 3/],
      ['NOT', /NOT needs a condition after it/],
      ['(a source:x)', /filters apply to the whole query/],
      ['from:yesterday', /"yesterday" is not a date/],
      ['from:2024-13-01', /not a valid date/],
      ['source:', /needs a value/],
    ];
    for (const [query, message] of cases) {
      assert.throws(
        () => parseQuery(query),
        (error: unknown) => error instanceof QuerySyntaxError && message.test(error.message),
        query,
      );
    }
  });

  it('lists positive terms for highlighting, without negated ones', () => {
    assert.deepEqual(
      positiveTerms(parseQuery('"eastern nato" OR kim -south').text).map((t) => t.term),
      ['eastern', 'nato', 'kim'],
    );
  });
});
