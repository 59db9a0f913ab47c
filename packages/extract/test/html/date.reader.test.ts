import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle, readDate } from '@echotrace/extract';

describe('readDate', () => {
  it('passes standard forms through, keeping the offset', () => {
    assert.equal(readDate('2024-11-26T09:15:00+03:00'), '2024-11-26T09:15:00+03:00');
    assert.equal(readDate('Tue, 26 Nov 2024 09:15:00 +0300'), '2024-11-26T09:15:00+03:00');
  });

  it('reads the forms outlets print', () => {
    assert.equal(readDate('2019/11/19'), '2019-11-19');
    assert.equal(readDate('26.11.2024 09:15'), '2024-11-26T09:15:00');
    assert.equal(readDate('09:15 26.11.2024'), '2024-11-26T09:15:00');
    assert.equal(readDate('26 ноября 2024, 09:15 МСК'), '2024-11-26T09:15:00+03:00');
    assert.equal(readDate('26 ноября 2024 г.'), '2024-11-26');
    assert.equal(readDate('November 19, 2019, 07:47 PM EST'), '2019-11-19T19:47:00-05:00');
    assert.equal(readDate('Sept. 5, 2019 at 12:30 a.m. EDT'), '2019-09-05T00:30:00-04:00');
    assert.equal(readDate('19 November 2019'), '2019-11-19');
  });

  it('refuses what is not a date', () => {
    for (const value of ['', 'garbage', '31.02.2024', '12:00 AM', 'Smarch 3, 2020', null, undefined]) {
      assert.equal(readDate(value), null, String(value));
    }
  });

  it('dates a page from microdata or a <time> without datetime when meta tags are silent', () => {
    const microdata =
      '<html><body><article><span itemprop="datePublished">26 ноября 2024, 09:15</span><p>Text.</p></article></body></html>';
    assert.equal(extractArticle(microdata).publishedAt, '2024-11-26T09:15:00');
    const time = '<html><body><article><time>09:15 26.11.2024</time><p>Text.</p></article></body></html>';
    assert.equal(extractArticle(time).publishedAt, '2024-11-26T09:15:00');
  });
});

describe('readDate: German, French and Spanish month names', () => {
  it('reads day-month-year with the month written out', () => {
    assert.equal(readDate('23. Juli 2017'), '2017-07-23');
    assert.equal(readDate('12. März 2022 um 10:30 Uhr'), '2022-03-12T10:30:00');
    assert.equal(readDate('3 mars 2020'), '2020-03-03');
    assert.equal(readDate('5 de mayo de 2021'), '2021-05-05');
    assert.equal(readDate('31. Februar 2022'), null);
    assert.equal(readDate('23. Juliet 2017'), null);
  });
});
