import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { latinToCyrillic, toLatin, transliterateCyrillic, transliterationVariants } from '@echotrace/core';

describe('transliterateCyrillic', () => {
  it('writes the systems analysts meet', () => {
    assert.equal(transliterateCyrillic('Малофеев', 'bgn-pcgn'), 'Malofeyev');
    assert.equal(transliterateCyrillic('Малофеев', 'press'), 'Malofeyev');
    assert.equal(transliterateCyrillic('Малофеев', 'simple'), 'Malofeev');
    assert.equal(transliterateCyrillic('Малофеев', 'icao'), 'Malofeev');
    assert.equal(transliterateCyrillic('Щукин Юрий', 'iso9'), 'Ŝukin Ûrij');
    assert.equal(transliterateCyrillic('Щукин Юрий', 'scholarly'), 'Ščukin Jurij');
    assert.equal(transliterateCyrillic('Хрущёв', 'scholarly'), 'Xruščëv');
    assert.equal(transliterateCyrillic('Юрий Дмитриевич', 'icao'), 'Iurii Dmitrievich');
  });

  it('applies the press conventions for endings and soft signs', () => {
    assert.equal(
      transliterateCyrillic('Дмитрий Валерьевич Горбачёв', 'press'),
      'Dmitry Valeryevich Gorbachev',
    );
    assert.equal(transliterateCyrillic('Евгений', 'press'), 'Yevgeny');
  });

  it('keeps upper case words upper case', () => {
    assert.equal(transliterateCyrillic('МАЛОФЕЕВ Щукин', 'bgn-pcgn'), 'MALOFEYEV Shchukin');
  });

  it('lists distinct variants', () => {
    const variants = transliterationVariants('Малофеев');
    assert.ok(variants.includes('Malofeyev'));
    assert.ok(variants.includes('Malofeev'));
    assert.equal(new Set(variants).size, variants.length);
  });
});

describe('latinToCyrillic', () => {
  it('approximates Russian spelling of transliterated names', () => {
    assert.equal(latinToCyrillic('Malofeyev'), 'Малофеев');
    assert.equal(latinToCyrillic('Dmitry Shchukin'), 'Дмитрий Щукин');
    assert.equal(latinToCyrillic('Valeryevich'), 'Валерьевич');
    assert.equal(latinToCyrillic('Sergey'), 'Сергей');
  });
});

describe('toLatin', () => {
  it('romanizes other scripts', () => {
    assert.equal(toLatin('Владимир Путин'), 'Vladimir Putin');
    assert.equal(toLatin('Βλαντίμιρ Πούτιν').toLowerCase(), 'vladimir putin');
    assert.equal(toLatin('ვლადიმერ პუტინი').replace(/'/g, ''), 'vladimer putin');
  });
});
