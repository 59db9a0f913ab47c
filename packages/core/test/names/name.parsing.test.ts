import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPatronymic, nominativeCandidates, parseName } from '@echotrace/core';

const forms = (token: string): string[] => nominativeCandidates(token).map((candidate) => candidate.form);

describe('nominativeCandidates', () => {
  it('returns both readings of an ambiguous -а surname', () => {
    assert.deepEqual(forms('Малофеева'), ['Малофеева', 'Малофеев']);
  });

  it('reduces oblique cases of surnames and first names', () => {
    assert.ok(forms('Путина').includes('Путин'));
    assert.ok(forms('Путиным').includes('Путин'));
    assert.ok(forms('Путину').includes('Путин'));
    assert.ok(forms('Малофеевой').includes('Малофеева'));
    assert.ok(forms('Сергея').includes('Сергей'));
    assert.ok(forms('Дмитрия').includes('Дмитрий'));
    assert.ok(forms('Анны').includes('Анна'));
    assert.ok(forms('Константину').includes('Константин'));
    assert.ok(forms('Валерьевича').includes('Валерьевич'));
    assert.ok(forms('Песковым').includes('Песков'));
    assert.ok(forms('Жириновского').includes('Жириновский'));
  });

  it('treats Шойгу as indeclinable', () => {
    assert.deepEqual(forms('Шойгу'), ['Шойгу']);
  });

  it('keeps letter case', () => {
    assert.ok(forms('ПУТИНА').includes('ПУТИН'));
  });

  it('handles transliterated feminine forms', () => {
    assert.ok(forms('Putina').includes('Putin'));
  });
});

describe('parseName', () => {
  it('reads the list order with a comma', () => {
    const parsed = parseName('MALOFEYEV, Konstantin Valeryevich');
    assert.deepEqual(
      parsed.tokens.map((token) => [token.text, token.role]),
      [
        ['MALOFEYEV', 'surname'],
        ['Konstantin', 'given'],
        ['Valeryevich', 'patronymic'],
      ],
    );
    assert.equal(parsed.order, 'surname-first');
  });

  it('infers the order from the patronymic', () => {
    assert.equal(parseName('Vladimir Vladimirovich Putin').tokens[2]?.role, 'surname');
    assert.equal(parseName('Путин Владимир Владимирович').tokens[0]?.role, 'surname');
  });

  it('reads initials', () => {
    const parsed = parseName('Путин В. В.');
    assert.deepEqual(
      parsed.tokens.map((token) => [token.text, token.initial]),
      [
        ['Путин', false],
        ['В', true],
        ['В', true],
      ],
    );
    assert.equal(parseName('K. Malofeev').tokens[1]?.role, 'surname');
  });

  it('removes titles', () => {
    const parsed = parseName('Президент Путин');
    assert.deepEqual(parsed.titles, ['Президент']);
    assert.deepEqual(
      parsed.tokens.map((token) => token.text),
      ['Путин'],
    );
  });

  it('recognises patronymics in several languages', () => {
    for (const token of [
      'Vladimirovich',
      'Wladimirowitsch',
      'Vladimirovitch',
      'Владимировна',
      'Volodymyrovych',
    ]) {
      assert.ok(isPatronymic(token), token);
    }
    assert.equal(isPatronymic('Vladimir'), false);
  });
});
