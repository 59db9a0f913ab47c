// UTF-16 offsets to code points: the identity for BMP-only text, one less per astral character
// before the offset otherwise, and the same answer as counting `Array.from` over the prefix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codePointOffsets, codePointSpan } from '@echotrace/core';

const byCounting = (text: string, offset: number) => Array.from(text.slice(0, offset)).length;

describe('codePointOffsets', () => {
  it('is the identity on text without astral characters', () => {
    const text = 'Москва — Пхеньян, «союз»';
    const convert = codePointOffsets(text);
    for (let i = 0; i <= text.length; i++) assert.equal(convert(i), i);
  });

  it('agrees with counting code points at every boundary of mixed text', () => {
    const text = '😀a𠀋бв🇷🇺\uD800x😀😀y';
    const convert = codePointOffsets(text);
    for (let i = 0; i <= text.length; i++) {
      const inPair = i > 0 && /[\uD800-\uDBFF]/.test(text[i - 1]!) && /[\uDC00-\uDFFF]/.test(text[i] ?? '');
      if (!inPair) assert.equal(convert(i), byCounting(text, i), `offset ${i}`);
    }
    assert.equal(convert(text.length), Array.from(text).length);
  });

  it('converts a span', () => {
    const text = '🔥 Иванов';
    const start = text.indexOf('Иванов');
    assert.deepEqual(codePointSpan(codePointOffsets(text), { start, end: text.length }), {
      startCodePoint: 2,
      endCodePoint: 8,
    });
  });
});
