import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceMatcher, type Source } from '@echotrace/core';

const source = (id: string, name: string, homepage: string | null = null): Source => ({
  id,
  name,
  kind: 'website',
  homepage,
  language: null,
  country: null,
  labels: [],
});

describe('createSourceMatcher', () => {
  const matcher = createSourceMatcher([
    source('pryamoy-navodkoy', 'Прямой наводкой'),
    source('derzhavny-vestnik', 'Державный вестник', 'https://www.derzhavny-vestnik.test/'),
  ]);
  it('attributes a reader-named source to the registered source of the same name', () => {
    assert.equal(matcher.match(source('прямой-наводкой', 'Прямой  НАВОДКОЙ'), null).id, 'pryamoy-navodkoy');
  });
  it('attributes a saved page to the source whose homepage is on its canonical host', () => {
    assert.equal(
      matcher.match(source('local-files', 'Local files'), 'https://derzhavny-vestnik.test/2024/a.html').id,
      'derzhavny-vestnik',
    );
  });
  it('keeps unknown sources as they are', () => {
    const other = source('local-files', 'Local files');
    assert.equal(matcher.match(other, 'https://elsewhere.test/a'), other);
    assert.equal(matcher.match(other, 'not a url'), other);
  });

  it('tells Telegram channels apart by their public name, not by the t.me host they share', () => {
    const channels = createSourceMatcher([
      source('kanal-a', 'Канал А', 'https://t.me/kanal_a'),
      source('kanal-b', 'Канал Б', 'https://t.me/s/kanal_b'),
    ]);
    const post = source('unnamed', 'Unnamed');
    assert.equal(channels.match(post, 'https://t.me/kanal_a/17').id, 'kanal-a');
    assert.equal(channels.match(post, 'https://t.me/kanal_b/3').id, 'kanal-b');
    assert.equal(channels.match(post, 'https://t.me/other_channel/3'), post);
  });
});
