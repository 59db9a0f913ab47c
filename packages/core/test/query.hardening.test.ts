// Hostile and careless queries (issue 16): each row failed on the parser before the fix, and the
// fixtures fuzzing found are replayed here (packages/core/test/fixtures/query.fuzz.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, parseQuery, QuerySyntaxError } from '@echotrace/core';

function refused(query: string, pattern: RegExp): void {
  assert.throws(
    () => parseQuery(query),
    (error: unknown) => {
      assert.ok(error instanceof QuerySyntaxError, `${JSON.stringify(query)}: ${String(error)}`);
      assert.match(error.message, pattern);
      return true;
    },
    JSON.stringify(query),
  );
}

describe('parseQuery refuses what would silently match everything or nothing', () => {
  it('a blank query and one of only punctuation or emoji are the same error', () => {
    for (const query of ['', '   ', '\t']) refused(query, /the query is empty/);
    for (const query of ['!!!', '...', '—', '😀', '🇰🇵 🔥', '-!!!', '( )', '"…"', '«»'])
      refused(query, /no words to search for/);
  });

  it('a query with a filter and no words is still a listing', () => {
    assert.equal(parseQuery('source:vestnik').text, null);
    assert.equal(parseQuery('😀 lang:ru').text, null);
  });

  it('names an unknown filter instead of searching for its words', () => {
    refused('title:Пхеньян', /unknown filter title: \(filters are source: lang: from: to: entity:/);
    refused('foo:bar', /unknown filter foo:/);
    refused('Пхеньян Title:x', /unknown filter Title: .* at character 9/);
    refused('-author:smith', /unknown filter author:/);
  });

  it('still reads times, URLs, Cyrillic colons and quoted filters as text', () => {
    assert.equal(parseQuery('10:30').text?.kind, 'phrase');
    assert.notEqual(parseQuery('https://example.org/a').text, null);
    assert.notEqual(parseQuery('Внимание: санкции').text, null);
    assert.equal(parseQuery('"title:x"').text?.kind, 'phrase');
  });

  it('refuses a dangling AND', () => {
    refused('Пхеньян AND', /AND needs a condition after it at character 9/);
    refused('a AND AND b', /AND needs a condition after it/);
    refused('(a AND) b', /AND needs a condition after it/);
    refused('a AND OR b', /AND needs a condition after it/);
  });

  it('limits nesting depth instead of overflowing the stack', () => {
    refused(
      `${'('.repeat(3000)}a`,
      new RegExp(`nested deeper than ${MAX_QUERY_DEPTH} levels at character 33`),
    );
    refused(`${'('.repeat(1900)}a${')'.repeat(1900)}`, /nested deeper than/);
    // 3,000 balanced pairs are over the length limit first; either way no stack overflow.
    refused(`${'('.repeat(3000)}a${')'.repeat(3000)}`, /longer than the maximum/);
    refused(`${'NOT '.repeat(900)}a`, /nested deeper than/);
    const ok = `${'('.repeat(MAX_QUERY_DEPTH)}a${')'.repeat(MAX_QUERY_DEPTH)}`;
    assert.equal(parseQuery(ok).text?.kind, 'term');
  });

  it('limits the length of a query', () => {
    refused('a '.repeat(MAX_QUERY_LENGTH), new RegExp(`longer than the maximum of ${MAX_QUERY_LENGTH}`));
  });
});

describe('query fuzz findings, replayed', () => {
  const fixtures = JSON.parse(
    readFileSync(new URL('./fixtures/query.fuzz.json', import.meta.url), 'utf8'),
  ) as Array<{ query: string; expect: 'ok' | 'error'; note: string }>;

  it(`${fixtures.length} fixtures parse or fail as recorded, never with a non-query error`, () => {
    for (const { query, expect, note } of fixtures) {
      let outcome: 'ok' | 'error';
      try {
        parseQuery(query);
        outcome = 'ok';
      } catch (error) {
        assert.ok(error instanceof QuerySyntaxError, `${note}: ${String(error)}`);
        outcome = 'error';
      }
      assert.equal(outcome, expect, note);
    }
  });
});
