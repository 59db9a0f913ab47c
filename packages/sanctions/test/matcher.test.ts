import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SanctionsEntry } from '@echotrace/core';
import { createSanctionsMatcher, MATCH_THRESHOLD } from '@echotrace/sanctions';
import { listEntry } from './helpers/list.entries.ts';

const entry = (
  id: string,
  name: string,
  kind: SanctionsEntry['kind'],
  aliases: string[] = [],
): SanctionsEntry => listEntry(id, name, kind, aliases, { list: 'test', program: 'TEST-PROGRAM' });

const entries: SanctionsEntry[] = [
  entry('1', 'MALOFEYEV, Konstantin', 'person', ['MALOFEEV, Konstantin Valeryevich']),
  entry('2', 'MALOFEYEV, Kirill Konstantinovich', 'person'),
  entry('3', 'PUTIN, Vladimir Vladimirovich', 'person', ['PUTIN, Vladimir']),
  entry('4', 'SHOYGU, Sergei Kuzhugetovich', 'person'),
  entry('5', 'IVANOV, Sergei Borisovich', 'person'),
  entry('6', 'EXAMPLE WORKS LLC', 'organization', ['OOO EXAMPLE WORKS']),
  entry('7', 'NORTHERN STAR', 'vessel'),
];
const matcher = createSanctionsMatcher(entries);
const top = (query: string, type?: 'person' | 'organization') =>
  matcher.matchName(query, type === undefined ? {} : { type })[0];

describe('SanctionsMatcher', () => {
  it('finds a person by list order, press order, Cyrillic and an inflected surname', () => {
    for (const query of [
      'MALOFEYEV, Konstantin',
      'Konstantin Malofeev',
      'Константин Малофеев',
      'Малофеева',
    ]) {
      const best = top(query, 'person');
      assert.equal(best?.id, '1', query);
      assert.equal(best?.match, true, query);
    }
  });

  it('explains which variant matched and how', () => {
    const best = top('Konstantin Valeryevich Malofeev')!;
    assert.equal(best.matchedName, 'MALOFEEV, Konstantin Valeryevich');
    assert.match(best.explanation, /alias "MALOFEEV, Konstantin Valeryevich"/);
    assert.deepEqual(best.programs, ['TEST-PROGRAM']);
  });

  it('tolerates a typo and matches other scripts', () => {
    assert.equal(top('Konstantin Molofeyev')?.id, '1');
    assert.equal(top('Владимир Путин')?.id, '3');
    assert.equal(top('فلاديمير بوتين')?.match, true);
    assert.equal(top('Путиным')?.id, '3');
  });

  it('keeps indeclinable surnames and different given names apart', () => {
    assert.equal(top('Шойгу')?.id, '4');
    const other = matcher.matchName('Sergei Malofeev').find((candidate) => candidate.match);
    assert.equal(other, undefined);
    assert.equal(
      matcher.matchName('Ivan Ivanov').some((candidate) => candidate.match),
      false,
    );
  });

  it('does not match common names that are not listed', () => {
    for (const query of ['John Smith', 'Anna Petrova', 'Sergei Kuznetsov', 'Мария Иванова']) {
      assert.equal(matcher.matchName(query).filter((candidate) => candidate.match).length, 0, query);
    }
  });

  it('matches a rare surname alone as a partial match, a very common one only as a candidate', () => {
    const malofeev = top('Малофеева')!;
    assert.equal(malofeev.match, true);
    assert.equal(malofeev.partial, true);
    assert.equal(top('Konstantin Malofeev')?.partial, false);
    const ivanov = top('Иванов');
    assert.equal(ivanov?.id, '5');
    assert.equal(ivanov?.match, false);
    assert.match(ivanov?.explanation ?? '', /common surname/);
  });

  it('filters by type', () => {
    assert.equal(top('Example Works', 'organization')?.id, '6');
    assert.equal(top('Example Works', 'person'), undefined);
    assert.equal(top('Northern Star')?.id, '7');
  });

  it('orders candidates best first and marks matches by the threshold', () => {
    const candidates = matcher.matchName('Малофеев');
    assert.ok(candidates.length >= 2);
    for (let i = 1; i < candidates.length; i++) assert.ok(candidates[i - 1]!.score >= candidates[i]!.score);
    for (const candidate of candidates) assert.equal(candidate.match, candidate.score >= MATCH_THRESHOLD);
  });
});
