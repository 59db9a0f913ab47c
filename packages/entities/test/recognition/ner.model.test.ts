import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { loadNerModel, NER_LANGUAGES } from '@echotrace/entities';
import {
  modelPath,
  decodeModel,
  encodeModel,
  sequenceHashes,
  tagSequences,
  trainPerceptron,
  documentContext,
  documentHints,
  splitSequences,
  tokenize,
} from '@echotrace/entities/training';
import type { NerModel } from '@echotrace/entities/training';

describe('committed models', () => {
  for (const language of NER_LANGUAGES) {
    it(`loads ner.${language}.bin with BIO labels for PER/ORG/LOC`, () => {
      const size = statSync(modelPath(language)).size;
      assert.ok(size < 5 * 1024 * 1024, `model is ${size} bytes`);
      const model = loadNerModel(language);
      assert.equal(model.language, language);
      assert.equal(model.weights.labels[0], 'O');
      for (const type of ['PER', 'ORG', 'LOC']) {
        assert.ok(model.weights.labels.includes(`B-${type}`), `B-${type}`);
        assert.ok(model.weights.labels.includes(`I-${type}`), `I-${type}`);
      }
      assert.ok(model.weights.featureRows.size > 10_000);
      assert.equal(
        model.weights.emissions.length,
        model.weights.featureRows.size * model.weights.labels.length,
      );
      // Both stages are committed, over the same labels.
      assert.ok(model.stage2, 'second stage present');
      assert.deepEqual(model.stage2.labels, model.weights.labels);
      // Loading twice gives the cached instance, decoded once.
      assert.equal(loadNerModel(language), model);
    });
  }

  it('decodes the committed bytes the same way every time', () => {
    const bytes = readFileSync(modelPath('ru'));
    const a = decodeModel(bytes, 'ru');
    const b = decodeModel(bytes, 'ru');
    assert.deepEqual(a.weights.labels, b.weights.labels);
    assert.deepEqual(a.weights.emissions.subarray(0, 1000), b.weights.emissions.subarray(0, 1000));
  });

  it('rejects bytes that are not a model', async () => {
    const { gzipSync } = await import('node:zlib');
    assert.throws(
      () => decodeModel(gzipSync(Buffer.from('hello world')), 'fake.bin'),
      /fake\.bin: not an Echotrace NER model/,
    );
  });
});

// A toy language where capitalized words after "mr" are people and after "in" are places.
function toySentences(): Array<{ text: string; gold: Array<[string, string]> }> {
  const names = ['Smith', 'Jones', 'Brown', 'Green', 'White', 'Black'];
  const places = ['Paris', 'Oslo', 'Rome', 'Lima', 'Kyiv', 'Riga'];
  const sentences = [];
  for (let i = 0; i < 60; i++) {
    const name = names[i % names.length]!;
    const place = places[(i * 5) % places.length]!;
    sentences.push({
      text: `yesterday mr ${name} slept in ${place} again`,
      gold: [
        [name, 'PER'],
        [place, 'LOC'],
      ] as Array<[string, string]>,
    });
  }
  return sentences;
}

function trainToy(seed: number): NerModel {
  const data = toySentences().map(({ text, gold }) => {
    const words = tokenize(text).map((t) => t.text);
    const labels = words.map((w) => {
      const hit = gold.find(([name]) => name === w);
      return hit ? `B-${hit[1]}` : 'O';
    });
    return { features: sequenceHashes(words, documentContext([words])), labels };
  });
  const weights = trainPerceptron(data, { epochs: 3, seed, minFeatureCount: 1 });
  weights.marginScale = 1;
  return {
    language: 'toy',
    weights,
    typeMap: { PER: 'PERSON', LOC: 'LOCATION' },
    titleWords: [],
    titleHeads: [],
    trainedOn: {},
    info: {},
  };
}

describe('document hints for the second stage', () => {
  it('report the type the first stage gave the same word elsewhere, not here', () => {
    const words = [
      ['Vestas', 'said'],
      ['shares', 'in', 'Vestas', 'fell'],
      ['Vestas', 'Wind'],
    ];
    const labels = [
      ['B-ORG', 'O'],
      ['O', 'O', 'B-PER', 'O'],
      ['B-ORG', 'I-ORG'],
    ];
    const hints = documentHints(words, labels);
    assert.deepEqual(hints[1]![2], { own: 'B-PER', elsewhere: 'ORG' });
    assert.deepEqual(hints[0]![0], { own: 'B-ORG', elsewhere: 'ORG' });
    assert.deepEqual(hints[2]![1], { own: 'I-ORG', elsewhere: 'none' });
    assert.equal(hints[1]![0]!.elsewhere, 'none');
  });
});

describe('averaged perceptron', () => {
  it('learns a toy tagging task and generalizes to unseen names', () => {
    const model = trainToy(7);
    const text = 'yesterday mr Kowalski slept in Tallinn again';
    const spans = tagSequences(model, text, splitSequences(text, tokenize(text)));
    assert.deepEqual(
      spans.map((s) => [text.slice(s.start, s.end), s.type]),
      [
        ['Kowalski', 'PER'],
        ['Tallinn', 'LOC'],
      ],
    );
  });

  it('is deterministic for a seed, and survives encoding', () => {
    const a = trainToy(11);
    const b = trainToy(11);
    assert.deepEqual(Array.from(a.weights.emissions), Array.from(b.weights.emissions));
    const round = decodeModel(encodeModel(a, { pruneBelow: 0 }), 'toy');
    assert.deepEqual(round.weights.labels, a.weights.labels);
    const text = 'yesterday mr Kowalski slept in Tallinn again';
    const sequences = splitSequences(text, tokenize(text));
    assert.deepEqual(
      tagSequences(round, text, sequences).map((s) => [s.start, s.end, s.type]),
      tagSequences(a, text, sequences).map((s) => [s.start, s.end, s.type]),
    );
  });
});
