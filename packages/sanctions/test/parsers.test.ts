import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  detectSanctionsFormat,
  parseFtmJsonLines,
  parseOfacCsv,
  parseOfacRemarks,
  parseOfacXml,
  parseSanctionsFiles,
  readCsv,
} from '@echotrace/sanctions';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string): { name: string; text: string } => ({
  name,
  text: readFileSync(path.join(fixtures, name), 'utf8'),
});

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes and multi-line fields', () => {
    const items = [...readCsv('a,"b, c","say ""hi"""\n1,"two\nlines",3\n')];
    assert.deepEqual(items, [
      { record: { line: 1, fields: ['a', 'b, c', 'say "hi"'] } },
      { record: { line: 2, fields: ['1', 'two\nlines', '3'] } },
    ]);
  });

  it('reports a broken row and keeps the following ones', () => {
    const items = [...readCsv('1,"open\n2,"ok",x\n3,fine\n')];
    assert.ok('problem' in items[0]!);
    assert.equal((items[0] as { problem: { line: number } }).problem.line, 1);
    const records = items.filter((item) => 'record' in item);
    assert.deepEqual(
      records.map((item) => item.record.fields[0]),
      ['2', '3'],
    );
  });
});

describe('readCsv: recovery and line numbers', () => {
  it('numbers records by the line they start on, past blank lines and multi-line fields', () => {
    const items = [...readCsv('x\r\n\r\n1,"a" ,b\r\n2,"two\r\nlines"\r\n3, "c"\r\n')];
    assert.deepEqual(items, [
      { record: { line: 1, fields: ['x'] } },
      { record: { line: 3, fields: ['1', 'a', 'b'] } },
      { record: { line: 4, fields: ['2', 'two\nlines'] } },
      { record: { line: 6, fields: ['3', 'c'] } },
    ]);
  });

  it('takes a quote still open after 20 lines as stray: reports its row and reads on', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i + 2},row ${i + 2}`);
    const items = [...readCsv(['1,"stray', ...rows, '27,"late" quote', '28,last', ''].join('\n'))];
    assert.deepEqual(items[0], { problem: { line: 1, problem: 'unterminated quoted field' } });
    const records = items.filter((item) => 'record' in item).map((item) => item.record);
    assert.deepEqual(
      records.slice(0, 2).map((record) => [record.line, record.fields]),
      [
        [2, ['2', 'row 2']],
        [3, ['3', 'row 3']],
      ],
    );
    assert.deepEqual(records.at(-1), { line: 28, fields: ['28', 'last'] });
    assert.deepEqual(
      items.filter((item) => 'problem' in item).map((item) => item.problem.line),
      [1, 27],
    );
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    assert.deepEqual(
      [...readCsv('1,AL-"NOOR" CO\n')],
      [{ record: { line: 1, fields: ['1', 'AL-"NOOR" CO'] } }],
    );
  });
});

describe('parseOfacRemarks', () => {
  it('reads dates of birth, identifiers, nationality and links', () => {
    const facts = parseOfacRemarks(
      'DOB 03 Jul 1974; POB Somewhere, Russia; nationality Russia; National ID No. 4604189321 (Russia); Linked To: EXAMPLE, Person.',
    );
    assert.deepEqual(facts.birthDates, ['1974-07-03']);
    assert.deepEqual(facts.countries, ['Russia']);
    assert.deepEqual(facts.identifiers, [
      { kind: 'National ID No.', value: '4604189321', country: 'Russia' },
    ]);
    assert.deepEqual(facts.linkedTo, ['EXAMPLE, Person']);
  });
});

describe('parseOfacCsv', () => {
  const parsed = parseOfacCsv({
    sdn: fixture('ofac_sdn.fixture.csv'),
    alt: fixture('ofac_alt.fixture.csv'),
    add: fixture('ofac_add.fixture.csv'),
  });

  it('skips the wrong header, the end-of-file byte and malformed rows, keeping the rest', () => {
    assert.deepEqual(
      parsed.entries.map((entry) => entry.id),
      ['101', '102', '104', '106'],
    );
    assert.deepEqual(
      parsed.issues.map((issue) => [issue.file, issue.line]),
      [
        ['ofac_sdn.fixture.csv', 4],
        ['ofac_sdn.fixture.csv', 5],
        ['ofac_sdn.fixture.csv', 7],
      ],
    );
  });

  it('keeps programs, identifiers, dates, aliases and addresses', () => {
    const volkova = parsed.entries.find((entry) => entry.id === '101')!;
    assert.equal(volkova.kind, 'person');
    assert.equal(volkova.title, 'Director of Example Plant');
    assert.deepEqual(volkova.programs, ['RUSSIA-EO14024']);
    assert.deepEqual(volkova.birthDates, ['1970-03-12']);
    assert.deepEqual(volkova.identifiers, [{ kind: 'Tax ID No.', value: '770100000001', country: 'Russia' }]);
    assert.deepEqual(volkova.aliases, [{ name: 'VOLKOVA, Irina Sergeevna', kind: 'aka' }]);
    assert.equal(volkova.addresses[0]?.city, 'Tula 300000');
    const plant = parsed.entries.find((entry) => entry.id === '102')!;
    assert.deepEqual(plant.programs, ['RUSSIA-EO14024', 'UKRAINE-EO13662']);
    assert.deepEqual(plant.aliases, [{ name: 'OAO EXAMPLE PLANT', kind: 'fka' }]);
    const vessel = parsed.entries.find((entry) => entry.id === '104')!;
    assert.equal(vessel.kind, 'vessel');
    const builder = parsed.entries.find((entry) => entry.id === '106')!;
    assert.deepEqual(builder.birthDates, ['1965', '1966']);
    assert.deepEqual(builder.aliases, [{ name: 'OLEG THE BUILDER', kind: 'aka' }]);
  });

  it('resolves "Linked To:" relations to entry ids', () => {
    assert.deepEqual(
      parsed.relations.map((relation) => [relation.fromId, relation.toId]),
      [
        ['102', '101'],
        ['104', '102'],
      ],
    );
  });
});

describe('parseOfacXml', () => {
  const parsed = parseOfacXml(fixture('ofac_sdn.fixture.xml').text, 'sdn.xml');

  it('reads entries, aliases, ids and the publication date', () => {
    assert.equal(parsed.publishedOn, '2024-03-01');
    assert.deepEqual(
      parsed.entries.map((entry) => [entry.id, entry.name, entry.kind]),
      [
        ['201', 'ZHURAVLYOV, Pyotr Ivanovich', 'person'],
        ['202', 'EXAMPLE HOLDING & CO.', 'organization'],
      ],
    );
    const person = parsed.entries[0]!;
    assert.deepEqual(person.aliases, [
      { name: 'ZHURAVLEV, Petr', kind: 'aka' },
      { name: 'PETYA', kind: 'aka', weak: true },
    ]);
    assert.deepEqual(person.identifiers, [{ kind: 'Passport', value: '720000001', country: 'Russia' }]);
    assert.deepEqual(person.birthDates, ['1968-02-05']);
    assert.deepEqual(person.countries, ['Russia']);
    assert.deepEqual(parsed.entries[1]!.programs, ['RUSSIA-EO14024', 'UKRAINE-EO13662']);
  });

  it('reports an entry without uid with its line and keeps the others', () => {
    assert.equal(parsed.issues.length, 1);
    assert.equal(parsed.issues[0]!.line, 71);
    assert.deepEqual(
      parsed.relations.map((relation) => [relation.fromId, relation.toId]),
      [['201', '202']],
    );
  });
});

describe('parseFtmJsonLines', () => {
  const parsed = parseFtmJsonLines(fixture('entities.fixture.ftm.jsonl').text, 'entities.ftm.jsonl');

  it('keeps entities with names, identifiers, listing dates and addresses', () => {
    assert.deepEqual(
      parsed.entries.map((entry) => entry.id),
      ['ex-person-1', 'ex-company-1'],
    );
    const person = parsed.entries[0]!;
    assert.deepEqual(person.listedOn, ['2022-03-09']);
    assert.deepEqual(person.programs, ['EU Russia regime']);
    assert.ok(person.aliases.some((alias) => alias.name === 'Анатолий Петрович Громов'));
    assert.ok(person.identifiers.some((id) => id.kind === 'taxNumber' && id.value === '500100000002'));
    assert.ok(person.identifiers.some((id) => id.kind === 'passport' && id.value === '750000003'));
    assert.equal(parsed.entries[1]!.addresses[0]?.full, 'Tverskaya 1, Moscow');
  });

  it('turns Ownership records into relations', () => {
    assert.deepEqual(parsed.relations, [
      {
        list: 'opensanctions',
        fromId: 'ex-person-1',
        kind: 'ownership',
        toId: 'ex-company-1',
        toName: 'Example Works LLC',
        detail: '75%',
        startDate: '2015-06-01',
      },
    ]);
  });

  it('reports malformed lines by number', () => {
    assert.deepEqual(
      parsed.issues.map((issue) => issue.line),
      [6, 7],
    );
  });
});

describe('parseSanctionsFiles', () => {
  it('recognises formats and parses a set of OFAC CSV files together', () => {
    assert.equal(detectSanctionsFormat(fixture('ofac_sdn.fixture.xml')), 'ofac-xml');
    assert.equal(detectSanctionsFormat(fixture('entities.fixture.ftm.jsonl')), 'ftm');
    assert.equal(detectSanctionsFormat(fixture('ofac_alt.fixture.csv')), 'ofac-alt-csv');
    const parsed = parseSanctionsFiles(
      [fixture('ofac_alt.fixture.csv'), fixture('ofac_sdn.fixture.csv')],
      'test-list',
    );
    assert.equal(parsed.list, 'test-list');
    assert.equal(parsed.entries.length, 4);
    assert.equal(parsed.entries[0]!.list, 'test-list');
  });

  it('refuses to mix OFAC and FollowTheMoney files', () => {
    assert.throws(() =>
      parseSanctionsFiles([fixture('ofac_sdn.fixture.csv'), fixture('entities.fixture.ftm.jsonl')]),
    );
  });
});
