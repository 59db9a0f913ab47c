// What fuzzing the sanctions readers found, replayed as fixed inputs (each failed before its fix).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOfacXml } from '@echotrace/sanctions';

const sdnList = (entry: string) =>
  `<?xml version="1.0"?><sdnList><sdnEntry><uid>1</uid>${entry}<sdnType>Entity</sdnType></sdnEntry>` +
  '<sdnEntry><uid>2</uid><lastName>SECOND ENTRY</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>';

describe('sanctions fuzz findings', () => {
  it('sanctions.fuzz: a character reference past U+10FFFF is kept as written, not a RangeError', () => {
    for (const reference of ['&#x110000;', '&#99999999;']) {
      const list = parseOfacXml(sdnList(`<lastName>ACME${reference} LTD</lastName>`));
      assert.deepEqual(
        list.entries.map((e) => e.name),
        [`ACME${reference} LTD`, 'SECOND ENTRY'],
      );
    }
    assert.equal(parseOfacXml(sdnList('<lastName>&#x41;&#66;C</lastName>')).entries[0]!.name, 'ABC');
  });
});
