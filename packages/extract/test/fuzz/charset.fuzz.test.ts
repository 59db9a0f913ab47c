// Property tests for charset detection and decoding: any bytes decode under any Content-Type; text
// encoded as UTF-8, windows-1251 or KOI8-R without a declaration comes back as it was.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeBytes, detectCharset } from '@echotrace/extract';
import { executed, reportExecutions, RUNS, SEED, settings } from './fuzz.settings.ts';

const HEADS = [
  '',
  '<meta charset="koi8-r">',
  '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
  '<meta charset="utf-8">',
  '<meta charset="no-such">',
  '<?xml version="1.0" encoding="koi8-r"?>',
  '<?xml version="1.0" encoding="utf-16"?>',
];
const BOMS = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]];

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  fc
    .tuple(fc.constantFrom(...BOMS), fc.constantFrom(...HEADS), fc.uint8Array({ maxLength: 200 }))
    .map(([bom, head, tail]) => new Uint8Array([...bom, ...new TextEncoder().encode(head), ...tail])),
);
const header = fc.constantFrom(
  null,
  'text/html',
  'text/html; charset=koi8-r',
  'text/html; charset="windows-1251"',
  'text/html; charset=utf-8',
  'text/html; charset=x-unknown',
  'text/html; charset=',
  ';;;charset=utf-16le',
);

// Russian prose in the letters each single-byte charset has; the detector is scored on it.
const RUSSIAN_WORDS = [
  'министр',
  'заявил',
  'что',
  'переговоры',
  'продолжатся',
  'в',
  'понедельник',
  'Москве',
  'России',
  'санкции',
  'ещё',
];
const russian = fc
  .array(fc.constantFrom(...RUSSIAN_WORDS), { minLength: 12, maxLength: 60 })
  .map((w) => w.join(' '));

function encodeSingleByte(text: string, charset: 'windows-1251' | 'koi8-r'): Uint8Array {
  // The inverse of the WHATWG decoder's table for the charset.
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return new Uint8Array([...text].map((c) => table.get(c)!));
}

describe(`charset properties (${RUNS} runs each, seed ${SEED})`, () => {
  it('any bytes decode under any Content-Type header', () => {
    fc.assert(
      fc.property(bytes, header, (input, contentType) => {
        executed('charset decoding');
        const decoded = decodeBytes(input, { origin: 'x', contentTypeHeader: contentType });
        assert.equal(typeof decoded.text, 'string');
        assert.ok(decoded.charset.length > 0);
        const detected = detectCharset(input);
        assert.equal(typeof detected.text, 'string');
      }),
      settings,
    );
  });

  it('undeclared Russian text in UTF-8, windows-1251 or KOI8-R decodes to itself', () => {
    fc.assert(
      fc.property(russian, fc.constantFrom('utf-8', 'windows-1251', 'koi8-r'), (text, charset) => {
        executed('charset detection');
        const encoded =
          charset === 'utf-8' ? new TextEncoder().encode(text) : encodeSingleByte(text, charset);
        const decoded = decodeBytes(encoded, { origin: 'x' });
        assert.equal(decoded.text, text, `${charset} read as ${decoded.charset}`);
      }),
      settings,
    );
  });

  it('reports the executions', () => {
    reportExecutions(['charset decoding', 'charset detection']);
  });
});
