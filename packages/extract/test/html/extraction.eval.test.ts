import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  authorNames,
  countSnippets,
  matchShingles,
  scoreExtraction,
  scoreMatches,
  sameAuthors,
  scoreSnippets,
  shingles,
  tokenizeForEval,
} from '@echotrace/extract';

describe('benchmark metric', () => {
  it('tokenizes on word characters in any script, keeping case and underscores', () => {
    assert.deepEqual(tokenizeForEval('Hello, world! snake_case 42 — Привет, мир.'), [
      'Hello',
      'world',
      'snake_case',
      '42',
      'Привет',
      'мир',
    ]);
  });

  it('counts 4-token shingles as a multiset; shorter texts are one shorter shingle; empty has none', () => {
    assert.deepEqual(
      [...shingles('a b c d e')],
      [
        ['a b c d', 1],
        ['b c d e', 1],
      ],
    );
    assert.deepEqual(
      [...shingles('x y x y x y x')],
      [
        ['x y x y', 2],
        ['y x y x', 2],
      ],
    );
    assert.deepEqual([...shingles('only two')], [['only two', 1]]);
    assert.equal(shingles('  ,. ').size, 0);
  });

  it('normalizes a page to tp + fp + fn = 1', () => {
    // truth has 2 shingles; the prediction adds one more: tp 2, fp 1, fn 0.
    const m = matchShingles('a b c d e', 'a b c d e f');
    assert.deepEqual(m, { tp: 2 / 3, fp: 1 / 3, fn: 0 });
    const missing = matchShingles('a b c d e f', 'a b c d');
    assert.deepEqual(missing, { tp: 1 / 3, fp: 0, fn: 2 / 3 });
    assert.deepEqual(matchShingles('', ''), { tp: 0, fp: 0, fn: 0 });
  });

  it('averages precision and recall over pages and takes F1 of the averages', () => {
    const scores = scoreMatches([
      { tp: 0.5, fp: 0, fn: 0.5 }, // precision 1, recall 0.5
      { tp: 0.5, fp: 0.5, fn: 0 }, // precision 0.5, recall 1
    ]);
    assert.equal(scores.precision, 0.75);
    assert.equal(scores.recall, 0.75);
    // Not the mean of per-page F1s (which would be 2/3).
    assert.equal(scores.f1, 0.75);
  });

  it('leaves a page out of precision when nothing was predicted, but counts its recall as 0', () => {
    const truth = new Map([
      ['a', 'one two three four five'],
      ['b', 'six seven eight nine ten'],
    ]);
    const predicted = new Map([['a', 'one two three four five']]);
    const scores = scoreExtraction(truth, predicted);
    assert.equal(scores.precision, 1);
    assert.equal(scores.recall, 0.5);
    assert.equal(scores.pages, 2);
  });
});

describe('snippet metric (trafilatura evaluation)', () => {
  it('counts found and missing snippets after collapsing whitespace on both sides', () => {
    const text = 'The council met\non Monday.\n\nIt voted   to close the library.';
    assert.deepEqual(
      countSnippets(
        text,
        ['council met on Monday', 'voted to close', 'reopened in May'],
        ['Subscribe now', 'library'],
      ),
      { tp: 2, fp: 1, fn: 1, tn: 1 },
    );
    // A failed extraction misses every wanted snippet and shows no unwanted one.
    assert.deepEqual(countSnippets(null, ['a', 'b'], ['c']), { tp: 0, fp: 0, fn: 2, tn: 1 });
  });

  it('sums counts over pages before taking precision, recall and F once', () => {
    const scores = scoreSnippets([
      { tp: 3, fp: 0, fn: 1, tn: 2 },
      { tp: 1, fp: 2, fn: 3, tn: 0 },
    ]);
    assert.equal(scores.tp, 4);
    assert.equal(scores.precision, 4 / 6);
    assert.equal(scores.recall, 4 / 8);
    assert.equal(scores.f, (2 * 4) / (2 * 4 + 2 + 4));
    assert.equal(scores.accuracy, 6 / 12);
    assert.equal(scoreSnippets([]).f, 0);
  });
});

describe('author metric', () => {
  it('compares the set of names, whatever prefix, separators, order and case', () => {
    assert.deepEqual(authorNames('By Jane Doe and John Roe'), ['jane doe', 'john roe']);
    assert.ok(sameAuthors('Von Anna Beispiel und Bernd Muster', 'Bernd Muster, Anna Beispiel'));
    assert.ok(sameAuthors('JANE DOE', 'Jane Doe,'));
    assert.ok(sameAuthors('Иван Петров и Анна Смирнова', 'Анна Смирнова; Иван Петров'));
  });

  it('still tells different people, or one author of two, apart', () => {
    assert.equal(sameAuthors('Jane Doe', 'John Roe'), false);
    assert.equal(sameAuthors('Jane Doe and John Roe', 'Jane Doe'), false);
    assert.equal(sameAuthors('Jane Doe', ''), false);
    // A surname with a particle is one name, not two.
    assert.deepEqual(authorNames('Christoph von Ritter'), ['christoph von ritter']);
  });
});
