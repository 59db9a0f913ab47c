import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareNames, compareNameTokens, parseName } from '@echotrace/core';

describe('compareNames', () => {
  it('scores an identical name 1 as exact', () => {
    assert.deepEqual(
      { ...compareNames('Konstantin Malofeev', 'Konstantin Malofeev'), explanation: '' },
      { score: 1, how: 'exact', explanation: '' },
    );
  });

  it('ignores token order', () => {
    const result = compareNames('MALOFEEV, Konstantin', 'Konstantin Malofeev');
    assert.equal(result.how, 'token-order');
    assert.equal(result.score, 1);
  });

  it('matches across transliterations and scripts', () => {
    const latin = compareNames('MALOFEYEV, Konstantin', 'Konstantin Malofeev');
    assert.equal(latin.how, 'transliteration');
    assert.ok(latin.score > 0.95);
    const cyrillic = compareNames('MALOFEYEV, Konstantin', 'Константин Малофеев');
    assert.equal(cyrillic.how, 'transliteration');
    assert.ok(cyrillic.score > 0.95);
  });

  it('matches inflected forms', () => {
    const result = compareNames('Константин Малофеев', 'Константина Малофеева');
    assert.equal(result.how, 'inflection');
    assert.ok(result.score > 0.9);
  });

  it('tolerates a typo', () => {
    const result = compareNames('MALOFEYEV, Konstantin', 'Konstantin Molofeyev');
    assert.equal(result.how, 'fuzzy');
    assert.ok(result.score > 0.85, String(result.score));
  });

  it('accepts initials that fit and rejects those that do not', () => {
    const fits = compareNames('MALOFEYEV, Konstantin', 'K. Malofeev');
    assert.equal(fits.how, 'initials');
    assert.ok(fits.score > 0.9);
    const conflicts = compareNames('MALOFEYEV, Konstantin', 'S. Malofeev');
    assert.ok(conflicts.score < 0.7, String(conflicts.score));
  });

  it('uses patronymic initials', () => {
    const fits = compareNames('PUTIN, Vladimir Vladimirovich', 'Vladimir V. Putin');
    const conflicts = compareNames('PUTIN, Vladimir Vladimirovich', 'Vladimir A. Putin');
    assert.ok(fits.score > conflicts.score);
  });

  it('keeps different people apart', () => {
    assert.ok(compareNames('MALOFEYEV, Konstantin', 'Sergei Malofeev').score < 0.75);
    assert.ok(compareNames('PUTIN, Vladimir', 'Vladimir Petrov').score < 0.75);
    assert.ok(compareNames('Ivan Ivanov', 'Petr Sidorov').score < 0.5);
  });

  it('penalises a missing surname more than a missing given name', () => {
    assert.ok(
      compareNames('PUTIN, Vladimir', 'Putin').score > compareNames('PUTIN, Vladimir', 'Vladimir').score,
    );
  });

  it('compares lossy scripts on consonants', () => {
    assert.ok(compareNames('PUTIN, Vladimir', 'فلاديمير بوتين').score > 0.8);
    assert.ok(compareNames('PUTIN, Vladimir', '弗拉基米尔·普京').score > 0.8);
  });
});

describe('compareNameTokens', () => {
  it('labels how tokens agree', () => {
    assert.equal(compareNameTokens('Путин', 'Putin').how, 'transliteration');
    assert.equal(compareNameTokens('Путина', 'Putin').how, 'inflection');
    assert.equal(compareNameTokens('Molofeev', 'Malofeev').how, 'fuzzy');
    assert.equal(compareNameTokens('Ivanov', 'Putin').how, 'different');
  });
});

describe('compareNames across languages', () => {
  it('treats Russian, Ukrainian and Belarusian forms of a given name as one name', () => {
    const result = compareNames('PUTIN, Vladimir', 'Путін Володимир');
    assert.ok(result.score > 0.9, String(result.score));
    assert.equal(compareNameTokens('Uladzimir', 'Vladimir').how, 'transliteration');
  });

  it('reads Baltic nominative endings', () => {
    assert.equal(compareNameTokens('Putinas', 'Putin').how, 'inflection');
    assert.ok(compareNames('PUTIN, Vladimir', 'Vladimiras Putinas').score > 0.85);
  });

  it('keeps a name and a name derived from it apart', () => {
    assert.equal(compareNameTokens('Roman', 'Romanov').how, 'different');
    assert.ok(compareNames('ROMANOV, Mikhail', 'Roman Mikhailov').score < 0.7);
  });

  it('matches alphabetic scripts through romanization', () => {
    for (const name of [
      'Βλαντίμιρ Πούτιν',
      'Վլադիմիր Պուտին',
      'ვლადიმერ პუტინი',
      '블라디미르 푸틴',
      'ウラジーミル・プーチン',
    ]) {
      assert.ok(compareNames('PUTIN, Vladimir', name).score >= 0.8, name);
    }
  });

  it('does not treat a list comma as name order for organizations', () => {
    const parsed = parseName('ANGLO-CARIBBEAN CO., LTD.', { organization: true });
    assert.equal(parsed.order, 'unknown');
    assert.ok(parsed.tokens.every((token) => token.role === 'unknown'));
  });
});
