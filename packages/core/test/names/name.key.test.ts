import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jaroWinkler, levenshtein, nameSkeleton, nameTokenKey } from '@echotrace/core';

describe('nameTokenKey', () => {
  it('gives transliteration variants one key', () => {
    const keys = ['Малофеев', 'Malofeev', 'Malofeyev', 'MALOFEYEV', 'Malofejew'].map(nameTokenKey);
    assert.equal(new Set(keys).size, 1, keys.join(' '));
  });

  it('folds iotation, y/i/j, kh/h, ts/tz, double letters and shch', () => {
    assert.equal(nameTokenKey('Valeryevich'), nameTokenKey('Valerievich'));
    assert.equal(nameTokenKey('Valeryevich'), nameTokenKey('Валерьевич'));
    assert.equal(nameTokenKey('Yevgeny'), nameTokenKey('Evgenii'));
    assert.equal(nameTokenKey('Khodorkovsky'), nameTokenKey('Hodorkovskij'));
    assert.equal(nameTokenKey('Tsvetkov'), nameTokenKey('Tzvetkov'));
    assert.equal(nameTokenKey('Yuri'), nameTokenKey('Iurii'));
    assert.equal(nameTokenKey('Yulia'), nameTokenKey('Julija'));
    assert.equal(nameTokenKey('Kirill'), nameTokenKey('Kiril'));
    assert.equal(nameTokenKey('Shchukin'), nameTokenKey('Щукин'));
    assert.equal(nameTokenKey('Wladimirowitsch'), nameTokenKey('Vladimirovich'));
  });

  it('keeps different names apart', () => {
    assert.notEqual(nameTokenKey('Putin'), nameTokenKey('Petrov'));
    assert.notEqual(nameTokenKey('Ivanov'), nameTokenKey('Ivanova'));
  });
});

describe('nameSkeleton', () => {
  it('brings lossy romanizations to the same consonants', () => {
    assert.equal(nameSkeleton('فلاديمير'), nameSkeleton('Vladimir'));
    assert.equal(nameSkeleton('普京'), nameSkeleton('Putin'));
  });
});

describe('string similarity', () => {
  it('computes Levenshtein distance', () => {
    assert.equal(levenshtein('malofev', 'molofev'), 1);
    assert.equal(levenshtein('', 'abc'), 3);
    assert.equal(levenshtein('kitten', 'sitting'), 3);
  });

  it('computes Jaro-Winkler', () => {
    assert.equal(jaroWinkler('abc', 'abc'), 1);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.9611) < 0.001);
  });
});
