import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '@echotrace/core';
import { loadTaxonomy, parseTaxonomy, ruleMatches } from '@echotrace/narratives';
import { words } from '@echotrace/narratives/training';

describe('narrative taxonomy', () => {
  it('ships the SemEval-2025 Task 10 narratives and sub-narratives and the demo ones', () => {
    const t = loadTaxonomy();
    const narratives = t.entries.filter((e) => !e.parentId);
    assert.equal(narratives.filter((e) => /^(URW|CC): /u.test(e.name)).length, 21);
    assert.equal(t.entries.filter((e) => e.parentId && /^(URW|CC): /u.test(e.name)).length, 90);
    const demo = t.byId.get('demo-moscow-beijing-pyongyang-alliance-drop-dprk-sanctions');
    assert.equal(demo?.parentId, 'demo-moscow-beijing-pyongyang-alliance');
    assert.equal(t.byName.get('URW: Discrediting Ukraine')?.id, 'urw-discrediting-ukraine');
  });

  it('refuses a malformed file naming it and the problem', () => {
    assert.throws(
      () => parseTaxonomy('version: 1\nnarratives:\n  - id: Bad Id\n    name: x\n', 'team.yaml'),
      (e: unknown) =>
        e instanceof InputError && e.input === 'team.yaml' && /narratives\.0\.id/u.test(e.problem),
    );
    assert.throws(
      () => parseTaxonomy('version: 1\nnarratives:\n  - {id: a, name: x}\n  - {id: a, name: y}\n', 't.yaml'),
      (e: unknown) => e instanceof InputError && /duplicate id a/u.test(e.problem),
    );
  });

  it('matches a rule when every group has a term at a word start (phrases in order)', () => {
    const rule = [['северн кор', 'кндр'], ['санкц']];
    assert.equal(ruleMatches(rule, words('Пора отменить санкции против Северной Кореи.')), true);
    assert.equal(ruleMatches(rule, words('Санкции против Ирана продлены.')), false);
    assert.equal(ruleMatches(rule, words('Корея северная, санкции')), false);
  });
});
