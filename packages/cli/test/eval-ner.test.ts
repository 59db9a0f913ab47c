import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from './cli.harness.ts';

// A tiny CoNLL file written for this test: two sentences, four entities.
const CONLL = `-DOCSTART- -X- O O

Maria NNP I-NP I-PER
Ivanova NNP I-NP I-PER
flew VBD I-VP O
to TO I-PP O
Berlin NNP I-NP I-LOC
. . O O

Siemens NNP I-NP I-ORG
hired VBD I-VP O
Peter NNP I-NP I-PER
Smith NNP I-NP I-PER
. . O O
`;

describe('echotrace eval ner', () => {
  it('prints per-type and overall scores for a CoNLL file', async () => {
    const file = path.join(tempDir(), 'toy.testa');
    writeFileSync(file, CONLL);
    const result = await runCli(['eval', 'ner', '--format', 'conll', '--data', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^overall\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+4\s/m);
    assert.match(result.stdout, /^PER\s/m);
  });

  it('prints JSON with --json', async () => {
    const file = path.join(tempDir(), 'toy.testa');
    writeFileSync(file, CONLL);
    const result = await runCli(['eval', 'ner', '--format', 'conll', '--data', file, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const parsed = JSON.parse(result.stdout) as { documents: number; exact: { overall: { gold: number } } };
    assert.equal(parsed.documents, 1);
    assert.equal(parsed.exact.overall.gold, 4);
  });

  it('exits 2 on a bad format and 1 on a missing path', async () => {
    const bad = await runCli(['eval', 'ner', '--format', 'xml', '--data', 'x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be one of/);
    const missing = await runCli(['eval', 'ner', '--format', 'brat', '--data', path.join(tempDir(), 'nope')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no such file or directory/);
  });
});
