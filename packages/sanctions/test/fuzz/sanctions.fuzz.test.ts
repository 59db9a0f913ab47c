// Property tests for the sanctions list readers: OFAC SDN CSV (sdn, alt, add), OFAC SDN XML and
// FollowTheMoney JSON lines. A broken row, element or line is an issue with its position and the
// rest is read; nothing throws but an InputError for a file that cannot be read at all.
// `npm test` runs a small seeded budget, `npm run fuzz` a long one (ECHOTRACE_FUZZ_RUNS/_SEED).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { InputError, type ParsedSanctionsList } from '@echotrace/core';
import {
  parseFtmJsonLines,
  parseOfacCsv,
  parseOfacRemarks,
  parseOfacXml,
  readCsv,
} from '@echotrace/sanctions';

const RUNS = Number(process.env.ECHOTRACE_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.ECHOTRACE_FUZZ_SEED ?? 16);
const settings = { numRuns: RUNS, seed: SEED };
const executions = new Map<string, number>();
const executed = (target: string) => executions.set(target, (executions.get(target) ?? 0) + 1);

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const SDN_CSV = fixture('ofac_sdn.fixture.csv');
const ALT_CSV = fixture('ofac_alt.fixture.csv');
const ADD_CSV = fixture('ofac_add.fixture.csv');
const SDN_XML = fixture('ofac_sdn.fixture.xml');
const FTM = fixture('entities.fixture.ftm.jsonl');

/** `valid` with random cuts and insertions of `pieces`: near-valid files reach the deep states. */
function mutated(valid: string, pieces: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat({ max: valid.length }),
    cut: fc.nat({ max: 30 }),
    insert: fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 8 })),
  });
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => {
    let text = valid;
    for (const { at, cut, insert } of edits) {
      const i = Math.min(at, text.length);
      text = text.slice(0, i) + insert + text.slice(i + cut);
    }
    return text;
  });
}

const CSV_PIECES = [
  '"',
  '""',
  ',',
  '\n',
  '\r\n',
  '\r',
  '-0- ',
  '101',
  'abc',
  '\u001a',
  '\uFEFF',
  'Linked To: ',
  'DOB ',
  '; ',
  'a.k.a. ',
];
const XML_PIECES = [
  '<sdnEntry>',
  '</sdnEntry>',
  '<uid>',
  '</uid>',
  '<uid>x</uid>',
  '<lastName>',
  '</lastName>',
  '<akaList>',
  '<aka>',
  '<!DOCTYPE x [<!ENTITY a "EXPANDED">]>',
  '<!ENTITY a "EXPANDED">',
  '&a;',
  '&#x110000;',
  '&#99999999;',
  '&#xD800;',
  '&amp;',
  '<![CDATA[',
  ']]>',
  '<',
  '>',
  '/',
];
const FTM_PIECES = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\n',
  '"schema":"Person"',
  '"properties":{}',
  '"name":[1]',
  'null',
  '"id":7',
];

function checkList(list: ParsedSanctionsList): void {
  for (const entry of list.entries) {
    assert.equal(typeof entry.id, 'string');
    assert.ok(typeof entry.name === 'string' && entry.name.trim() !== '', JSON.stringify(entry));
    assert.ok(entry.aliases.every((a) => typeof a.name === 'string'));
  }
  for (const issue of list.issues)
    assert.ok(typeof issue.problem === 'string' && Number.isInteger(issue.line));
}

describe(`sanctions reader properties (${RUNS} runs each, seed ${SEED})`, () => {
  it('readCsv yields records and problems for any text, never a throw', () => {
    const text = fc.oneof(
      fc.array(fc.constantFrom(...CSV_PIECES, 'x', 'y z'), { maxLength: 60 }).map((p) => p.join('')),
      mutated(SDN_CSV, CSV_PIECES),
    );
    fc.assert(
      fc.property(text, (input) => {
        executed('CSV reader');
        let last = 0;
        for (const item of readCsv(input)) {
          const line = 'record' in item ? item.record.line : item.problem.line;
          assert.ok(line >= last && line >= 1, `line ${line} after ${last}`);
          last = line;
        }
      }),
      settings,
    );
  });

  it('parseOfacCsv reads any sdn/alt/add files into entries and issues', () => {
    fc.assert(
      fc.property(
        mutated(SDN_CSV, CSV_PIECES),
        fc.option(mutated(ALT_CSV, CSV_PIECES)),
        fc.option(mutated(ADD_CSV, CSV_PIECES)),
        (sdn, alt, add) => {
          executed('OFAC CSV');
          const list = parseOfacCsv({
            sdn: { name: 'sdn.csv', text: sdn },
            ...(alt !== null && { alt: { name: 'alt.csv', text: alt } }),
            ...(add !== null && { add: { name: 'add.csv', text: add } }),
          });
          checkList(list);
        },
      ),
      settings,
    );
  });

  it('parseOfacXml reads any text or refuses it with an InputError, and expands no declared entity', () => {
    fc.assert(
      fc.property(mutated(SDN_XML, XML_PIECES), (xml) => {
        executed('OFAC XML');
        let list: ParsedSanctionsList;
        try {
          list = parseOfacXml(xml);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          return;
        }
        checkList(list);
        // The reader decodes the predefined entities only: a declared one is never expanded.
        // (Markup inside a field is kept as its text, declaration included: count only expansions.)
        const read = JSON.stringify(list.entries);
        const carried = read.split('\\"EXPANDED').length - 1;
        assert.ok(read.split('EXPANDED').length - 1 <= carried, 'a declared entity was expanded');
      }),
      settings,
    );
  });

  it('parseFtmJsonLines reads any text; a bad line is an issue with its number', () => {
    const text = fc.oneof(
      mutated(FTM, FTM_PIECES),
      fc
        .array(
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          { maxLength: 6 },
        )
        .map((l) => l.join('\n')),
    );
    fc.assert(
      fc.property(text, (input) => {
        executed('FtM JSON');
        checkList(parseFtmJsonLines(input));
      }),
      settings,
    );
  });

  it('parseOfacRemarks reads any remarks', () => {
    const remarks = fc.oneof(
      fc
        .array(
          fc.constantFrom(
            'DOB ',
            '12 Mar 1970',
            'circa 1960',
            'to ',
            '; ',
            'Linked To: ',
            'a.k.a. ',
            "'",
            'Tax ID No. ',
            '(Russia)',
            '.',
            'Gender Female',
            'nationality ',
            'x',
          ),
          { maxLength: 30 },
        )
        .map((p) => p.join('')),
      fc.string({ maxLength: 100 }),
    );
    fc.assert(
      fc.property(remarks, (text) => {
        executed('OFAC remarks');
        parseOfacRemarks(text);
      }),
      settings,
    );
  });

  it('reports the executions', () => {
    console.log([...executions].map(([t, n]) => `fuzz ${t}: ${n} executions, seed ${SEED}`).join('\n'));
    for (const target of ['CSV reader', 'OFAC CSV', 'OFAC XML', 'FtM JSON', 'OFAC remarks'])
      assert.ok(
        (executions.get(target) ?? 0) >= RUNS,
        `${target}: ${executions.get(target) ?? 0} of ${RUNS}`,
      );
  });
});
