import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@echotrace/core';
import {
  readBrat,
  parseConll,
  readFactRuEval,
  bioLabels,
  Tally,
  tallyExact,
  splitSequences,
  tokenize,
} from '@echotrace/entities/training';
import { evaluateNer } from '@echotrace/entities';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ner-eval-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const CONLL = `-DOCSTART- -X- O O

Anna NNP I-NP I-PER
Berg NNP I-NP I-PER
visited VBD I-VP O
Oslo NNP I-NP I-LOC
Bergen NNP I-NP B-LOC
. . O O

-DOCSTART- -X- O O

Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
grew VBD I-VP O
`;

describe('CoNLL reader', () => {
  it('rebuilds text and IOB1 entities, B- splitting adjacent ones', () => {
    const docs = parseConll(CONLL, 'toy');
    assert.equal(docs.length, 2);
    const [first, second] = docs;
    assert.deepEqual(
      first!.gold.map((g) => [first!.text.slice(g.start, g.end), g.type]),
      [
        ['Anna Berg', 'PER'],
        ['Oslo', 'LOC'],
        ['Bergen', 'LOC'],
      ],
    );
    assert.deepEqual(
      second!.gold.map((g) => second!.text.slice(g.start, g.end)),
      ['Acme Corp'],
    );
    assert.deepEqual(bioLabels(first!.sequences[0]!, first!.gold), [
      'B-PER',
      'I-PER',
      'O',
      'B-LOC',
      'B-LOC',
      'O',
    ]);
  });
});

describe('FactRuEval reader', () => {
  it('uses the Natasha conversion: whole Person, org_name only, loc_name only', () => {
    const text = 'Мэр Москвы Иван Петров посетил Министерство обороны.';
    const at = (word: string): [number, number] => [text.indexOf(word), word.length];
    const tokens = tokenize(text)
      .map((t, i) => `${i + 1} ${t.start} ${t.end - t.start} ${t.text}`)
      .join('\n');
    writeFileSync(join(dir, 'doc_1.txt'), text);
    writeFileSync(join(dir, 'doc_1.tokens'), `${tokens}\n`);
    const span = (id: number, type: string, word: string): string =>
      `${id} ${type} ${at(word).join(' ')} 0 1  # x`;
    writeFileSync(
      join(dir, 'doc_1.spans'),
      [
        span(1, 'org_descr', 'Мэр'),
        span(2, 'loc_name', 'Москвы'),
        span(3, 'name', 'Иван'),
        span(4, 'surname', 'Петров'),
        span(5, 'org_name', 'Министерство обороны'),
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'doc_1.objects'),
      '10 Org 1 2 # Мэр Москвы\n11 LocOrg 2 # Москвы\n12 Person 3 4 # Иван Петров\n13 Org 5 # x\n',
    );
    const [doc] = readFactRuEval(dir);
    assert.deepEqual(
      doc!.gold.map((g) => [text.slice(g.start, g.end), g.type]),
      [
        ['Москвы', 'LOC'],
        ['Иван Петров', 'PER'],
        ['Министерство обороны', 'ORG'],
      ],
    );
    assert.equal(doc!.sequences.flat().length, tokenize(text).length);
  });
});

describe('brat reader', () => {
  it('maps NEREL types and flattens nesting by convention', () => {
    const brat = join(dir, 'brat');
    const text = 'Министерство обороны России и правительство Китая';
    const ann = [
      `T1\tORGANIZATION 0 27\tМинистерство обороны России`,
      `T2\tCOUNTRY 21 27\tРоссии`,
      `T3\tORGANIZATION 30 49\tправительство Китая`,
      `T4\tCOUNTRY 44 49\tКитая`,
      `T5\tPROFESSION 30 43\tправительство`,
      `R1\tLOCATED_IN Arg1:T1 Arg2:T2`,
    ].join('\n');
    mkdirSync(brat, { recursive: true });
    writeFileSync(join(brat, 'a.txt'), text);
    writeFileSync(join(brat, 'a.ann'), ann);
    const show = (convention: 'outermost' | 'names'): Array<[string, string]> => {
      const [doc] = readBrat(brat, convention);
      return doc!.gold.map((g) => [text.slice(g.start, g.end), g.type]);
    };
    assert.deepEqual(show('outermost'), [
      ['Министерство обороны России', 'ORG'],
      ['правительство Китая', 'ORG'],
    ]);
    assert.deepEqual(show('names'), [
      ['Министерство обороны', 'ORG'],
      ['России', 'LOC'],
      ['Китая', 'LOC'],
    ]);
  });
});

describe('scoring', () => {
  it('counts exact matches only, per type and overall', () => {
    const tally = new Tally();
    tallyExact(
      tally,
      [
        { start: 0, end: 4, type: 'PER' },
        { start: 10, end: 14, type: 'LOC' },
      ],
      [
        { start: 0, end: 4, type: 'PER' },
        { start: 10, end: 13, type: 'LOC' },
        { start: 20, end: 24, type: 'ORG' },
      ],
    );
    const table = tally.table();
    assert.equal(table.perType.PER!.f1, 1);
    assert.equal(table.perType.LOC!.f1, 0);
    assert.equal(table.overall.precision, 1 / 3);
    assert.equal(table.overall.recall, 1 / 2);
  });
});

describe('evaluateNer', () => {
  it('scores the committed English model on a CoNLL file', () => {
    const file = join(dir, 'toy.testa');
    writeFileSync(file, CONLL);
    const result = evaluateNer('conll', file);
    assert.equal(result.documents, 2);
    assert.equal(result.exact.overall.gold, 4);
    assert.ok(result.exact.overall.f1 >= 0 && result.exact.overall.f1 <= 1);
  });

  it('reports a missing path as an InputError', () => {
    assert.throws(() => evaluateNer('brat', join(dir, 'missing')), InputError);
  });

  it('splits text into sentence sequences at sentence ends and line breaks', () => {
    const text = 'One sentence here. Another one!\nThird line';
    const sequences = splitSequences(text, tokenize(text));
    assert.deepEqual(
      sequences.map((s) => s.map((t) => t.text).join(' ')),
      ['One sentence here .', 'Another one !', 'Third line'],
    );
  });
});
