import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBytes, scoreCyrillic } from '@echotrace/extract';

const RUSSIAN =
  'Министерство иностранных дел заявило, что переговоры продолжатся на следующей неделе. ' +
  'Представитель ведомства подчеркнул, что позиция страны остаётся неизменной.';

// Node's TextDecoder decodes these code pages but has no encoder; build bytes from the tables.
function encode(text: string, charset: string): Uint8Array {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(new Uint8Array([byte])), byte);
  return Uint8Array.from(
    [...text].map((ch) => {
      const byte = table.get(ch);
      if (byte === undefined) throw new Error(`${ch} not in ${charset}`);
      return byte;
    }),
  );
}
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

describe('decodeBytes', () => {
  it('detects windows-1251 without any declaration', () => {
    const result = decodeBytes(encode(RUSSIAN, 'windows-1251'), { origin: 't' });
    assert.equal(result.text, RUSSIAN);
    assert.equal(result.charset, 'windows-1251');
    assert.equal(result.source, 'detected');
  });

  it('detects KOI8-R without any declaration', () => {
    const result = decodeBytes(encode(RUSSIAN, 'koi8-r'), { origin: 't' });
    assert.equal(result.text, RUSSIAN);
    assert.equal(result.charset, 'koi8-r');
    assert.equal(result.source, 'detected');
  });

  it('detects short KOI8-R and windows-1251 headlines', () => {
    const headline = 'Путин провёл встречу с Си Цзиньпином';
    assert.equal(decodeBytes(encode(headline, 'koi8-r'), { origin: 't' }).text, headline);
    assert.equal(decodeBytes(encode(headline, 'windows-1251'), { origin: 't' }).text, headline);
  });

  it('does not read Western windows-1252 text as Cyrillic', () => {
    const text = 'Le café crème et la brûlée à Genève, déjà célèbre.';
    const result = decodeBytes(encode(text, 'windows-1252'), { origin: 't' });
    assert.deepEqual([result.text, result.charset], [text, 'windows-1252']);
  });

  it('detects UTF-8 without any declaration', () => {
    const result = decodeBytes(utf8(RUSSIAN), { origin: 't' });
    assert.deepEqual([result.text, result.charset, result.source], [RUSSIAN, 'utf-8', 'detected']);
  });

  it('follows the Content-Type header', () => {
    const result = decodeBytes(encode(RUSSIAN, 'koi8-r'), {
      origin: 't',
      contentTypeHeader: 'text/html; charset=KOI8-R',
    });
    assert.deepEqual([result.text, result.charset, result.source], [RUSSIAN, 'koi8-r', 'header']);
  });

  it('accepts cp1251 as an alias', () => {
    const result = decodeBytes(encode(RUSSIAN, 'windows-1251'), {
      origin: 't',
      contentTypeHeader: 'text/html;charset="cp1251"',
    });
    assert.deepEqual([result.charset, result.source], ['windows-1251', 'header']);
  });

  it('overrules a header claiming UTF-8 for bytes that are not UTF-8', () => {
    const result = decodeBytes(encode(RUSSIAN, 'windows-1251'), {
      origin: 't',
      contentTypeHeader: 'text/html; charset=utf-8',
    });
    assert.deepEqual([result.text, result.charset, result.source], [RUSSIAN, 'windows-1251', 'detected']);
  });

  it('a BOM wins over everything and is stripped', () => {
    const result = decodeBytes(concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(RUSSIAN)), {
      origin: 't',
      contentTypeHeader: 'text/plain; charset=windows-1251',
    });
    assert.deepEqual([result.text, result.charset, result.source], [RUSSIAN, 'utf-8', 'bom']);
  });

  it('reads <meta charset> when the header has none', () => {
    const html = `<html><head><meta charset="windows-1251"><title>т</title></head><body>${RUSSIAN}</body></html>`;
    const result = decodeBytes(encode(html, 'windows-1251'), { origin: 't', contentTypeHeader: 'text/html' });
    assert.deepEqual([result.charset, result.source], ['windows-1251', 'meta']);
    assert.ok(result.text.includes(RUSSIAN));
  });

  it('reads the http-equiv form of <meta>', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>Кот</body></html>`;
    const result = decodeBytes(encode(html, 'koi8-r'), { origin: 't' });
    assert.deepEqual([result.text.includes('Кот'), result.charset, result.source], [true, 'koi8-r', 'meta']);
  });

  it('reads the XML declaration', () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Кот</title></channel></rss>`;
    const result = decodeBytes(encode(xml, 'windows-1251'), { origin: 't' });
    assert.deepEqual([result.text, result.charset, result.source], [xml, 'windows-1251', 'xml-declaration']);
  });

  it('ignores an unknown declared label and detects instead', () => {
    const result = decodeBytes(encode(RUSSIAN, 'koi8-r'), {
      origin: 't',
      contentTypeHeader: 'text/html; charset=x-no-such',
    });
    assert.deepEqual([result.charset, result.source], ['koi8-r', 'detected']);
  });

  it('scores the right decoding above the wrong one', () => {
    const bytes = encode(RUSSIAN, 'koi8-r');
    assert.ok(
      scoreCyrillic(new TextDecoder('koi8-r').decode(bytes)) >
        scoreCyrillic(new TextDecoder('windows-1251').decode(bytes)),
    );
  });
});
